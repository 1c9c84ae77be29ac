import Foundation

/// Every component kind of the language, as data. Adding a kind means adding an entry here.
package enum Catalogue {
    package static let kinds: [KindSpec] = edgeKinds + balancerKinds + computeKinds + messagingKinds + dataKinds + jobKinds

    package static func kind(_ name: String) -> KindSpec? {
        kinds.first { $0.name == name }
    }

    package static let components = VariantSpec(
        "component", "A part of the architecture; `kind` says which", by: .field("kind"),
        cases: kinds.map { kind in
            var spec = ObjectSpec(kind.name, kind.summary, fields: CommonSpecs.commonFields(for: kind) + kind.fields)
            if kind.placement == .regional {
                let reason = "\(kind.name) is a regional service outside the VPC, so it has no `%@`"
                    + " (private subnets reach it through the NAT, or a VPC endpoint in `network.endpoints`)"
                spec.forbidden["subnet"] = reason.replacingOccurrences(of: "%@", with: "subnet")
                spec.forbidden["zones"] = reason.replacingOccurrences(of: "%@", with: "zones")
            }
            if !kind.hasHandlers {
                spec.forbidden["handlers"] = "\(kind.name) runs no code of yours, so it has no `handlers`; put the steps in the component that calls it"
            }
            return spec
        })

    private typealias F = FieldSpec
    private static let stepDuration = CommonSpecs.stepDuration
    private static let longDuration = CommonSpecs.longDuration
    private static let rate = CommonSpecs.rate
    private static let size = CommonSpecs.size

    // MARK: - Edge

    /// API Gateway's account-level throttle, which applies to every API in the region even when
    /// the topology sets none (API Gateway quotas: 10,000 requests/s, burst 5,000).
    static let apiGatewayAccountRate = 10_000.0
    static let apiGatewayAccountBurst = 5_000.0
    /// Redshift's limit of concurrent user connections to a cluster (Redshift quotas: 500).
    static let redshiftMaxConnections = 500
    /// Seconds before a Glue or Batch job run killed for memory is retried: an estimate (both
    /// services start a new run in about a minute; neither documents a figure).
    static let jobRestart = 60.0

    static let edgeKinds: [KindSpec] = [
        KindSpec(
            "cloudfront", family: .edge, primitive: .proxy(.cdn), placement: .regional,
            "Amazon CloudFront CDN: serves hits at the edge, fetches misses from the origin",
            fields: [
                F("origin", .reference(.anyComponent), "Component that serves misses", required: true),
                F("hit_ratio", .quantity(.percentage, .percentage), "Share of requests served from edge caches",
                    default: "85%", source: "estimate for static images; measure yours in CloudFront reports"),
                F("edge_latency", .distribution(.duration, stepDuration), "Latency of a hit",
                    default: "{ lognormal: { median: 15ms, p99: 80ms } }", source: "estimate"),
                F("origin_timeout", .quantity(.duration, .positive(upTo: 180, "CloudFront allows at most 180s")),
                    "Origin response timeout", default: "30s", source: "CloudFront default"),
            ]),
        KindSpec(
            "route53", family: .edge, primitive: .proxy(.dns), placement: .regional,
            "Amazon Route 53 DNS: resolves clients to targets, with health-checked failover",
            fields: [
                F("targets", .oneOrMany(.reference(.anyComponent)), "Records' targets", required: true),
                F("policy", .choice(["simple", "failover", "latency", "weighted"]), "Routing policy", default: "simple"),
                F("ttl", .quantity(.duration, longDuration), "Record TTL", default: "60s"),
            ]),
        KindSpec(
            "api-gateway", family: .edge, primitive: .proxy(.gateway(accountRate: apiGatewayAccountRate, accountBurst: apiGatewayAccountBurst)), placement: .regional,
            "Amazon API Gateway: throttling, authorizers, routes to integrations",
            fields: [
                F("type", .choice(["http", "rest"]), "API type", default: "http"),
                F("targets", .oneOrMany(.reference(.anyComponent)), "Default integration(s)", required: true),
                F("routes", .list(.object(CommonSpecs.routingRule), minCount: 1), "Content-based routes, first match wins"),
                F("throttle", .object(ObjectSpec(
                    "throttle", "Token bucket; excess requests get 429",
                    fields: [
                        F("rate", .quantity(.rate, rate), "Steady rate", default: "10000/s", source: "AWS account-level quota per region"),
                        F("burst", .integer(.range(1, 1e9)), "Bucket size", default: "5000", source: "AWS account-level quota"),
                    ])), "Throttling"),
                F("authorizer", .object(ObjectSpec(
                    "authorizer", "Request authorization",
                    fields: [
                        F("type", .choice(["jwt", "lambda"]), "JWT (built-in) or Lambda authorizer", default: "jwt"),
                        F("latency", .distribution(.duration, stepDuration), "Time to validate a token that is not cached",
                            default: "{ lognormal: { median: 5ms, p99: 40ms } }", source: "estimate"),
                        F("cache_ttl", .quantity(.duration, .nonNegative(upTo: 3600, "API Gateway caches at most 1h")),
                            "How long a validated token stays cached", default: "300s", source: "API Gateway authorizer default"),
                        F("tokens", .integer(.range(1, 1e9)), "Distinct tokens in use (users), for the cache hit ratio", default: "10000"),
                        F("function", .reference(.component(families: [.compute])), "Lambda authorizer function"),
                    ])), "Authorizer"),
                F("overhead", .distribution(.duration, stepDuration), "Latency added per request",
                    default: "{ lognormal: { median: 8ms, p99: 30ms } }", source: "estimate"),
                F("timeout", .quantity(.duration, .positive(upTo: 300, "at most 300s")), "Integration timeout",
                    default: "29s", source: "API Gateway REST default"),
            ]),
    ]

    // MARK: - Load balancers

    static func balancer(_ name: String, crossZone: Bool, overhead: String, _ summary: String) -> KindSpec {
        KindSpec(
            name, family: .balancer, primitive: .proxy(.balancer), placement: .subnet, summary,
            fields: [
                F("scheme", .choice(["internet-facing", "internal"]), "Reachable from the internet (needs a public subnet) or only inside the VPC", default: "internet-facing"),
                F("targets", .oneOrMany(.reference(.anyComponent)), "Target group(s)", required: true),
                F("routes", .list(.object(CommonSpecs.routingRule), minCount: 1), "Listener rules, first match wins"),
                F("algorithm", .choice(["round-robin", "least-outstanding"]), "Target selection", default: "round-robin"),
                F("cross_zone", .boolean, "Spread each zone's traffic over targets in every zone", default: crossZone ? "true" : "false",
                    source: crossZone ? "always on for ALB" : "NLB default"),
                F("overhead", .distribution(.duration, stepDuration), "Latency added per request", default: overhead, source: "estimate"),
                F("idle_timeout", .quantity(.duration, .positive(upTo: 4000, "at most 4000s")), "Connection idle timeout", default: "60s", source: "ELB default"),
                F("health_check", .object(CommonSpecs.healthCheck), "Health checks", default: "{}"),
            ])
    }

    static let balancerKinds: [KindSpec] = [
        balancer("alb", crossZone: true, overhead: "{ lognormal: { median: 1ms, p99: 5ms } }", "Application Load Balancer (HTTP, layer 7)"),
        balancer("nlb", crossZone: false, overhead: "200us", "Network Load Balancer (TCP, layer 4)"),
    ]

    // MARK: - Compute

    static func containerService(_ name: String, unit: String, _ summary: String, maxVCPU: Double, maxMemory: Double) -> KindSpec {
        KindSpec(
            name, family: .compute, primitive: .compute(.units(unit)), placement: .subnet, handlers: true, summary,
            fields: [
                F(unit, .object(CommonSpecs.computeUnit(unit, "Size of one \(unit)", maxVCPU: maxVCPU, maxMemory: maxMemory)),
                    "Size and concurrency of one \(unit)", default: "{}"),
                F("count", .integer(.range(0, 100_000)), "Fixed number of \(unit)s (when there is no `scaling`)", default: "2"),
                F("scaling", .object(CommonSpecs.scaling), "Autoscaling"),
            ])
    }

    static let computeKinds: [KindSpec] = [
        containerService("ecs-service", unit: "task", "Amazon ECS service (Fargate or EC2 launch type)", maxVCPU: 16, maxMemory: 120 * 1_073_741_824),
        containerService("eks-deployment", unit: "pod", "Kubernetes deployment on Amazon EKS", maxVCPU: 192, maxMemory: 1_536 * 1_073_741_824),
        KindSpec(
            "ec2-asg", family: .compute, primitive: .compute(.units("instance")), placement: .subnet, handlers: true,
            "EC2 Auto Scaling group",
            fields: [
                F("instance", .object(ObjectSpec(
                    "instance", "One EC2 instance",
                    fields: [F("type", .identifier, "Instance type, for pricing", default: "m6i.large")]
                        + CommonSpecs.computeUnit("instance", "", maxVCPU: 448, maxMemory: 24 * 1_099_511_627_776).fields)),
                    "Instance size", default: "{}"),
                F("count", .integer(.range(0, 100_000)), "Fixed number of instances (when there is no `scaling`)", default: "2"),
                F("scaling", .object(CommonSpecs.scaling), "Autoscaling"),
            ]),
        KindSpec(
            "lambda", family: .compute, primitive: .function, placement: .either, handlers: true, acceptsPublish: true,
            "AWS Lambda function: one request per instance, cold starts, concurrency limit",
            fields: [
                F("memory", .quantity(.size, .range(128 * 1_048_576, 10_240 * 1_048_576, "Lambda allows 128MB to 10240MB")),
                    "Memory; CPU is proportional (1769MB = 1 vCPU)", default: "1769MiB", source: "AWS Lambda: 1769MB gives one full vCPU"),
                F("timeout", .quantity(.duration, .positive(upTo: 900, "AWS Lambda allows at most 15 minutes")),
                    "Invocation timeout", default: "3s", source: "AWS Lambda default"),
                F("concurrency", .integer(.range(1, 100_000)), "Reserved concurrency (most instances at once)",
                    default: "1000", source: "AWS default account concurrency per region"),
                F("cold_start", .distribution(.duration, stepDuration), "Init time of a new instance",
                    default: "{ lognormal: { median: 250ms, p99: 1200ms } }", source: "estimate from published measurements"),
                F("idle_lifetime", .quantity(.duration, longDuration), "How long an idle instance stays warm",
                    default: "10min", source: "estimate; AWS does not document it"),
                F("vcpu_speed", .number(.positive(upTo: 100, "implausible")), "vCPU speed relative to the calibrating core", default: "1.0"),
            ]),
        KindSpec(
            "service", family: .compute, primitive: .station, placement: .either, handlers: true, acceptsPublish: true,
            "Generic queueing station: `servers` in parallel, each request takes `service_time`; `publish` to it hands a job on without waiting (a Jackson network)",
            fields: [
                F("servers", .integer(.range(1, 100_000)), "Parallel servers", default: "1"),
                F("service_time", .distribution(.duration, stepDuration), "Work per request before its handler's steps", required: true),
                F("capacity", .integer(.range(1, 1e9)), "Most requests present (waiting + in service); more are dropped"),
                F("discipline", .choice(["fifo", "priority"]), "Queue order; `priority` serves the higher `priority` request attribute first, as RabbitMQ does (numbers; named values in the order the mix lists them, the first highest)", default: "fifo"),
            ]),
    ]

    // MARK: - Messaging

    static let messagingKinds: [KindSpec] = [
        KindSpec(
            "sqs", family: .queue, primitive: .queue(QueueKnobs(delivery: .poll, broker: false)), placement: .regional, acceptsPublish: true,
            "Amazon SQS queue (standard or FIFO) with redrive to a dead-letter queue",
            fields: [
                F("type", .choice(["standard", "fifo"]), "Standard (at-least-once) or FIFO (ordered per group)", default: "standard"),
                F("consumers", CommonSpecs.consumers, "Components polling the queue"),
                F("visibility_timeout", .quantity(.duration, .nonNegative(upTo: 43_200, "SQS allows at most 12h")),
                    "Hidden time of a received message before redelivery", default: "30s", source: "SQS default"),
                F("retention", .quantity(.duration, .range(60, 1_209_600, "SQS keeps messages 1 minute to 14 days")),
                    "Age at which messages expire", default: "4d", source: "SQS default"),
                F("max_receives", .integer(.range(1, 1000, "SQS allows at most 1000")), "Receives before a message moves to the DLQ"),
                F("dlq", .reference(.component(families: [.queue])), "Dead-letter queue"),
                F("wait_time", .quantity(.duration, .nonNegative(upTo: 20, "SQS long polling waits at most 20s")),
                    "Long-polling wait", default: "20s", source: "what Lambda event source mappings use"),
            ]),
        KindSpec(
            "sns", family: .topic, primitive: .topic(.subscriptions), placement: .regional, acceptsPublish: true,
            "Amazon SNS topic: fans out to subscriptions, filtered on message attributes",
            fields: [
                F("subscriptions", .list(.object(ObjectSpec(
                    "subscription", "One subscriber",
                    fields: [
                        F("target", .reference(.anyComponent), "Queue, Lambda or endpoint receiving messages", required: true),
                        F("filter", .condition, "Filter policy on message attributes (all messages when absent)"),
                    ])), minCount: 1), "Subscriptions", required: true),
                F("type", .choice(["standard", "fifo"]), "Topic type", default: "standard"),
                F("delivery_latency", .distribution(.duration, stepDuration), "Publish-to-delivery latency",
                    default: "{ lognormal: { median: 20ms, p99: 150ms } }", source: "estimate"),
            ]),
        KindSpec(
            "eventbridge", family: .bus, primitive: .topic(.rules), placement: .regional, acceptsPublish: true,
            "Amazon EventBridge bus: rules match event content and route to targets",
            fields: [
                F("rules", .list(.object(ObjectSpec(
                    "rule", "An event pattern and its targets",
                    fields: [
                        F("name", .identifier, "Rule name"),
                        F("when", .condition, "Event pattern (all events when absent)"),
                        F("targets", .oneOrMany(.reference(.anyComponent)), "Where matching events go", required: true),
                    ])), minCount: 1), "Rules", required: true),
                F("throughput", .quantity(.rate, rate), "PutEvents quota", default: "10000/s", source: "EventBridge quota, varies by region"),
                F("delivery_latency", .distribution(.duration, stepDuration), "Put-to-delivery latency",
                    default: "{ lognormal: { median: 100ms, p99: 500ms } }", source: "estimate"),
                F("dlq", .reference(.component(families: [.queue])), "Where undeliverable events go"),
            ]),
        KindSpec(
            "rabbitmq", family: .queue, primitive: .queue(QueueKnobs(delivery: .push, broker: true)), placement: .subnet, acceptsPublish: true,
            "RabbitMQ broker (Amazon MQ) queue with message priorities",
            fields: [
                F("instance", .identifier, "Broker instance type, for pricing", default: "mq.m5.large"),
                F("consumers", CommonSpecs.consumers, "Components consuming the queue"),
                F("max_priority", .integer(.range(0, 255, "RabbitMQ allows at most 255")), "Highest priority (0 = no priorities)", default: "0",
                    source: "RabbitMQ default: a classic queue without x-max-priority"),
                F("prefetch", .integer(.range(0, 65_535)), "Unacknowledged messages per consumer (0 = unlimited)", default: "10"),
                F("throughput", .quantity(.rate, rate), "Broker's message rate limit", default: "20000/s", source: "estimate for mq.m5.large"),
            ]),
        KindSpec(
            "kafka", family: .stream, primitive: .stream(StreamKnobs(partitionField: "partitions", quotas: .partitionThroughput)), placement: .subnet, acceptsPublish: true,
            "Apache Kafka (Amazon MSK): partitions, consumer groups, retention",
            fields: [
                F("brokers", .integer(.range(1, 1000)), "Broker count", default: "3"),
                F("broker_instance", .identifier, "Broker instance type, for pricing", default: "kafka.m5.large"),
                F("partitions", .integer(.range(1, 100_000)), "Partitions of the topic", default: "12"),
                F("replication", .integer(.range(1, 10)), "Replication factor", default: "3", source: "MSK default for 3 zones"),
                F("retention", .quantity(.duration, longDuration), "Log retention", default: "7d", source: "Kafka log.retention.hours=168"),
                F("consumers", CommonSpecs.consumers, "Consumer groups"),
                F("partition_throughput", .quantity(.bandwidth, .positive), "Write throughput one partition sustains", default: "10MB/s", source: "estimate"),
            ]),
        KindSpec(
            "kinesis", family: .stream, primitive: .stream(StreamKnobs(partitionField: "shards", quotas: .shardQuotas)), placement: .regional, acceptsPublish: true,
            "Amazon Kinesis Data Streams: shards with per-shard limits",
            fields: [
                F("mode", .choice(["provisioned", "on-demand"]), "Capacity mode", default: "provisioned"),
                F("shards", .integer(.range(1, 100_000)), "Shards (provisioned mode)", default: "1"),
                F("retention", .quantity(.duration, .range(86_400, 31_536_000, "Kinesis keeps data 24h to 365 days")),
                    "Retention", default: "24h", source: "Kinesis default"),
                F("consumers", CommonSpecs.consumers, "Consumers (e.g. a Lambda event source mapping)"),
                F("shard_write_records", .quantity(.rate, rate), "Records per second per shard", default: "1000/s", source: "Kinesis quota"),
                F("shard_write_bandwidth", .quantity(.bandwidth, .positive), "Write bytes per second per shard", default: "1MB/s", source: "Kinesis quota"),
                F("shard_read_calls", .quantity(.rate, rate), "GetRecords calls per second per shard, shared by every consumer",
                    default: "5/s", source: "Kinesis quota for consumers without enhanced fan-out"),
                F("shard_read_bandwidth", .quantity(.bandwidth, .positive), "Read bytes per second per shard, shared by every consumer",
                    default: "2MB/s", source: "Kinesis quota for consumers without enhanced fan-out"),
            ]),
    ]

    // MARK: - Data

    static let dataKinds: [KindSpec] = [
        KindSpec(
            "s3", family: .store, primitive: .objectStore, placement: .regional,
            "Amazon S3 bucket: latency by object size, per-prefix request limits, lifecycle",
            fields: [
                F("storage_class", .choice(["standard", "intelligent-tiering", "standard-ia", "one-zone-ia", "glacier-ir"]), "Storage class", default: "standard"),
                F("prefixes", .integer(.range(1, 1e6)), "Key prefixes the load spreads over", default: "1"),
                F("put_limit", .quantity(.rate, rate), "PUT/COPY/POST/DELETE per second per prefix", default: "3500/s", source: "S3 performance guidelines"),
                F("get_limit", .quantity(.rate, rate), "GET/HEAD per second per prefix", default: "5500/s", source: "S3 performance guidelines"),
                F("first_byte_latency", .distribution(.duration, stepDuration), "Time to first byte",
                    default: "{ lognormal: { median: 30ms, p99: 200ms } }", source: "S3 guidelines cite 100–200 ms tail; estimate"),
                F("transfer_rate", .quantity(.bandwidth, .positive), "Per-connection transfer rate", default: "85MB/s", source: "S3 guidelines"),
                F("lifecycle", .object(ObjectSpec(
                    "lifecycle", "Object expiry and tiering",
                    fields: [
                        F("expire_after", .quantity(.duration, longDuration), "Delete objects this old"),
                        F("transition_after", .quantity(.duration, longDuration), "Move objects this old to `transition_to`"),
                        F("transition_to", .choice(["standard-ia", "one-zone-ia", "glacier-ir", "glacier", "deep-archive"]), "Colder class"),
                    ])), "Lifecycle rules"),
                F("notifications", .list(.object(ObjectSpec(
                    "notification", "Event notification on object creation",
                    fields: [
                        F("target", .reference(.component(families: [.compute, .queue, .topic, .bus])), "Lambda, queue, topic or bus notified", required: true),
                        F("op", .identifier, "Operation the target runs (default: the write's operation)"),
                        F("when", .condition, "Only for matching objects"),
                    ])), minCount: 1), "Event notifications"),
                F("stored", .quantity(.size, size), "Bytes already stored at the start", default: "0B"),
            ]),
        KindSpec(
            "dynamodb", family: .store, primitive: .table, placement: .regional,
            "Amazon DynamoDB table: on-demand or provisioned capacity, throttling",
            fields: [
                F("mode", .choice(["on-demand", "provisioned"]), "Capacity mode", default: "on-demand"),
                F("read_capacity", .integer(.range(1, 1e9)), "Provisioned RCU (4KB strongly consistent reads/s)"),
                F("write_capacity", .integer(.range(1, 1e9)), "Provisioned WCU (1KB writes/s)"),
                F("max_read_request_units", .integer(.range(1, 1e9)), "On-demand: most read request units per second (4KB strongly consistent reads); more are throttled",
                    default: "40000", source: "DynamoDB quota: per-table on-demand throughput; MaxReadRequestUnits lowers it"),
                F("max_write_request_units", .integer(.range(1, 1e9)), "On-demand: most write request units per second (1KB writes); more are throttled",
                    default: "40000", source: "DynamoDB quota: per-table on-demand throughput; MaxWriteRequestUnits lowers it"),
                F("latency", .distribution(.duration, stepDuration), "Request latency", default: "{ lognormal: { median: 4ms, p99: 20ms } }", source: "estimate: \"single-digit milliseconds\""),
                F("item_size", .quantity(.size, size), "Typical item size", default: "1KB"),
            ]),
        KindSpec(
            "rds", family: .database, primitive: .database(DatabaseKnobs(serverField: "vcpu")), placement: .subnet,
            "Amazon RDS database: vCPUs as servers, connection limit, Multi-AZ, read replicas",
            fields: [
                F("engine", .choice(["postgres", "mysql", "mariadb", "aurora-postgres", "aurora-mysql"]), "Engine", default: "postgres"),
                F("instance", .identifier, "Instance class, for pricing", default: "db.r6g.large"),
                F("vcpu", .integer(.range(1, 192)), "vCPUs (servers of the query queue)", default: "2"),
                F("max_connections", .integer(.range(1, 100_000)), "Connection limit", default: "1800",
                    source: "RDS Postgres formula LEAST(memory/9531392, 5000) for 16GiB"),
                F("multi_az", .boolean, "Standby in a second zone (failover)", default: "false"),
                F("replicas", .integer(.range(0, 15, "RDS allows at most 15 read replicas")), "Read replicas", default: "0"),
                F("query_time", .distribution(.duration, stepDuration), "CPU time per query", default: "{ lognormal: { median: 2ms, p99: 25ms } }", source: "estimate"),
                F("failover_time", .distribution(.duration, longDuration), "Multi-AZ failover duration", default: "{ uniform: [60s, 120s] }", source: "RDS documentation: typically 60–120 s"),
                F("storage", .quantity(.size, size), "Allocated storage", default: "100GB"),
            ]),
        KindSpec(
            "redshift", family: .database, primitive: .database(DatabaseKnobs(serverField: "query_slots", fixedMaxConnections: redshiftMaxConnections)), placement: .subnet,
            "Amazon Redshift cluster: WLM query slots, loads",
            fields: [
                F("node_type", .identifier, "Node type, for pricing", default: "ra3.xlplus"),
                F("nodes", .integer(.range(1, 128)), "Nodes", default: "2"),
                F("query_slots", .integer(.range(1, 50)), "Concurrent queries (WLM)", default: "5", source: "Redshift manual WLM default"),
                F("query_time", .distribution(.duration, longDuration), "Time per query", default: "{ lognormal: { median: 2s, p99: 30s } }", source: "estimate"),
            ]),
        KindSpec(
            "elasticache", family: .cache, primitive: .proxy(.cache), placement: .subnet,
            "Amazon ElastiCache (Redis/Valkey or Memcached): hits answer, misses fall through",
            fields: [
                F("engine", .choice(["redis", "valkey", "memcached"]), "Engine", default: "redis"),
                F("node_type", .identifier, "Node type, for pricing", default: "cache.r6g.large"),
                F("nodes", .integer(.range(1, 500)), "Nodes (shards × replicas)", default: "2"),
                F("hit_ratio", .quantity(.percentage, .percentage), "Share of reads that hit", default: "80%", source: "estimate"),
                F("latency", .distribution(.duration, stepDuration), "Operation latency", default: "{ lognormal: { median: 500us, p99: 3ms } }", source: "estimate"),
                F("miss", .reference(.anyComponent), "Where misses go (the next step otherwise)"),
            ]),
    ]

    // MARK: - Jobs

    static let schedule = ObjectSpec(
        "schedule", "When the job runs",
        fields: [
            F("every", .quantity(.duration, longDuration), "Period between runs", required: true),
            F("offset", .quantity(.duration, .nonNegative), "Time of the first run", default: "0s"),
        ])

    static let jobKinds: [KindSpec] = [
        KindSpec(
            "glue", family: .job, primitive: .compute(.job(.dataProcessingUnits(vcpu: 4, memory: 16e9), restart: jobRestart)), placement: .regional, handlers: true,
            "AWS Glue ETL job on a schedule; its `run` handler is the job",
            fields: [
                F("schedule", .object(schedule), "Trigger", required: true),
                F("dpu", .integer(.range(2, 1000)), "Data processing units (4 vCPU, 16GB each)", default: "10", source: "Glue Spark job default"),
            ]),
        KindSpec(
            "batch", family: .job, primitive: .compute(.job(.jobFields, restart: jobRestart)), placement: .either, handlers: true,
            "AWS Batch job on a schedule; its `run` handler is the job",
            fields: [
                F("schedule", .object(schedule), "Trigger", required: true),
                F("vcpu", .number(.positive(upTo: 10_000, "implausible")), "vCPUs", default: "4"),
                F("memory", .quantity(.size, size), "Memory", default: "8GiB"),
            ]),
    ]
}
