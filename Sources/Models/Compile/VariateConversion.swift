import Foundation
import SimKit
import Topology

/// Topology distributions (as written) to SimKit variates (ready to sample).
enum VariateConversion {
    struct Failure: Error {
        var message: String
    }

    /// `file` of an empirical distribution is read relative to `directory`, one value per line
    /// (with the field's unit, or a plain number in base units: seconds, bytes, megapixels).
    static func variate(_ distribution: Distribution, dimension: UnitDimension, directory: String) throws -> Variate {
        switch distribution {
        case .constant(let value): return .constant(value)
        case .exponential(let mean): return .exponential(mean: mean)
        case .uniform(let low, let high): return .uniform(low: low, high: high)
        case .normal(let mean, let sd): return .normal(mean: mean, standardDeviation: sd)
        case .lognormal(let mu, let sigma): return .lognormal(mu: mu, sigma: sigma)
        case .gamma(let shape, let scale): return .gamma(shape: shape, scale: scale)
        case .pareto(let scale, let shape): return .pareto(scale: scale, shape: shape)
        case .empirical(let file):
            let path = file.hasPrefix("/") ? file : directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Failure(message: "can't read the empirical samples file `\(path)`")
            }
            var values: [Double] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if let number = Double(trimmed), number.isFinite, number >= 0 {
                    values.append(number)
                } else if case .success(let quantity) = UnitParser.parse(trimmed, as: dimension), quantity.value >= 0 {
                    values.append(quantity.value)
                } else {
                    throw Failure(message: "\(path):\(index + 1): `\(trimmed)` is not a non-negative \(dimension.noun)")
                }
            }
            do {
                return .empirical(try EmpiricalSamples(values))
            } catch {
                throw Failure(message: "`\(path)` holds no samples")
            }
        }
    }
}
