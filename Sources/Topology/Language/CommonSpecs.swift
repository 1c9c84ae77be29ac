/// Specs shared by several sections: handler steps, retries, compute units, scaling, consumers.
package enum CommonSpecs {
    // MARK: - Bounds that keep numbers simulable

    /// No single step of a request is longer than a day; no queue holds messages for a year.
    package static let stepDuration = Bounds.nonNegative(upTo: 86_400, "a single step longer than a day is not a request")
    package static let longDuration = Bounds.positive(upTo: 3.16e8, "archsim simulates at most 10 years")
    package static let rate = Bounds.positive(upTo: 1e9, "archsim simulates at most 10^9 requests/s")
    package static let size = Bounds.nonNegative(upTo: 1e15, "sizes above 1PB are not meaningful here")
    package static let count = Bounds.range(1, 100_000, "at most 100000")
    package static let bigCount = Bounds.range(0, 1e9, "at most 10^9")

    // MARK: - Retries

    package static let retryPolicy = ObjectSpec(
        "retry-policy", "How failed attempts are retried: exponential backoff with jitter",
        fields: [
            FieldSpec("max", .integer(.range(0, 20, "more than 20 retries never helps")), "Retries after the first attempt", default: "2"),
            FieldSpec("backoff", .quantity(.duration, stepDuration), "Wait before the first retry; doubles each time", default: "100ms"),
            FieldSpec("max_backoff", .quantity(.duration, stepDuration), "Upper limit of the wait between retries", default: "20s"),
            FieldSpec("jitter", .choice(["full", "equal", "none"]), "Randomisation of the wait (AWS Architecture Blog, \"Exponential Backoff and Jitter\")", default: "full"),
        ])

    /// `retries: 3` or the full policy.
    package static let retries = ValueType.oneOf([
        .integer(.range(0, 20, "more than 20 retries never helps")), .object(retryPolicy),
    ])

    // MARK: - Handler steps

    package static let callFields: [FieldSpec] = [
        FieldSpec("op", .identifier, "Operation or handler invoked on the target (default: the caller's current operation)"),
        FieldSpec("bytes", .distribution(.size, size), "Bytes sent with the request (default: the request's payload bytes)"),
        FieldSpec("response_bytes", .distribution(.size, size), "Bytes returned", default: "1KB"),
        FieldSpec("timeout", .quantity(.duration, stepDuration), "Give up waiting after this long (counted as a timeout error)"),
        FieldSpec("retries", retries, "Retries on error or timeout", default: "0"),
        FieldSpec("when", .condition, "Run this step only for requests matching the condition"),
        FieldSpec("p", .number(.probability), "Run this step with this probability"),
    ]

    package static let call = ObjectSpec(
        "call", "Synchronous call: the caller holds its slot until the answer comes back",
        fields: [FieldSpec("call", .reference(.anyComponent), "Component called", required: true)] + callFields)

    package static let workSpec = ObjectSpec(
        "work-detail", "CPU work: a time distribution or a real image kernel",
        fields: [
            FieldSpec("kernel", .reference(.kernel), "Image kernel whose calibrated (or live) time is the service time"),
            FieldSpec("cpu", .distribution(.duration, stepDuration), "CPU time on one vCPU of speed 1.0"),
            FieldSpec("memory", .quantity(.size, size), "Memory held while the step runs (images: decoded buffers are added)"),
        ])

    package static let step = VariantSpec(
        "step", "One step of a handler", by: .presentKey,
        cases: [
            ObjectSpec(
                "work", "Compute on the component's own CPU",
                fields: [
                    FieldSpec("work", .oneOf([.distribution(.duration, stepDuration), .object(workSpec)]),
                        "CPU time (`{ exponential: 5ms }`, `{ lognormal: { median: 5ms, p99: 40ms } }`) or `{ kernel: name }`", required: true),
                    FieldSpec("when", .condition, "Run this step only for requests matching the condition"),
                    FieldSpec("p", .number(.probability), "Run this step with this probability"),
                ]),
            call,
            ObjectSpec(
                "publish", "Asynchronous send to a queue, topic, bus, stream or Lambda; the caller moves on",
                fields: [
                    FieldSpec("publish", .reference(.component(families: [.queue, .topic, .bus, .stream, .compute])),
                        "Queue, topic, event bus, stream or Lambda function", required: true),
                    FieldSpec("op", .identifier, "Operation the consumer runs (default: the current operation)"),
                    FieldSpec("bytes", .distribution(.size, size), "Message size", default: "1KB"),
                    FieldSpec("key", .identifier, "Request attribute used as partition key (Kafka, Kinesis, FIFO group)"),
                    FieldSpec("priority", .oneOf([.integer(.range(0, 255)), .identifier]),
                        "Message priority, higher first: a number, or the name of a request attribute holding it (RabbitMQ)"),
                    FieldSpec("delay", .quantity(.duration, stepDuration), "Delivery delay", default: "0s"),
                    FieldSpec("when", .condition, "Publish only for requests matching the condition"),
                    FieldSpec("p", .number(.probability), "Publish with this probability"),
                ]),
            ObjectSpec(
                "fanout", "Parallel synchronous calls; the step ends when all have answered",
                fields: [
                    FieldSpec("fanout", .list(.object(call), minCount: 1), "The calls made in parallel", required: true),
                    FieldSpec("when", .condition, "Run this step only for requests matching the condition"),
                    FieldSpec("p", .number(.probability), "Run this step with this probability"),
                ]),
        ])

    package static let handlers = ValueType.map(
        key: KeyRule("handler", example: "upload"), value: .list(.variant(step), minCount: 0))

    // MARK: - Compute

    package static func computeUnit(_ name: String, _ summary: String, maxVCPU: Double, maxMemory: Double) -> ObjectSpec {
        ObjectSpec(
            name, summary,
            fields: [
                FieldSpec("vcpu", .number(.positive(upTo: maxVCPU, "at most \(NumberText.format(maxVCPU)) vCPU")),
                    "vCPUs of one unit", default: "1"),
                FieldSpec("memory", .quantity(.size, .positive(upTo: maxMemory, "at most \(UnitParser.format(maxMemory, .size))")),
                    "Memory of one unit; exceeding it kills the unit", default: "2GiB"),
                FieldSpec("concurrency", .integer(.range(1, 100_000)),
                    "Requests one unit serves at once (its thread or connection pool)", default: "16"),
                FieldSpec("vcpu_speed", .number(.positive(upTo: 100, "a vCPU 100× the calibrating core is implausible")),
                    "Speed of one vCPU relative to the core kernels were calibrated on", default: "1.0"),
            ])
    }

    package static let scalingPolicy = ObjectSpec(
        "scaling-policy", "Target tracking: keep a metric near a value",
        fields: [
            FieldSpec("target", .choice(["cpu", "memory", "requests", "backlog"]),
                "Metric tracked: average CPU, memory, requests per unit per second, or queue backlog per unit",
                default: "cpu"),
            FieldSpec("value", .oneOf([.quantity(.percentage, .percentage), .number(.positive)]),
                "Target value: a percentage for cpu/memory, a number for requests/backlog", required: true),
        ])

    package static let scaling = ObjectSpec(
        "scaling", "Autoscaling bounds and policy",
        fields: [
            FieldSpec("min", .integer(.range(0, 100_000)), "Fewest units", default: "1"),
            FieldSpec("max", .integer(.range(1, 100_000)), "Most units", required: true),
            FieldSpec("policy", .object(scalingPolicy), "Target-tracking policy"),
            FieldSpec("scale_out_cooldown", .quantity(.duration, longDuration), "Wait after scaling out",
                default: "300s", source: "AWS Application Auto Scaling default cooldown"),
            FieldSpec("scale_in_cooldown", .quantity(.duration, longDuration), "Wait after scaling in",
                default: "300s", source: "AWS Application Auto Scaling default cooldown"),
            FieldSpec("startup_time", .distribution(.duration, longDuration), "Time from launch to serving",
                default: "{ lognormal: { median: 45s, p99: 120s } }", source: "estimate for Fargate image pull + start"),
        ])

    // MARK: - Consumers of queues and streams

    package static let consumer = ObjectSpec(
        "consumer", "A component that polls this queue or stream",
        fields: [
            FieldSpec("component", .reference(.component(families: [.compute])), "Consuming component", required: true),
            FieldSpec("handler", .identifier, "Handler run per message (default: the message's operation)"),
            FieldSpec("batch_size", .integer(.range(1, 10_000)), "Messages taken per poll", default: "1"),
            FieldSpec("concurrency", .integer(.range(1, 100_000)), "Polling workers in total, shared by all of the component's units, not per unit (default: its total concurrency: units × the unit's `concurrency`, `servers`, or Lambda's `concurrency`); a stream's group uses at most one per partition"),
            FieldSpec("group", .identifier, "Consumer group (Kafka): each group gets every message"),
        ])

    package static let consumers = ValueType.oneOrMany(
        .oneOf([.reference(.component(families: [.compute])), .object(consumer)]))

    // MARK: - Health checks

    package static let healthCheck = ObjectSpec(
        "health-check", "Target health checking",
        fields: [
            FieldSpec("interval", .quantity(.duration, stepDuration), "Time between checks", default: "30s",
                source: "ELB target group default"),
            FieldSpec("timeout", .quantity(.duration, stepDuration), "Check timeout", default: "5s",
                source: "ELB target group default"),
            FieldSpec("healthy_threshold", .integer(.range(2, 10)), "Passes to become healthy", default: "5",
                source: "ELB target group default"),
            FieldSpec("unhealthy_threshold", .integer(.range(2, 10)), "Failures to become unhealthy", default: "2",
                source: "ELB target group default"),
        ])

    package static let routingRule = ObjectSpec(
        "route", "Send matching requests to another target",
        fields: [
            FieldSpec("when", .condition, "Requests this rule applies to", required: true),
            FieldSpec("target", .reference(.anyComponent), "Where they go", required: true),
        ])

    /// Common fields every component has, before its kind's own.
    package static func commonFields(for kind: KindSpec) -> [FieldSpec] {
        var fields = [
            FieldSpec("kind", .choice([kind.name]), "Component kind", required: true),
            FieldSpec("description", .text, "What this component is, for people and diagrams"),
        ]
        switch kind.placement {
        case .subnet:
            fields.append(FieldSpec("subnet", .reference(.subnet), "Subnet it runs in", required: true))
            fields.append(FieldSpec("zones", .list(.reference(.zone), minCount: 1),
                "Zones it spans (default: every zone of the network)"))
        case .either:
            fields.append(FieldSpec("subnet", .reference(.subnet), "Subnet it is attached to (default: outside the VPC)"))
            fields.append(FieldSpec("zones", .list(.reference(.zone), minCount: 1),
                "Zones it spans when attached (default: every zone)"))
        case .regional:
            break
        }
        if kind.hasHandlers {
            fields.append(FieldSpec("handlers", handlers, "Operations it serves: name → ordered steps"))
        }
        return fields
    }
}
