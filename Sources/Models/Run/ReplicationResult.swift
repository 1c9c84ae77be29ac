import SimKit

/// What one replication measured after its warm-up. Times in seconds.
package struct ReplicationResult: Sendable {
    package struct Workload: Sendable {
        package var offered: Int
        package var completed: Int
        package var failed: Int
        package var failedByCause: [String: Int]
        package var inFlight: Int
        package var latencyMean: Double
        package var latencyP50: Double
        package var latencyP90: Double
        package var latencyP95: Double
        package var latencyP99: Double
        package var latencyP999: Double
        package var latencyMax: Double
        package var completionMean: Double
        package var completionP99: Double
        package var throughput: Double
        package var errorRate: Double
        /// Completions and mean latency per time-series bucket, from time 0.
        package var seriesCounts: [Double]
        package var seriesLatency: [Double]
    }

    package struct Station: Sendable {
        package var utilization: Double
        package var waitMean: Double
        package var queueLengthMean: Double
        package var inSystemMean: Double
        package var throughput: Double
        package var arrivals: Int
        package var dropped: Int
        package var abandoned: Int
    }

    package var index: Int
    /// Width of the time-series buckets (the topology's `time_series`, widened for very long runs).
    package var seriesBucketWidth: Double
    package var warmup: Double
    package var measured: Double
    package var events: Int
    package var workloads: [Workload]
    package var stations: [Station]
}

/// All replications of a run, in replication order (so the report doesn't depend on which
/// finished first).
package struct RunResult: Sendable {
    package var plan: NetworkPlan
    package var seed: UInt64
    package var replications: [ReplicationResult]
    package var wallSeconds: Double
    package var events: Int { replications.reduce(0) { $0 + $1.events } }
}
