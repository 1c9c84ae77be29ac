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
        switch plan.kernelTiming {
        case .calibrated(let profile, let source)?:
            out += "kernel times calibrated: \(source) (\(profile.cpu), \(profile.created))\n"
        case .live?:
            out += "kernel times measured live on this machine (not reproducible)\n"
        case nil:
            break
        }
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
        rows = [["component", "kind", "servers", "utilization", "wait", "queue", "throughput", "notes"]]
        for (index, station) in plan.stations.enumerated() {
            let values = runs.map { $0.stations[index] }
            rows.append([
                station.name, station.kind, String(station.servers),
                plain(values.map { $0.utilization * 100 }, unit: "%"),
                duration(values.map(\.waitMean)),
                plain(values.map(\.queueLengthMean), unit: ""),
                plain(values.map(\.throughput), unit: "/s"),
                notes(values),
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

    /// What matters for this kind: dropped, throttled, killed, cold starts, hit ratio, lag.
    static func notes(_ values: [ReplicationResult.Station]) -> String {
        guard let first = values.first else { return "" }
        var parts: [String] = []
        let dropped = values.reduce(0) { $0 + $1.dropped }
        if dropped > 0 { parts.append("dropped \(dropped)") }
        var totals: [String: Int] = [:]
        for (position, (name, _)) in first.counts.enumerated() {
            totals[name] = values.reduce(0) { $0 + $1.counts[position].1 }
        }
        for name in ["throttled", "no_healthy_target", "tasks_killed", "cold_starts", "timeouts", "out_of_memory"] {
            if let count = totals[name], count > 0 { parts.append("\(name.replacingOccurrences(of: "_", with: " ")) \(count)") }
        }
        if let hits = totals["hits"], let misses = totals["misses"], hits + misses > 0 {
            parts.append("hits " + format(Double(hits) / Double(hits + misses) * 100) + "%")
        }
        if let position = first.measures.firstIndex(where: { $0.0 == "kernel_ms" }) {
            parts.append("kernel " + duration(values.map { $0.measures[position].1 / 1000 }) + "/image")
        }
        if first.messages != nil {
            let balances = values.compactMap(\.messages)
            parts.append("lag p99 " + duration(balances.map(\.lagP99)))
            let dead = balances.reduce(0) { $0 + $1.deadLettered }
            if dead > 0 { parts.append("dead-lettered \(dead)") }
            let expired = balances.reduce(0) { $0 + $1.expired }
            if expired > 0 { parts.append("expired \(expired)") }
        }
        return parts.joined(separator: ", ")
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
                return column == 0 || column == row.count - 1 && rows[0][column] == "notes" || rows[0][column] == "kind" ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
