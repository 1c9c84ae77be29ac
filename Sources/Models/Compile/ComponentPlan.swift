import SimKit
import Topology

/// How a compiled component behaves. Kinds are data over these few primitives: the catalogue
/// says which primitive a kind is, the compiler fills in its numbers.
package enum Behaviour: Sendable {
    /// Generic queueing station (`service`): `servers`, `service_time`, optional capacity.
    case station
    /// Tasks, pods or instances, each with concurrency slots and vCPUs (ECS, EKS, EC2, jobs).
    case compute(ComputePlan)
    /// A function: one request per instance, concurrency limit, cold starts.
    case lambda(LambdaPlan)
    /// Runs a handler the compiler wrote for it (a delay, then a call to a target): balancers,
    /// API Gateway, CloudFront, Route 53, ElastiCache.
    case passThrough(PassThroughPlan)
    /// Messages wait until a consumer takes them (SQS, RabbitMQ).
    case queue(QueuePlan)
    /// Messages fan out to matching subscribers after a delivery latency (SNS, EventBridge).
    case topic(TopicPlan)
    /// Partitioned log read by consumer groups (Kafka, Kinesis).
    case stream(StreamPlan)
    /// Object store: latency by size, per-prefix rate limits, stored bytes (S3).
    case objectStore(ObjectStorePlan)
    /// Key-value table with capacity modes (DynamoDB).
    case table(TablePlan)
    /// Query servers behind a connection limit (RDS, Redshift).
    case database(DatabasePlan)

    var name: String {
        switch self {
        case .station: "station"
        case .compute: "compute"
        case .lambda: "lambda"
        case .passThrough: "pass-through"
        case .queue: "queue"
        case .topic: "topic"
        case .stream: "stream"
        case .objectStore: "object-store"
        case .table: "table"
        case .database: "database"
        }
    }
}

package struct ComputePlan: Sendable {
    /// Units (tasks, pods, instances) at the start: `count`, or `scaling.min`.
    package var units: Int
    package var vcpu: Double
    package var memory: Double
    package var concurrency: Int
    package var vcpuSpeed: Double
    /// Time for a unit killed (out of memory) to come back.
    var startup: Variate
}

package struct LambdaPlan: Sendable {
    package var concurrency: Int
    package var timeout: Double
    package var memory: Double
    var coldStart: Variate
    package var idleLifetime: Double
    /// CPU share: Lambda gives 1 vCPU per 1769 MB; single-threaded work runs at most at one vCPU.
    package var speed: Double
}

package struct PassThroughPlan: Sendable {
    enum Role: Sendable {
        case balancer, gateway, cdn, dns, cache
    }

    var role: Role
    /// Balancers: least-outstanding (else round-robin) and cross-zone routing.
    var leastOutstanding = false
    var crossZone = true
    /// Health checks: a unit that dies is still sent requests for `detectAfter` seconds.
    var detectAfter: Double = 60
    /// Token bucket (API Gateway): requests beyond it get 429 (throttled).
    var throttleRate: Double?
    var throttleBurst: Double = 0
    /// Authorizer (API Gateway): token validation latency, cache TTL, distinct tokens.
    var authorizerLatency: Variate?
    var authorizerTTL: Double = 0
    var authorizerTokens = 0
    /// Caches (CloudFront, ElastiCache): share of requests answered without the call.
    var hitRatio: Double?
    /// ElastiCache without `miss:`: on a hit the caller skips its next step.
    var callerSkipsNextOnHit = false
}

package struct ConsumerPlan: Sendable {
    var component: Int
    /// Operation the consumer runs per message; -1: the message's own.
    var operation: Int
    var batchSize: Int
    var pollers: Int
    var group: Int
}

package struct QueuePlan: Sendable {
    var isRabbit: Bool
    var fifo: Bool
    var visibilityTimeout: Double
    var retention: Double
    var maxReceives: Int?
    var deadLetter: Int?
    /// RabbitMQ: priority lanes 0…maxPriority (0: one lane); unacked messages per consumer.
    var maxPriority: Int
    var prefetch: Int
    /// RabbitMQ: the broker's `throughput` (messages/s). Every message arriving passes through
    /// one server of this rate; an immediate publish waits for it (flow control), nil for SQS.
    var brokerRate: Double?
    var consumers: [ConsumerPlan]
}

package struct TopicPlan: Sendable {
    struct Subscription: Sendable {
        var target: NetworkPlan.Step.Target
        var guardCondition: NetworkPlan.Guard
    }

    var subscriptions: [Subscription]
    var latency: Variate
    /// EventBridge PutEvents quota: events beyond it are rejected (throttled).
    var throughput: Double?
}

package struct StreamPlan: Sendable {
    var isKinesis: Bool
    var partitions: Int
    var retention: Double
    /// Kafka: bytes per second one partition takes in (writes queue behind each other).
    var partitionBytesPerSecond: Double?
    /// Kinesis: per-shard write quotas; records beyond them are rejected (throttled).
    var shardRecordsPerSecond: Double?
    var shardBytesPerSecond: Double?
    /// Kinesis: per-shard read quota shared by every consumer group (GetRecords calls, bytes).
    var shardReadCallsPerSecond: Double?
    var shardReadBytesPerSecond: Double?
    var consumers: [ConsumerPlan]
    var groups: [String]
}

package struct ObjectStorePlan: Sendable {
    struct Notification: Sendable {
        var target: NetworkPlan.Step.Target
        var guardCondition: NetworkPlan.Guard
    }

    var prefixes: Int
    var putLimit: Double
    var getLimit: Double
    var firstByte: Variate
    /// Bytes per second of one connection.
    var transferRate: Double
    var expireAfter: Double?
    var storedAtStart: Double
    var notifications: [Notification]
}

package struct TablePlan: Sendable {
    var latency: Variate
    /// Capacity units per second: provisioned, or on-demand's per-table maximum.
    var readCapacity: Double?
    var writeCapacity: Double?
    /// Unused capacity kept for bursts, in seconds of capacity: 300 provisioned, 1 on-demand.
    var burstSeconds: Double = 300
    var readUnitsPerRequest: Double
    var writeUnitsPerRequest: Double
}

package struct DatabasePlan: Sendable {
    var vcpu: Int
    var maxConnections: Int
    var replicas: Int
    var queryTime: Variate
}

/// Operations whose name says they write: S3 and DynamoDB limits and capacity differ for
/// writes and reads; databases send reads to replicas.
enum OperationClass {
    static let writePrefixes = ["put", "post", "copy", "delete", "write", "upload", "insert", "update", "create", "store", "save", "load"]

    static func isWrite(_ operation: String) -> Bool {
        let lower = operation.lowercased()
        return writePrefixes.contains { lower.hasPrefix($0) }
    }
}
