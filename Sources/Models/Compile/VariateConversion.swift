import Foundation
import SimKit
import Topology

/// Topology distributions (as written) to SimKit variates (ready to sample).
enum VariateConversion {
    struct Failure: Error {
        var message: String
    }

    /// `file` of an empirical distribution is read through `files`, as validate reads it
    /// (`DataFiles.readSamples`: relative to the topology's folder, never outside it unless
    /// allowed, one value per line in the field's unit or a plain number in base units).
    static func variate(_ distribution: Distribution, dimension: UnitDimension, files: DataFiles) throws -> Variate {
        switch distribution {
        case .constant(let value): return .constant(value)
        case .exponential(let mean): return .exponential(mean: mean)
        case .uniform(let low, let high): return .uniform(low: low, high: high)
        case .normal(let mean, let sd): return .normal(mean: mean, standardDeviation: sd)
        case .lognormal(let mu, let sigma): return .lognormal(mu: mu, sigma: sigma)
        case .gamma(let shape, let scale): return .gamma(shape: shape, scale: scale)
        case .pareto(let scale, let shape): return .pareto(scale: scale, shape: shape)
        case .empirical(let file):
            switch files.readSamples(file, dimension: dimension) {
            case .failure(let problem):
                throw Failure(message: problem.message)
            case .success(let values):
                do {
                    return .empirical(try EmpiricalSamples(values))
                } catch {
                    throw Failure(message: "samples file `\(file)` holds no usable samples")
                }
            }
        }
    }
}
