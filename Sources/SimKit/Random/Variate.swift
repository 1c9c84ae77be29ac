#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Variate

/// A distribution of the topology language, in base units (seconds, bytes, …), ready to sample.
///
/// Sampling costs one word of the stream for every case, whatever the parameters: a design that
/// swaps `constant(0.1)` for `exponential(mean: 0.1)` keeps every later draw of that stream in
/// step. Every case but gamma is sampled by inversion, x = F⁻¹(u) for one uniform u: a larger u
/// gives a larger x, so two designs fed the same stream get positively correlated samples — what
/// makes common random numbers reduce the variance of a comparison.
public enum Variate: Sendable, Hashable {
    case constant(Double)
    case exponential(mean: Double)
    case uniform(low: Double, high: Double)
    /// A normal TRUNCATED at 0 (durations and sizes cannot be negative): the normal conditioned on
    /// x ≥ 0, sampled by inversion on [Φ(−μ/σ), 1). `mean`, `variance` and `cdf` describe this
    /// truncated distribution, not the parent normal.
    case normal(mean: Double, standardDeviation: Double)
    /// `mu` and `sigma` of the underlying normal, in the logarithm of base units (median e^mu).
    case lognormal(mu: Double, sigma: Double)
    /// Sampled by Marsaglia–Tsang, not inversion: see `GammaSampler` for what that costs common
    /// random numbers.
    case gamma(shape: Double, scale: Double)
    /// `scale` is x_m, the minimum; `shape` is α. F(x) = 1 − (x_m/x)^α.
    case pareto(scale: Double, shape: Double)
    case empirical(EmpiricalSamples)
}

// MARK: - Sampling

extension Variate {
    /// One sample. Consumes exactly one `next()` of `generator`, allocates nothing.
    @inlinable @inline(__always)
    public func sample(_ generator: inout Xoshiro256StarStar) -> Double {
        // The commonest case first, inline: queueing models draw it once or twice per event.
        if case .exponential(let mean) = self { return -mean * log(1 - generator.nextUniform()) }
        if case .gamma(let shape, let scale) = self {
            return GammaSampler.sample(shape: shape, scale: scale, seed: generator.next())
        }
        return inverse(generator.nextUniform())
    }

    /// F⁻¹(u) for u in the open interval (0, 1): what `sample` returns for the uniform u (all
    /// cases but gamma, for which it is the slow numeric inverse). Written for the uniform grid of
    /// `nextUniform`, where 1 − u is exact, so the upper-tail forms use `log(1 − u)` (faster than
    /// `log1p`, equally exact there); `quantile` takes any p and uses the forms exact for it.
    @inlinable
    func inverse(_ u: Double) -> Double {
        switch self {
        case .constant(let value):
            return value
        case .exponential(let mean):
            return -mean * log(1 - u)
        case .uniform(let low, let high):
            return low + (high - low) * u
        case .normal(let mean, let standardDeviation):
            return TruncatedNormal.inverse(u, mean: mean, standardDeviation: standardDeviation)
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * NormalDistribution.quantile(u))
        case .gamma(let shape, let scale):
            return scale * IncompleteGamma.quantile(shape, u)
        case .pareto(let scale, let shape):
            return scale * exp(-log(1 - u) / shape)
        case .empirical(let samples):
            return samples.inverse(u)
        }
    }
}

// MARK: - Truncated normal

/// The normal(μ, σ) conditioned on x ≥ 0. With a = μ/σ (how many standard deviations the mean
/// lies above the cut) the kept mass is Φ(a), and F⁻¹(u) = μ − σ·Φ⁻¹((1 − u)·Φ(a)): inverting
/// the survival function rather than F keeps full precision when little is cut (a ≫ 0, the usual
/// case: 1 − u is exact and Φ⁻¹ is accurate near 0 and 1 alike).
@usableFromInline
internal enum TruncatedNormal {
    @inlinable
    static func inverse(_ u: Double, mean: Double, standardDeviation: Double) -> Double {
        guard standardDeviation > 0 else { return max(mean, 0) }
        let a = mean / standardDeviation
        if a < -NormalDistribution.farTail {
            return farTailInverse(u, mean: mean, standardDeviation: standardDeviation)
        }
        // Past 9σ, Φ(a) is exactly 1.0 in binary64: skip the erfc, same result.
        let kept = a >= 9 ? 1 : NormalDistribution.cdf(a)
        let z = -NormalDistribution.quantile((1 - u) * kept)
        // Rounding can put the cut a hair below zero.
        return max(0, mean + standardDeviation * z)
    }

    /// For a mean more than 25σ below the cut, Φ(a) underflows. Solve instead for the excess
    /// d = x/σ = z − α over the cut α = −a: (1 − Φ(α + d)) / (1 − Φ(α)) = 1 − u, in logarithms
    /// (the log ratio of `farTailLogRatio`, with R(α) hoisted out of the loop). The start is the Rayleigh tail approximation z² = α² − 2 ln(1 − u),
    /// written as an excess so nothing cancels; three Newton steps (the log ratio has slope
    /// −1/R(α + d)) make it exact. Working with d rather than z keeps full relative precision in
    /// x = σd, which is tiny next to μ and σα here.
    @usableFromInline
    static func farTailInverse(_ u: Double, mean: Double, standardDeviation: Double) -> Double {
        let alpha = -mean / standardDeviation
        let logTail = log(1 - u)
        let logMillsAtCut = log(NormalDistribution.millsRatio(alpha))
        var excess = -2 * logTail / ((alpha * alpha - 2 * logTail).squareRoot() + alpha)
        for _ in 0..<3 {
            let mills = NormalDistribution.millsRatio(alpha + excess)
            let logRatio = -0.5 * excess * (2 * alpha + excess) + log(mills) - logMillsAtCut
            excess = max(0, excess + (logRatio - logTail) * mills)
        }
        return standardDeviation * excess
    }

    /// ln[(1 − Φ(α + d)) / (1 − Φ(α))] for α ≥ `farTail`, d ≥ 0, as −d(2α + d)/2 + ln[R(α + d)/R(α)]
    /// with R the Mills ratio: the two tail logarithms (≈ −α²/2 each) are never subtracted.
    static func farTailLogRatio(alpha: Double, excess: Double) -> Double {
        -0.5 * excess * (2 * alpha + excess)
            + log(NormalDistribution.millsRatio(alpha + excess) / NormalDistribution.millsRatio(alpha))
    }

    /// F(x) = 1 − (1 − Φ(z))/(1 − Φ(α)) with z = (x − μ)/σ, α = −μ/σ; written as the difference of
    /// lower tails below the mean and the ratio of upper tails above it, so neither end cancels.
    /// Accurate to ~1e-15 absolute; only within the lowest ~1e-6 of probability next to the cut
    /// (where the two tails nearly coincide) is relative accuracy lost.
    static func cdf(_ x: Double, mean: Double, standardDeviation: Double) -> Double {
        if x.isNaN { return .nan }
        guard standardDeviation > 0 else { return x < max(mean, 0) ? 0 : 1 }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        let alpha = -mean / standardDeviation
        let z = (x - mean) / standardDeviation
        if alpha > NormalDistribution.farTail {
            let ratio = farTailLogRatio(alpha: alpha, excess: x / standardDeviation)
            return min(1, max(0, -expm1(ratio)))
        }
        let keptMass = NormalDistribution.survival(alpha)
        let value = z < 0
            ? (NormalDistribution.cdf(z) - NormalDistribution.cdf(alpha)) / keptMass
            : 1 - NormalDistribution.survival(z) / keptMass
        return min(1, max(0, value))
    }

    /// Mean μ + σλ and variance σ²(1 + αλ − λ²) with α = −μ/σ and λ the normal hazard at α.
    /// Past `farTail` both would cancel catastrophically (λ ≈ α + 1/α), so they are read off the
    /// continued fraction instead: λ − α = 1/S₁ and 1 + αλ − λ² = (2S₁/S₂ − 1)/S₁².
    static func moments(mean: Double, standardDeviation: Double) -> (mean: Double, variance: Double) {
        guard standardDeviation > 0 else { return (max(mean, 0), 0) }
        let alpha = -mean / standardDeviation
        let variance = standardDeviation * standardDeviation
        if alpha > NormalDistribution.farTail {
            let (_, s1, s2) = NormalDistribution.millsContinuedFraction(alpha)
            return (standardDeviation / s1, variance * max(0, (2 * s1 / s2 - 1) / (s1 * s1)))
        }
        let lambda = NormalDistribution.hazard(alpha)
        let factor = max(0, 1 + alpha * lambda - lambda * lambda)
        return (mean + standardDeviation * lambda, variance * factor)
    }
}
