import Foundation
import SimKit
import Topology

extension NetworkCompilerWorkloads {}

/// Workload compilation: arrival processes, attribute mixes, payloads.
enum NetworkCompilerWorkloads {
    static func arrival(_ value: Value, files: DataFiles, variate: (Value, UnitDimension) -> Variate?) throws -> ArrivalPlan {
        switch value.tag {
        case "poisson":
            return .poisson(rate: value["rate"]?.double ?? 0)
        case "profile":
            let steps = value["steps"]?.elements ?? []
            let period = value["repeat"]?.bool == true ? value["period"]?.double : nil
            return .piecewise(
                starts: steps.map { $0["at"]?.double ?? 0 }, rates: steps.map { $0["rate"]?.double ?? 0 }, period: period)
        case "diurnal":
            return .diurnal(
                mean: value["mean"]?.double ?? 0, peakFactor: value["peak_factor"]?.double ?? 2,
                period: value["period"]?.double ?? 86_400, peakAt: value["peak_at"]?.double ?? 50_400)
        case "bursts":
            let every = value["every"]?.double ?? 600
            let length = value["for"]?.double ?? 30
            return .piecewise(
                starts: [0, length], rates: [value["burst_rate"]?.double ?? 0, value["rate"]?.double ?? 0], period: every)
        case "closed":
            guard let think = value["think_time"], let thinkTime = variate(think, .duration) else {
                throw CompileFailure(message: "bad think time", location: value.location)
            }
            return .closed(users: value["users"]?.int ?? 1, thinkTime: thinkTime)
        case "trace":
            // Read as validate reads it (`DataFiles.readTrace`); messages never quote the file.
            switch files.readTrace(value["file"]?.text ?? "") {
            case .success(let times):
                return .trace(times: times, loop: value["loop"]?.bool ?? false)
            case .failure(let problem):
                throw CompileFailure(message: problem.message, location: value["file"]?.location ?? value.location)
            }
        default:
            throw CompileFailure(message: "unknown arrival process", location: value.location)
        }
    }

    /// Every combination of attribute values, with its probability (attributes independent).
    static func combinations(_ mix: [MixAttribute]) -> ([NetworkPlan.AttributeCombination], [Double]) {
        var combinations: [([String: String], Double)] = [([:], 1)]
        for attribute in mix {
            var next: [([String: String], Double)] = []
            for (values, probability) in combinations {
                for share in attribute.shares {
                    var extended = values
                    extended[attribute.attribute] = share.value
                    next.append((extended, probability * share.probability))
                }
            }
            combinations = next
        }
        let priorityAttribute = mix.first { $0.attribute == "priority" }
        var cumulative: [Double] = []
        var total = 0.0
        var result: [NetworkPlan.AttributeCombination] = []
        for (values, probability) in combinations {
            total += probability
            cumulative.append(total)
            var priorityClass = 0
            if let priorityAttribute, let value = values["priority"] {
                priorityClass = Int(value) ?? (priorityAttribute.shares.firstIndex { $0.value == value } ?? 0)
            }
            result.append(.init(values: values, priorityClass: priorityClass))
        }
        // Rounding: the last cumulative probability is exactly 1.
        if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
        return (result, cumulative)
    }
}

struct CompileFailure: Error {
    var message: String
    var location: SourceLocation
}
