#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Moments

extension Variate {
    /// The exact mean of what `sample` draws (so the truncated normal's), or nil where it is
    /// infinite (pareto with shape ≤ 1) or overflows.
    public var mean: Double? {
        let value: Double? = switch self {
        case .constant(let value): value
        case .exponential(let mean): mean
        case .uniform(let low, let high): low / 2 + high / 2
        case .normal(let mean, let standardDeviation):
            TruncatedNormal.moments(mean: mean, standardDeviation: standardDeviation).mean
        case .lognormal(let mu, let sigma): exp(mu + sigma * sigma / 2)
        case .gamma(let shape, let scale): shape * scale
        case .pareto(let scale, let shape): shape <= 1 ? nil : shape * scale / (shape - 1)
        case .empirical(let samples): samples.mean
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The exact variance of what `sample` draws, or nil where it is infinite (pareto with
    /// shape ≤ 2) or overflows.
    public var variance: Double? {
        let value: Double? = switch self {
        case .constant: 0
        case .exponential(let mean): mean * mean
        case .uniform(let low, let high): (high - low) * (high - low) / 12
        case .normal(let mean, let standardDeviation):
            TruncatedNormal.moments(mean: mean, standardDeviation: standardDeviation).variance
        case .lognormal(let mu, let sigma): expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
        case .gamma(let shape, let scale): shape * scale * scale
        case .pareto(let scale, let shape):
            shape <= 2 ? nil : scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2))
        case .empirical(let samples): samples.variance
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The squared coefficient of variation, variance / mean² (the c_s² of Pollaczek–Khinchine),
    /// or nil where either moment is infinite or the mean is 0. Closed forms where the ratio is
    /// scale-free, so it stays exact when the moments themselves would overflow.
    public var scv: Double? {
        switch self {
        case .exponential(let mean) where mean > 0: return 1
        case .lognormal(_, let sigma): return expm1(sigma * sigma).isFinite ? expm1(sigma * sigma) : nil
        case .gamma(let shape, let scale) where shape > 0 && scale > 0: return 1 / shape
        case .pareto(let scale, let shape) where scale > 0:
            return shape <= 2 ? nil : 1 / (shape * (shape - 2))
        default:
            guard let mean, let variance, mean != 0 else { return nil }
            return variance / (mean * mean)
        }
    }
}

// MARK: - Distribution function

extension Variate {
    /// P(X ≤ x) for what `sample` draws (Kolmogorov–Smirnov tests, reports).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        switch self {
        case .constant(let value):
            return x < value ? 0 : 1
        case .exponential(let mean):
            return x <= 0 ? 0 : -expm1(-x / mean)
        case .uniform(let low, let high):
            if x < low { return 0 }
            if x >= high { return 1 }
            return (x - low) / (high - low)
        case .normal(let mean, let standardDeviation):
            return TruncatedNormal.cdf(x, mean: mean, standardDeviation: standardDeviation)
        case .lognormal(let mu, let sigma):
            if x <= 0 { return 0 }
            guard sigma > 0 else { return log(x) < mu ? 0 : 1 }
            return NormalDistribution.cdf((log(x) - mu) / sigma)
        case .gamma(let shape, let scale):
            return x <= 0 ? 0 : IncompleteGamma.lower(shape, x / scale)
        case .pareto(let scale, let shape):
            return x <= scale ? 0 : -expm1(shape * log(scale / x))
        case .empirical(let samples):
            return samples.cdf(x)
        }
    }

    /// The p-quantile F⁻¹(p) = inf{x : F(x) ≥ p} for p in [0, 1] (NaN outside): closed forms
    /// except gamma (Newton's method on the incomplete gamma). `quantile(0)` is the bottom of the
    /// support, `quantile(1)` the top (+∞ for unbounded cases).
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        switch self {
        case .constant(let value):
            return value
        case .exponential(let mean):
            return p == 0 ? 0 : -mean * log1p(-p)
        case .uniform(let low, let high):
            return low + (high - low) * p
        case .normal(let mean, let standardDeviation):
            // The ends exactly, rather than μ − σ·Φ⁻¹(Φ(μ/σ)) ≈ 0 up to rounding.
            if p == 0 { return standardDeviation > 0 ? 0 : max(mean, 0) }
            if p == 1 { return standardDeviation > 0 ? .infinity : max(mean, 0) }
            return TruncatedNormal.inverse(p, mean: mean, standardDeviation: standardDeviation)
        case .lognormal(let mu, let sigma):
            return sigma > 0 ? exp(mu + sigma * NormalDistribution.quantile(p)) : exp(mu)
        case .gamma(let shape, let scale):
            return scale * IncompleteGamma.quantile(shape, p)
        case .pareto(let scale, let shape):
            return scale * exp(-log1p(-p) / shape)
        case .empirical(let samples):
            return samples.inverse(p)
        }
    }
}

// MARK: - Validity

extension Variate {
    /// Whether the parameters describe a proper distribution over [0, ∞) (the topology checker
    /// rejects the others with a located message; this is the engine's own guard).
    public var isValid: Bool {
        switch self {
        case .constant(let value):
            return value.isFinite && value >= 0
        case .exponential(let mean):
            return mean.isFinite && mean > 0
        case .uniform(let low, let high):
            return low.isFinite && high.isFinite && low >= 0 && low <= high
        case .normal(let mean, let standardDeviation):
            return mean.isFinite && standardDeviation.isFinite && standardDeviation >= 0
        case .lognormal(let mu, let sigma):
            return mu.isFinite && sigma.isFinite && sigma >= 0
        case .gamma(let shape, let scale):
            return shape.isFinite && scale.isFinite && shape > 0 && scale > 0
        case .pareto(let scale, let shape):
            return scale.isFinite && shape.isFinite && scale > 0 && shape > 0
        case .empirical:
            return true
        }
    }
}
