import Models
import SimKit
import Topology

/// A capacity target checked against a run: passed when the mean across replications meets it.
package struct TargetOutcome: Sendable {
    package var text: String
    package var measured: Double?
    package var interval: ConfidenceInterval?
    package var passed: Bool?

    var json: JSONValue {
        .object([
            ("target", .string(text)),
            ("measured", measuredJSON),
            ("status", .string(passed.map { $0 ? "pass" : "fail" } ?? "not evaluated")),
        ])
    }

    private var measuredJSON: JSONValue {
        guard let interval else { return .null }
        return .object([
            ("mean", JSONReport.number(interval.mean)),
            ("ci95", .array([JSONReport.number(interval.lower), JSONReport.number(interval.upper)])),
        ])
    }

    package static func evaluate(_ topology: Topology, _ result: RunResult) -> [TargetOutcome] {
        topology.targets.map { value in
            guard case .target(let expression) = value.content else {
                return TargetOutcome(text: "?", measured: nil, interval: nil, passed: nil)
            }
            let values = result.replications.compactMap { Metrics.value(expression.metric, in: $0, plan: result.plan) }
            let text = expression.text
            guard values.count == result.replications.count, !values.isEmpty else {
                return TargetOutcome(text: text, measured: nil, interval: nil, passed: nil)
            }
            let interval = ConfidenceInterval.of(values)
            let threshold = expression.threshold.value
            let passed: Bool
            switch expression.op {
            case .less: passed = interval.mean < threshold
            case .lessOrEqual: passed = interval.mean <= threshold
            case .greater: passed = interval.mean > threshold
            case .greaterOrEqual: passed = interval.mean >= threshold
            default: passed = interval.mean == threshold
            }
            return TargetOutcome(text: text, measured: interval.mean, interval: interval, passed: passed)
        }
    }
}
