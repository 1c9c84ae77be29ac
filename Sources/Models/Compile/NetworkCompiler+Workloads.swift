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
            // The priority as a number, higher first (as RabbitMQ): a numeric value as written;
            // named values by their order in the mix, the first listed highest. `priorityLanes`
            // turns these into a station's lanes.
            var priority = 0
            if let priorityAttribute, let value = values["priority"] {
                let shares = priorityAttribute.shares
                priority = Int(value) ?? (shares.count - 1 - (shares.firstIndex { $0.value == value } ?? shares.count - 1))
            }
            result.append(.init(values: values, priorityClass: priority))
        }
        // Rounding: the last cumulative probability is exactly 1.
        if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
        return (result, cumulative)
    }
}

extension NetworkCompilerWorkloads {
    /// Priorities become station lanes: a `Station` serves lane 0 first, so the highest
    /// priority number of the topology gets lane 0, the next lane 1, and so on (one language
    /// convention, higher number = higher priority, for `service` stations and RabbitMQ
    /// alike). Rewrites every combination's `priorityClass` to its lane; returns the lane count.
    static func priorityLanes(_ workloads: inout [NetworkPlan.Workload]) -> Int {
        let numbers = Set(workloads.flatMap { $0.combinations.map(\.priorityClass) }).sorted(by: >)
        let lane = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($1, $0) })
        for index in workloads.indices {
            for combination in workloads[index].combinations.indices {
                workloads[index].combinations[combination].priorityClass = lane[workloads[index].combinations[combination].priorityClass] ?? 0
            }
        }
        return max(1, numbers.count)
    }
}

struct CompileFailure: Error {
    var message: String
    var location: SourceLocation
}
