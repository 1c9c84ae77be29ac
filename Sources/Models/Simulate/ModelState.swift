import DequeModule
import SimKit

/// The behaviour of a component, as the hot path switches on it.
enum BehaviourCode: UInt8 {
    case station, compute, lambda, passThrough, queue, topic, stream, objectStore, table, database
}

/// Per-component state of one replication, flat: whatever its behaviour needs.
struct ComponentState {
    var code: BehaviourCode = .station
    /// Generic station, function instances, the database primary (replicas follow it), or a
    /// RabbitMQ broker.
    var station: Int32 = -1
    var stationCount: Int32 = 0
    var firstUnit: Int32 = 0
    var unitCount: Int32 = 0
    var roundRobin: Int32 = 0
    var queue: Int32 = -1
    var stream: Int32 = -1
    var zones: [Int32] = []
    var egressThroughNAT = false
    var viaNAT = false
    // Settings the hot path reads.
    var speed: Double = 1
    var timeout: Double = .infinity
    var idleLifetime: Double = 0
    var coldStart: Variate = .constant(0)
    var latency: Variate = .constant(0)
    var lambdaMemory: Double = .infinity
    var role: PassThroughPlan.Role = .balancer
    var leastOutstanding = false
    var crossZone = true
    var detectAfter: Double = 60
    var hitRatio: Double = -1
    var callerSkipsNextOnHit = false
    var authorizerTTL: Double = 0
    var authorizerLatency: Variate?
    var authorizerLastValidated: [Double] = []
    /// Token buckets: gateway/bus throttle [0]; table read [0] and write [1]; object store
    /// 2 per prefix (write, read); Kinesis 2 per shard (records, bytes).
    var buckets: [TokenBucket] = []
    var readUnits: Double = 1
    var writeUnits: Double = 1
    var transferRate: Double = .infinity
    var expireAfter: Double = .infinity
    var storedBytes = TimeWeighted()
    var hasNotifications = false
    var expiries: Deque<(time: Double, bytes: Double)> = []
    /// RabbitMQ: seconds the broker spends on each message (1 / `throughput`); its server is `station`.
    var brokerServiceTime: Double = 0
    var maxConnections = Int.max
    var connections = 0
    var replicas = 0
    /// Function instances that went idle, most recent last (a warm start takes the last).
    var idleSince: [Double] = []
    var lambdaDeadlines: Deque<(time: Double, token: Int64)> = []
    var lambdaDeadlineScheduled = false
    var counters = ComponentCounters()
    /// Some handler step of it runs a kernel (the report then has `kernel_ms`).
    var runsKernels = false

    mutating func resetStatistics(at time: Double) {
        counters = ComponentCounters()
        storedBytes.reset(at: time)
    }
}

/// Counts a component keeps (reset at the end of the warm-up).
struct ComponentCounters {
    var arrivals = 0
    var throttled = 0
    var noHealthyTarget = 0
    var hits = 0
    var misses = 0
    var coldStarts = 0
    var invocations = 0
    var timeouts = 0
    var outOfMemory = 0
    var kills = 0
    var bytes = 0.0
    var notifications = 0
    var writes = 0
    var reads = 0
    /// Seconds of each kernel step run here, on the calibrating core (before `vcpu_speed`).
    var kernelTime = Tally()
}

/// One task, pod or instance: concurrency slots, vCPUs, memory, zone.
struct UnitState {
    var component: Int32
    var zone: Int32
    var slotStation: Int32
    var cpuStation: Int32
    /// Speed of one CPU server: fractional vCPUs run work slower.
    var cpuSpeed: Double
    var memoryLimit: Double
    var memoryUsed: Double = 0
    var up = true
    var downSince = -Double.infinity
    var running = TimeWeighted(value: 1, at: 0)

    mutating func resetStatistics(at time: Double) {
        running.reset(at: time)
    }
}

/// A queue's messages and the counts that must balance:
/// `published == consumed + queued + expired + deadLettered`.
struct QueueState {
    var component: Int32
    var isRabbit: Bool
    var fifo: Bool
    var visibilityTimeout: Double
    var retention: Double
    var maxReceives: Int32
    var deadLetter: Int32
    /// Visible messages by priority lane (lane 0 is the lowest priority).
    var lanes: [Deque<Int32>]
    var visible = 0
    var inFlight = 0
    /// FIFO queues: message groups with a message in flight (blocked until it is done).
    var busyGroups: Set<Int32> = []
    var visibilityDeadlines: Deque<(time: Double, message: Int32, receipt: UInt32)> = []
    var visibilityScheduled = false
    var pollers: [Int32] = []
    var idlePollers: [Int32] = []
    var counts = MessageCounts()
    var backlog = TimeWeighted()
    var lag = Tally()
    var lagHistogram = LatencyHistogram()

    mutating func resetStatistics(at time: Double) {
        counts = MessageCounts()
        counts.published = visible + inFlight
        backlog.reset(at: time)
        lag = Tally()
        lagHistogram = LatencyHistogram()
    }
}

struct MessageCounts {
    /// Messages published, counting those present when the warm-up ended, so the balance holds.
    var published = 0
    var consumed = 0
    var expired = 0
    var deadLettered = 0
    var redelivered = 0
    var duplicates = 0
    var rejected = 0
    var failedProcessing = 0
}

/// A partitioned log and its consumer groups.
struct StreamState {
    var component: Int32
    var partitions: Int32
    var retention: Double
    var bytesPerSecond: Double
    /// Kafka: when each partition's write path is free again.
    var partitionBusyUntil: [Double]
    /// Per group, per partition: messages not consumed yet.
    var logs: [[Deque<Int32>]]
    /// Per group, per partition: the poller that owns it.
    var owner: [[Int32]]
    var counts: [MessageCounts]
    var backlog: [TimeWeighted]
    var waiting: [Int]
    var inFlight: [Int]
    var lag = Tally()
    var lagHistogram = LatencyHistogram()
    var roundRobin: Int32 = 0
    /// Kinesis: each shard's read quota, shared by every group (empty for Kafka).
    var readQuotas: [ShardReadQuota] = []

    mutating func resetStatistics(at time: Double) {
        for group in counts.indices {
            counts[group] = MessageCounts()
            counts[group].published = waiting[group] + inFlight[group]
            backlog[group].reset(at: time)
        }
        lag = Tally()
        lagHistogram = LatencyHistogram()
    }
}

/// A consumer's worker: takes messages from a queue (or its partitions of a stream) and runs
/// the consumer's handler on each, one at a time.
struct PollerState {
    var source: Int32
    var isStream: Bool
    var group: Int32
    var consumer: Int32
    var operation: Int32
    var batchSize: Int32
    /// RabbitMQ: most unacknowledged messages (0: unlimited).
    var prefetch: Int32
    var buffer: Deque<Int32> = []
    /// The receipt of each buffered message's receive (a later receive makes it stale).
    var receipts: Deque<UInt32> = []
    var busy = false
    var idle = false
    var partitions: [Int32] = []
    var partitionCursor = 0
    /// Streams: waiting for its shards' read quota (a `streamPoll` event is pending).
    var awaitingQuota = false
}

/// Bytes that crossed zones or went through NAT gateways.
struct NetworkCounters {
    var crossZoneBytes = 0.0
    var natBytes: [Double] = []
}
