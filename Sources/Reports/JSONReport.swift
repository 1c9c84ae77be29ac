import Foundation
import Kernels
import Models
import SimKit
import Topology

/// `report.json`, per the contract in DESIGN.md: every statistic is `{"mean": x, "ci95": [lo, hi]}`
/// across replications; counts are integers summed over replications. Keys come in a fixed
/// order and nothing but `engine` depends on the clock, so a seed reproduces the bytes.
package enum JSONReport {
    package static let version = "0.1.0"

    package static func render(_ result: RunResult, topology: Topology, targets: [TargetOutcome]) -> String {
        build(result, topology: topology, targets: targets).rendered() + "\n"
    }

    static func build(_ result: RunResult, topology: Topology, targets: [TargetOutcome]) -> JSONValue {
        let plan = result.plan
        let runs = result.replications
        var workloads: [(String, JSONValue)] = []
        for (index, workload) in plan.workloads.enumerated() {
            let rows = runs.map { $0.workloads[index] }
            var causes: [(String, JSONValue)] = []
            for cause in FailureCause.allCases {
                causes.append((cause.name, .int(rows.reduce(0) { $0 + ($1.failedByCause[cause.name] ?? 0) })))
            }
            workloads.append((workload.name, .object([
                ("offered", .int(rows.reduce(0) { $0 + $1.offered })),
                ("completed", .int(rows.reduce(0) { $0 + $1.completed })),
                ("failed", .int(rows.reduce(0) { $0 + $1.failed })),
                ("in_flight", .int(rows.reduce(0) { $0 + $1.inFlight })),
                ("failed_by_cause", .object(causes)),
                ("latency_ms", .object([
                    ("mean", statistic(rows.map { $0.latencyMean * 1000 })),
                    ("p50", statistic(rows.map { $0.latencyP50 * 1000 })),
                    ("p90", statistic(rows.map { $0.latencyP90 * 1000 })),
                    ("p95", statistic(rows.map { $0.latencyP95 * 1000 })),
                    ("p99", statistic(rows.map { $0.latencyP99 * 1000 })),
                    ("p999", statistic(rows.map { $0.latencyP999 * 1000 })),
                    ("max", statistic(rows.map { $0.latencyMax * 1000 })),
                ])),
                ("completion_latency_ms", .object([
                    ("mean", statistic(rows.map { $0.completionMean * 1000 })),
                    ("p99", statistic(rows.map { $0.completionP99 * 1000 })),
                ])),
                ("throughput_rps", statistic(rows.map(\.throughput))),
                ("error_rate", statistic(rows.map(\.errorRate))),
            ])))
        }
        var components: [(String, JSONValue)] = []
        for (index, station) in plan.stations.enumerated() {
            let rows = runs.map { $0.stations[index] }
            var fields: [(String, JSONValue)] = [
                ("kind", .string(station.kind)),
                ("servers", .int(station.servers)),
                ("utilization", statistic(rows.map(\.utilization))),
                ("wait_ms", statistic(rows.map { $0.waitMean * 1000 })),
                ("queue_length", statistic(rows.map(\.queueLengthMean))),
                ("in_system", statistic(rows.map(\.inSystemMean))),
                ("throughput_rps", statistic(rows.map(\.throughput))),
                ("arrivals", .int(rows.reduce(0) { $0 + $1.arrivals })),
                ("dropped", .int(rows.reduce(0) { $0 + $1.dropped })),
                ("abandoned", .int(rows.reduce(0) { $0 + $1.abandoned })),
            ]
            if let first = rows.first, first.slotUtilization.isFinite {
                fields.append(("slot_utilization", statistic(rows.map(\.slotUtilization))))
                fields.append(("running_units", statistic(rows.map(\.runningUnits))))
            }
            for (position, (name, _)) in (rows.first?.counts ?? []).enumerated() {
                fields.append((name, .int(rows.reduce(0) { $0 + $1.counts[position].1 })))
            }
            for (position, (name, _)) in (rows.first?.measures ?? []).enumerated() {
                fields.append((name, statistic(rows.map { $0.measures[position].1 })))
            }
            if rows.first?.messages != nil {
                let balances = rows.compactMap(\.messages)
                func total(_ key: KeyPath<ReplicationResult.MessageBalance, Int>) -> JSONValue {
                    .int(balances.reduce(0) { $0 + $1[keyPath: key] })
                }
                fields.append(("messages", .object([
                    ("published", total(\.published)),
                    ("consumed", total(\.consumed)),
                    ("queued", total(\.queued)),
                    ("expired", total(\.expired)),
                    ("dead_lettered", total(\.deadLettered)),
                    ("redelivered", total(\.redelivered)),
                    ("duplicates", total(\.duplicates)),
                    ("rejected", total(\.rejected)),
                    ("failed_processing", total(\.failedProcessing)),
                    ("backlog", statistic(balances.map(\.backlogMean))),
                    ("lag_s", .object([
                        ("mean", statistic(balances.map(\.lagMean))),
                        ("p99", statistic(balances.map(\.lagP99))),
                    ])),
                ])))
            }
            components.append((station.name, .object(fields)))
        }
        var nats: [(String, JSONValue)] = []
        for (index, nat) in plan.nats.enumerated() {
            nats.append((nat.name, .object([
                ("gb", statistic(runs.map { $0.network.natBytes[index] / 1e9 })),
                ("utilization", statistic(runs.map { $0.network.natUtilization[index] })),
            ])))
        }
        let zero = statistic(runs.map { _ in 0 })
        let events = result.events
        return .object([
            ("archsim", .object([
                ("version", .string(version)),
                ("topology", .string(topology.name)),
                ("seed", .int(Int(result.seed))),
                ("replications", .int(runs.count)),
                ("duration_s", .double(plan.duration)),
                ("warmup", .string(plan.warmup == .auto ? "auto (MSER-5)" : "fixed")),
                ("warmup_s", statistic(runs.map(\.warmup))),
            ])),
            ("kernels", kernels(plan)),
            ("workloads", .object(workloads)),
            ("components", .object(components)),
            ("network", .object([
                ("cross_zone_gb", statistic(runs.map { $0.network.crossZoneBytes / 1e9 })),
                ("nat", .object(nats)),
            ])),
            ("cost", .object([
                ("monthly_usd", zero),
                ("by_component", .object(plan.stations.map { ($0.name, zero) })),
                ("note", .string("not priced yet: cloud pricing comes with the cost milestone")),
            ])),
            ("targets", .array(targets.map(\.json))),
            ("time_series", timeSeries(result)),
            ("warnings", .array(plan.notSimulated.map { .string("\($0.location): \($0.message)") })),
            ("engine", .object([
                ("events", .int(events)),
                ("wall_s", .double(result.wallSeconds)),
                ("events_per_s", .double(result.wallSeconds > 0 ? Double(events) / result.wallSeconds : 0)),
            ])),
        ])
    }

    /// Where kernel steps took their times from, and each kernel's steps and profile key.
    static func kernels(_ plan: NetworkPlan) -> JSONValue {
        var fields: [(String, JSONValue)] = [("mode", .string(plan.kernelTiming?.mode ?? "none"))]
        switch plan.kernelTiming {
        case .calibrated(let profile, let source)?:
            fields += [("profile", .string(source)), ("cpu", .string(profile.cpu)), ("calibrated", .string(profile.created))]
        case .live?:
            fields += [("cpu", .string(SystemInfo.cpuModel()))]
        case nil:
            break
        }
        fields.append(("pipelines", .object(plan.kernels.map { kernel in
            (kernel.name, .object([("key", .string(kernel.key)), ("steps", .string(kernel.pipeline.description))]))
        })))
        return .object(fields)
    }

    /// Per-bucket means across replications (from time 0, the warm-up included, so charts
    /// show it): per workload, completions per second and mean latency of the requests answered
    /// in the bucket; per component, its utilization, waits, queue, throughput, refusals and,
    /// where they apply, running units, consumer lag and backlog.
    static func timeSeries(_ result: RunResult) -> JSONValue {
        let runs = result.replications
        let width = runs.first?.seriesBucketWidth ?? result.plan.timeSeriesBucket
        var workloads: [(String, JSONValue)] = []
        for (index, workload) in result.plan.workloads.enumerated() {
            let rates = runs.map { $0.workloads[index].seriesCounts.map { $0 / width } }
            let latencies = runs.map { $0.workloads[index].seriesLatency.map { $0 * 1000 } }
            workloads.append((workload.name, .object([
                ("throughput_rps", bucketMeans(rates)),
                ("latency_ms_mean", bucketMeans(latencies)),
            ])))
        }
        var components: [(String, JSONValue)] = []
        for (index, station) in result.plan.stations.enumerated() {
            let series = runs.map { $0.stations[index].series }
            var fields: [(String, JSONValue)] = []
            if series.contains(where: { $0.utilization.contains(where: \.isFinite) }) {
                fields.append(("utilization", bucketMeans(series.map(\.utilization))))
            }
            fields += [
                ("wait_ms", bucketMeans(series.map { $0.waitMean.map { $0 * 1000 } })),
                ("queue_length", bucketMeans(series.map(\.queueLength))),
                ("throughput_rps", bucketMeans(series.map(\.throughput))),
                ("refused", bucketMeans(series.map(\.refused))),
            ]
            if series.first?.runningUnits != nil {
                fields.append(("running_units", bucketMeans(series.map { $0.runningUnits ?? [] })))
            }
            if series.first?.lagMean != nil {
                fields.append(("lag_s_mean", bucketMeans(series.map { $0.lagMean ?? [] })))
                fields.append(("backlog", bucketMeans(series.map { $0.backlog ?? [] })))
            }
            components.append((station.name, .object(fields)))
        }
        return .object([("bucket_s", number(width)), ("workloads", .object(workloads)), ("components", .object(components))])
    }

    /// Bucket by bucket, the mean over the replications that have a value there (null where
    /// none has); as many buckets as the shortest replication.
    static func bucketMeans(_ replications: [[Double]]) -> JSONValue {
        let buckets = replications.map(\.count).min() ?? 0
        return .array((0..<buckets).map { bucket in
            let values = replications.map { $0[bucket] }.filter(\.isFinite)
            return values.isEmpty ? .null : number(values.reduce(0, +) / Double(values.count))
        })
    }

    /// `{"mean": x, "ci95": [lo, hi]}` with a Student-t interval across replications.
    static func statistic(_ values: [Double]) -> JSONValue {
        let interval = ConfidenceInterval.of(values)
        return .object([
            ("mean", number(interval.mean)),
            ("ci95", .array([number(interval.lower), number(interval.upper)])),
        ])
    }

    /// Rounded to 9 significant digits: the last bits of a float sum are noise, and rounding
    /// keeps the text short.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        guard value != 0 else { return .int(0) }
        let digits = 9 - Int((log10(abs(value))).rounded(.down)) - 1
        let scale = pow(10, Double(max(min(digits, 15), -15)))
        return .double((value * scale).rounded() / scale)
    }
}
