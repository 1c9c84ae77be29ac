import Foundation

// MARK: - Special functions

/// Special functions behind `StudentT`, kept internal: the public surface is the quantile.
enum StatisticsMath {
    /// The regularized incomplete beta function I_x(a, b), a, b > 0.
    ///
    /// The continued fraction (Numerical Recipes §6.4, modified Lentz) converges fast for
    /// x < (a+1)/(a+b+2); above that the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) is used.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        // log of x^a (1−x)^b / B(a, b); log1p keeps (1−x) accurate for small x.
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        } else {
            return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
        }
    }

    /// The continued fraction of the incomplete beta function, by the modified Lentz method.
    static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        // Converges in O(√max(a, b)) steps; the cap is far above what df ≤ 10⁷ needs.
        for m in 1...100_000 {
            let m = Double(m)
            let m2 = 2 * m
            // Even step.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }

    /// Standard normal quantile, Abramowitz & Stegun 26.2.23 (|error| < 4.5·10⁻⁴): only a
    /// starting point for Newton's method, which does the real work.
    static func roughNormalQuantile(_ p: Double) -> Double {
        if p < 0.5 { return -roughNormalQuantile(1 - p) }
        let t = (-2 * log(1 - p)).squareRoot()
        let numerator = 2.515517 + t * (0.802853 + t * 0.010328)
        let denominator = 1 + t * (1.432788 + t * (0.189269 + t * 0.001308))
        return t - numerator / denominator
    }
}
