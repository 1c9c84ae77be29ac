import SimKit
import Topology

/// How a compiled component behaves: its primitive (chosen by its kind's catalogue entry,
/// `KindSpec.primitive`) with the numbers the compiler read from its settings. Each case's
/// plan is defined in its primitive's folder, `Primitives/<name>/`.
package enum Behaviour: Sendable {
    /// Generic queueing station (`service`): `servers`, `service_time`, optional capacity.
    case station
    /// Tasks, pods or instances, each with concurrency slots and vCPUs (ECS, EKS, EC2, jobs).
    case compute(ComputePlan)
    /// A function: one request per instance, concurrency limit, cold starts.
    case function(FunctionPlan)
    /// Runs a handler the compiler wrote for it (a delay, then a call to a target): balancers,
    /// API Gateway, CloudFront, Route 53, ElastiCache.
    case proxy(ProxyPlan)
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
