import Foundation

// MARK: - Student's t

/// Quantiles of Student's t distribution, for confidence intervals over replications.
public enum StudentT {
    /// The p-quantile of Student's t with `degreesOfFreedom` (≥ 1) degrees of freedom:
    /// the t with P(T ≤ t) = p. A two-sided 95% interval uses `quantile(0.975, ...)`.
    ///
    /// Exact closed forms for 1 and 2 degrees of freedom; otherwise a Cornish–Fisher start
    /// refined by safeguarded Newton steps on the upper tail ½·I_{ν/(ν+t²)}(ν/2, ½), which
    /// is computed with the incomplete beta's continued fraction. Accurate to about 1e-10
    /// relative for p up to 1 − 1e-10 (the contract asks 1e-6 on [0.5, 0.9999]).
    ///
    /// Returns −∞ / +∞ at p = 0 / 1, and NaN for p outside [0, 1] or df < 1.
    public static func quantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        guard degreesOfFreedom >= 1, p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        if p == 1 { return .infinity }
        if p == 0 { return -.infinity }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: degreesOfFreedom) }

        let nu = Double(degreesOfFreedom)
        switch degreesOfFreedom {
        case 1:
            // Cauchy.
            return tan(Double.pi * (p - 0.5))
        case 2:
            let a = 4 * p * (1 - p)
            return (2 * p - 1) * (2 / a).squareRoot()
        default:
            return newtonQuantile(upperTail: 1 - p, nu: nu)
        }
    }

    /// P(T > t) for t ≥ 0.
    static func upperTail(_ t: Double, nu: Double) -> Double {
        0.5 * StatisticsMath.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5)
    }

    /// The density of T at t.
    static func density(_ t: Double, nu: Double) -> Double {
        let logNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// Solves upperTail(t) = q for t > 0 (q < ½).
    static func newtonQuantile(upperTail q: Double, nu: Double) -> Double {
        // Cornish–Fisher expansion of t in terms of the normal quantile z (A&S 26.7.5).
        let z = StatisticsMath.roughNormalQuantile(1 - q)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        var t = Swift.max(z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu), 1e-6)

        // Bracket [lo, hi] with upperTail(lo) > q > upperTail(hi); the tail decreases in t.
        var lo = 0.0
        var hi = t
        while upperTail(hi, nu: nu) > q { lo = hi; hi *= 2 }

        for _ in 0..<100 {
            let f = upperTail(t, nu: nu) - q
            if f > 0 { lo = Swift.max(lo, t) } else { hi = Swift.min(hi, t) }
            if f == 0 { return t }
            // Newton on g(t) = tail(t) − q, whose derivative is −density(t).
            var next = t + f / density(t, nu: nu)
            // Bisect whenever Newton leaves the bracket (keeps convergence guaranteed).
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-13 * t { return next }
            t = next
        }
        return t
    }
}
