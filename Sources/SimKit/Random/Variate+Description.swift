// MARK: - Description

// In the spelling of the topology language's distributions, with values in base units
// (so test names and engine logs read like the input that produced them).
extension Variate: CustomStringConvertible {
    public var description: String {
        switch self {
        case .constant(let value):
            "constant(\(value))"
        case .exponential(let mean):
            "exponential(mean: \(mean))"
        case .uniform(let low, let high):
            "uniform(low: \(low), high: \(high))"
        case .normal(let mean, let standardDeviation):
            "normal(mean: \(mean), sd: \(standardDeviation))"
        case .lognormal(let mu, let sigma):
            "lognormal(mu: \(mu), sigma: \(sigma))"
        case .gamma(let shape, let scale):
            "gamma(shape: \(shape), scale: \(scale))"
        case .pareto(let scale, let shape):
            "pareto(scale: \(scale), shape: \(shape))"
        case .empirical(let samples):
            "empirical(\(samples.sorted.count) values)"
        }
    }
}
