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

    /// One component (named `Station` for the generic stations it started as).
    package struct Station: Sendable {
        /// Busy fraction of what limits it: vCPUs (compute), instances (Lambda), query servers
        /// (databases), servers (generic); nan for components without servers.
        package var utilization: Double
        package var waitMean: Double
        package var queueLengthMean: Double
        package var inSystemMean: Double
        package var throughput: Double
        package var arrivals: Int
        package var dropped: Int
        package var abandoned: Int
        /// Compute: busy fraction of the concurrency slots, and the mean number of units running.
        package var slotUtilization: Double = .nan
        package var runningUnits: Double = .nan
        /// Kind-specific counts and measures, in a fixed order per kind (see `docs/report.md`).
        package var counts: [(String, Int)] = []
        package var measures: [(String, Double)] = []
        /// Queues and streams: the message balance.
        package var messages: MessageBalance?
        /// Per time-series bucket, from time 0 (the warm-up included).
        package var series = ComponentSeries()
    }

    /// One component's figures per time-series bucket; each array has one value per bucket,
    /// NaN where a bucket had nothing to average (no waits, no messages taken, no servers).
    package struct ComponentSeries: Sendable {
        package var utilization: [Double] = []
        package var waitMean: [Double] = []
        package var queueLength: [Double] = []
        package var throughput: [Double] = []
        /// Requests turned away in the bucket (capacity drops, throttling, no healthy target).
        package var refused: [Double] = []
        /// Compute only.
        package var runningUnits: [Double]?
        /// Queues and streams only: mean age of messages taken in the bucket, and the backlog.
        package var lagMean: [Double]?
        package var backlog: [Double]?
    }

    package struct MessageBalance: Sendable {
        package var published: Int
        package var consumed: Int
        package var queued: Int
        package var expired: Int
        package var deadLettered: Int
        package var redelivered: Int
        package var duplicates: Int
        package var rejected: Int
        package var failedProcessing: Int
        /// Age of messages when first received (consumer lag), seconds.
        package var lagMean: Double
        package var lagP99: Double
        package var backlogMean: Double

        /// Messages in = messages out or still there.
        package var balances: Bool {
            published == consumed + queued + expired + deadLettered
        }
    }

    package struct Network: Sendable {
        package var crossZoneBytes: Double
        package var natBytes: [Double]
        package var natUtilization: [Double]
    }

    package var index: Int
    /// Width of the time-series buckets (the topology's `time_series`, widened for very long runs).
    package var seriesBucketWidth: Double
    package var warmup: Double
    package var measured: Double
    package var events: Int
    package var workloads: [Workload]
    package var stations: [Station]
    package var network: Network
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
