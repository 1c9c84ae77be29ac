import Foundation
import Models
import SimKit
import Topology

/// The terminal summary of a run: workloads, then stations, then targets.
package enum SummaryTable {
    package static func render(_ result: RunResult, targets: [TargetOutcome]) -> String {
        let plan = result.plan
        let runs = result.replications
        var out = "\(runs.count) replication\(runs.count == 1 ? "" : "s") × \(UnitParser.format(plan.duration, .duration))"
        let warmup = ConfidenceInterval.of(runs.map(\.warmup)).mean
        out += ", warm-up \(UnitParser.format(warmup, .duration)) removed"
        out += plan.warmup == .auto ? " (MSER-5)\n" : "\n"
        out += "means with 95% confidence half-widths across replications\n\n"
        var rows = [["workload", "offered", "completed", "failed", "p50", "p95", "p99", "throughput"]]
        for (index, workload) in plan.workloads.enumerated() {
            let values = runs.map { $0.workloads[index] }
            rows.append([
                workload.name,
                String(values.reduce(0) { $0 + $1.offered }),
                String(values.reduce(0) { $0 + $1.completed }),
                String(values.reduce(0) { $0 + $1.failed }),
                duration(values.map(\.latencyP50)), duration(values.map(\.latencyP95)), duration(values.map(\.latencyP99)),
                plain(values.map(\.throughput), unit: "/s"),
            ])
        }
        out += table(rows) + "\n"
        rows = [["station", "servers", "utilization", "wait", "queue", "dropped"]]
        for (index, station) in plan.stations.enumerated() {
            let values = runs.map { $0.stations[index] }
            rows.append([
                station.name, String(station.servers),
                plain(values.map { $0.utilization * 100 }, unit: "%"),
                duration(values.map(\.waitMean)),
                plain(values.map(\.queueLengthMean), unit: ""),
                String(values.reduce(0) { $0 + $1.dropped }),
            ])
        }
        out += table(rows)
        if !targets.isEmpty {
            out += "\n"
            for target in targets {
                let status = target.passed.map { $0 ? "pass" : "FAIL" } ?? "not evaluated"
                out += "\(status.padding(toLength: 13, withPad: " ", startingAt: 0)) \(target.text)\n"
            }
        }
        return out
    }

    static func duration(_ seconds: [Double]) -> String {
        let interval = ConfidenceInterval.of(seconds)
        guard interval.mean.isFinite else { return "—" }
        return format(interval.mean * 1000) + "±" + format(interval.halfWidth.isFinite ? interval.halfWidth * 1000 : 0) + "ms"
    }

    static func plain(_ values: [Double], unit: String) -> String {
        let interval = ConfidenceInterval.of(values)
        guard interval.mean.isFinite else { return "—" }
        return format(interval.mean) + "±" + format(interval.halfWidth.isFinite ? interval.halfWidth : 0) + unit
    }

    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        return String(format: "%.\(decimals)f", value)
    }

    /// Left-aligned first column, right-aligned numbers.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
