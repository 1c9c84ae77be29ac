import Foundation

// MARK: - Distribution

/// A probability distribution over values of one dimension (values in base units).
///
/// The dimension is not stored: it is known from where the distribution is written (a service
/// time is a duration, a payload a size), and keeping it out keeps the cases plain numbers.
package enum Distribution: Sendable, Hashable {
    case constant(Double)
    case exponential(mean: Double)
    case uniform(low: Double, high: Double)
    /// Truncated at 0 when sampled, since durations and sizes cannot be negative; `mean` and
    /// `variance` describe the untruncated normal, which is close whenever mean ≫ standardDeviation.
    case normal(mean: Double, standardDeviation: Double)
    /// `mu` and `sigma` of the underlying normal, in the logarithm of base units.
    case lognormal(mu: Double, sigma: Double)
    case gamma(shape: Double, scale: Double)
    /// `scale` is x_m (the minimum), `shape` is alpha.
    case pareto(scale: Double, shape: Double)
    /// Samples loaded from a file later.
    case empirical(file: String)
}

// MARK: - Moments

extension Distribution {
    /// The exact mean, or nil where it is infinite or unknown (pareto with shape ≤ 1, empirical).
    package var mean: Double? {
        let value: Double? = switch self {
        case .constant(let value): value
        case .exponential(let mean): mean
        case .uniform(let low, let high): low / 2 + high / 2
        case .normal(let mean, _): mean
        case .lognormal(let mu, let sigma): exp(mu + sigma * sigma / 2)
        case .gamma(let shape, let scale): shape * scale
        case .pareto(let scale, let shape): shape <= 1 ? nil : shape * scale / (shape - 1)
        case .empirical: nil
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The exact variance, or nil where it is infinite or unknown (pareto with shape ≤ 2, empirical).
    package var variance: Double? {
        let value: Double? = switch self {
        case .constant: 0
        case .exponential(let mean): mean * mean
        case .uniform(let low, let high): (high - low) * (high - low) / 12
        case .normal(_, let standardDeviation): standardDeviation * standardDeviation
        case .lognormal(let mu, let sigma): expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
        case .gamma(let shape, let scale): shape * scale * scale
        case .pareto(let scale, let shape):
            shape <= 2 ? nil : scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2))
        case .empirical: nil
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }
}

// MARK: - Text

extension Distribution {
    /// The distribution written back in the topology language, with values in `dimension`'s
    /// units; `DistributionParser.parse` reads it back (to twelve significant digits).
    package func text(in dimension: Dimension) -> String {
        func quantity(_ value: Double) -> String { UnitParser.format(value, dimension) }
        func number(_ value: Double) -> String { UnitParser.format(value, .count) }
        switch self {
        case .constant(let value):
            return "constant(\(quantity(value)))"
        case .exponential(let mean):
            return "exponential(mean: \(quantity(mean)))"
        case .uniform(let low, let high):
            return "uniform(low: \(quantity(low)), high: \(quantity(high)))"
        case .normal(let mean, let standardDeviation):
            return "normal(mean: \(quantity(mean)), sd: \(quantity(standardDeviation)))"
        case .lognormal(let mu, let sigma):
            return "lognormal(median: \(quantity(exp(mu))), sigma: \(number(sigma)))"
        case .gamma(let shape, let scale):
            return "gamma(shape: \(number(shape)), scale: \(quantity(scale)))"
        case .pareto(let scale, let shape):
            return "pareto(scale: \(quantity(scale)), shape: \(number(shape)))"
        case .empirical(let file):
            let escaped = file.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "empirical(file: \"\(escaped)\")"
        }
    }
}

extension Distribution {
    /// The distribution as a topology writes it: `{ lognormal: { median: 20ms, sigma: 0.5 } }`,
    /// or a bare quantity for a constant.
    package func yamlText(in dimension: Dimension) -> String {
        let call = text(in: dimension)
        return CallSyntax.mappingForm(of: call) ?? call
    }
}
