#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Regularized incomplete gamma

/// P(a, x) and Q(a, x) = 1 − P(a, x), the regularized incomplete gamma functions: the CDF and
/// survival function of a Gamma(shape a, scale 1). After Numerical Recipes (3rd ed., §6.2): the
/// power series where it converges quickly (x < a + 1), Lentz's continued fraction for Q otherwise,
/// each computing the smaller of P and Q directly so neither loses precision by subtraction.
/// Used only by `cdf` and `quantile` (tests, reports), never while sampling.
@usableFromInline
internal enum IncompleteGamma {
    /// P(a, x) for a > 0.
    static func lower(_ a: Double, _ x: Double) -> Double {
        if x.isNaN || a.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x)
    }

    /// Q(a, x) for a > 0.
    static func upper(_ a: Double, _ x: Double) -> Double {
        if x.isNaN || a.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x)
    }

    /// ln(x^a e^−x / Γ(a)), the factor both expansions share; in logarithms so that large shapes
    /// (a ~ 1e6) neither overflow nor underflow.
    static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        a * log(x) - x - SpecialFunctions.logGamma(a)
    }

    /// Enough terms for every shape the language can express: both expansions need O(√a) terms
    /// near x ≈ a, and fewer elsewhere.
    static func iterationLimit(_ a: Double) -> Int {
        1_000 + Int(min(20 * a.squareRoot(), 1e6))
    }

    /// P(a, x) = x^a e^−x / Γ(a + 1) · Σ_n x^n / ((a+1)…(a+n)).
    static func series(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<iterationLimit(a) {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return sum * exp(logPrefactor(a, x))
    }

    /// Q(a, x) = x^a e^−x / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))), by the modified
    /// Lentz method.
    static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for i in 1...iterationLimit(a) {
            let n = Double(i)
            let an = -n * (n - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefactor(a, x)) * fraction
    }
}

// MARK: - Gamma quantile

extension IncompleteGamma {
    /// x with P(a, x) = p, for a Gamma(shape a, scale 1): Newton's method on P, kept inside a
    /// bracket that bisection shrinks whenever a Newton step would leave it. Above the median the
    /// residual is taken on Q, where the small tail probability is exact. (`@usableFromInline`
    /// because `Variate.inverse`, which is inlinable, falls back on it for gamma.)
    @usableFromInline
    static func quantile(_ a: Double, _ p: Double) -> Double {
        if p.isNaN || a.isNaN { return .nan }
        if p <= 0 { return 0 }
        if p >= 1 { return .infinity }
        let useUpper = p > 0.5
        let target = useUpper ? 1 - p : p
        // Residual > 0 means x is too large.
        func residual(_ x: Double) -> Double {
            useUpper ? target - upper(a, x) : lower(a, x) - target
        }
        var low = 0.0
        var high = max(1.0, a)
        while residual(high) < 0 {
            low = high
            high *= 2
            if high == .infinity { return .infinity }
        }
        var x = min(max(initialGuess(a, p), low), high)
        if !(x > low && x < high) { x = low > 0 ? 0.5 * (low + high) : 0.5 * high }
        let logGammaA = SpecialFunctions.logGamma(a)
        for _ in 0..<300 {
            let f = residual(x)
            if f == 0 { return x }
            if f > 0 { high = x } else { low = x }
            let density = exp((a - 1) * log(x) - x - logGammaA)
            var next = x - f / density
            if !(next > low && next < high) {
                // Bisect, geometrically while the bracket still spans orders of magnitude.
                next = low > 0 && high / low > 4 ? (low * high).squareRoot() : (low > 0 ? 0.5 * (low + high) : 0.25 * high)
            }
            if abs(next - x) <= 4 * Double.ulpOfOne * x || high - low <= 4 * Double.ulpOfOne * high {
                return next
            }
            x = next
        }
        return x
    }

    /// Wilson–Hilferty (the cube root of a gamma is nearly normal) for moderate p and shapes; for
    /// small p, the leading term of the series, P(a, x) ≈ x^a / Γ(a + 1).
    static func initialGuess(_ a: Double, _ p: Double) -> Double {
        let smallP = exp((log(p) + SpecialFunctions.logGamma(a + 1)) / a)
        if a < 1 && p < 0.5 { return smallP }
        let z = NormalDistribution.quantile(p)
        let c = 1 / (9 * a)
        let cube = 1 - c + z * c.squareRoot()
        let wilsonHilferty = a * cube * cube * cube
        return wilsonHilferty > 0 ? wilsonHilferty : smallP
    }
}
