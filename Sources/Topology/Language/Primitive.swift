import Foundation

/// The behavioural primitive a kind is simulated with, and the knobs that make one kind of it
/// behave like its AWS service. Kinds are data over these primitives: the simulator's compiler
/// switches on this value, never on a kind's name, so adding a kind that behaves like an
/// existing one is a catalogue entry (docs/architecture.md, "Adding a kind").
package enum Primitive: Sendable, Hashable {
    /// A generic queueing station: `servers`, `service_time`, optional capacity and priorities.
    case station
    /// Units (tasks, pods, instances, job runs) with concurrency slots, vCPUs and memory.
    case compute(ComputeKnobs)
    /// A function: one request per instance, a concurrency limit, cold starts (Lambda).
    case function
    /// Runs a handler the compiler writes for it (a latency, then a call to what its rules pick):
    /// balancers, API gateways, CDNs, DNS, caches.
    case proxy(ProxyRole)
    /// Messages wait until a consumer takes them.
    case queue(QueueKnobs)
    /// Messages fan out to matching subscribers after a delivery latency.
    case topic(TopicRouting)
    /// A partitioned log read by consumer groups.
    case stream(StreamKnobs)
    /// Objects: latency by size, per-prefix request limits, stored bytes, notifications (S3).
    case objectStore
    /// Key-value items in capacity units (DynamoDB).
    case table
    /// Query servers behind a connection limit, with read replicas.
    case database(DatabaseKnobs)

    /// The primitive's name, as `describe` and docs/models.md write it.
    package var name: String {
        switch self {
        case .station: "station"
        case .compute: "compute"
        case .function: "function"
        case .proxy: "proxy"
        case .queue: "queue"
        case .topic: "topic"
        case .stream: "stream"
        case .objectStore: "object-store"
        case .table: "table"
        case .database: "database"
        }
    }
}

package struct ComputeKnobs: Sendable, Hashable {
    package enum Sizing: Sendable, Hashable {
        /// Units of the size the field `unit` describes (`task`, `pod`, `instance`), `count` of
        /// them or `scaling.min`.
        case units(field: String)
        /// One job run of `dpu` data processing units, each `vcpu` vCPUs and `memory` bytes.
        case dataProcessingUnits(vcpu: Double, memory: Double)
        /// One job run of the `vcpu` and `memory` fields.
        case jobFields
    }

    package var sizing: Sizing
    /// Time before a unit killed for memory is back when the component has no `scaling` (whose
    /// `startup_time` it is otherwise): job runs are retried after a constant, services' units
    /// start again like a Fargate task (image pull and ENI attachment; median 45 s, σ 0.42,
    /// p99 ≈ 120 s, an estimate).
    package var restart: Distribution = .lognormal(mu: log(45), sigma: 0.42)

    package static func units(_ field: String) -> ComputeKnobs { ComputeKnobs(sizing: .units(field: field)) }

    package static func job(_ sizing: Sizing, restart seconds: Double) -> ComputeKnobs {
        ComputeKnobs(sizing: sizing, restart: .constant(seconds))
    }
}

package enum ProxyRole: Sendable, Hashable {
    /// ALB, NLB: route to targets by rule, health checks, cross-zone setting.
    case balancer
    /// API Gateway: a throttle (the account's when the topology has none), an authorizer,
    /// routes, an integration timeout.
    case gateway(accountRate: Double, accountBurst: Double)
    /// CloudFront: hits answered at the edge, misses sent to the origin.
    case cdn
    /// Route 53: clients cache the answer; `failover` sends everything to the primary.
    case dns
    /// ElastiCache: hits answer; misses go to `miss`, or the caller's next step.
    case cache
}

package struct QueueKnobs: Sendable, Hashable {
    package enum Delivery: Sendable, Hashable {
        /// Consumers poll in batches; a received message is hidden for the visibility timeout
        /// and reappears unless deleted; `max_receives` moves it to the dead-letter queue (SQS).
        case poll
        /// The broker pushes to consumers with room under their `prefetch`, highest priority
        /// first; a failure is requeued at the head (RabbitMQ).
        case push
    }

    package var delivery: Delivery
    /// Every message passes through one broker server of `throughput` messages/s, and a
    /// publisher faster than it waits (RabbitMQ's credit flow control).
    package var broker: Bool
}

package enum TopicRouting: Sendable, Hashable {
    /// `subscriptions`, each with a filter policy (SNS).
    case subscriptions
    /// `rules`, each with a pattern and targets, and a PutEvents `throughput` quota (EventBridge).
    case rules
}

package struct StreamKnobs: Sendable, Hashable {
    package enum Quotas: Sendable, Hashable {
        /// Writes to a partition queue behind each other at `partition_throughput` (Kafka).
        case partitionThroughput
        /// Per-shard write quotas (records, bytes) refuse writes; a per-shard read quota is
        /// shared by every consumer (Kinesis).
        case shardQuotas
    }

    /// The field counting the log's partitions (`partitions`, `shards`).
    package var partitionField: String
    package var quotas: Quotas
}

package struct DatabaseKnobs: Sendable, Hashable {
    /// The field counting query servers (`vcpu`, `query_slots`).
    package var serverField: String
    /// A connection limit fixed by the service rather than a field (nil: `max_connections`).
    package var fixedMaxConnections: Int?
}
