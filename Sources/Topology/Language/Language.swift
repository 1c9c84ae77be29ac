/// The whole topology language, version 1, as one spec tree. The root of everything the
/// decoder, the JSON Schema and the reference documentation know.
package enum Language {
    package static let version = 1
    private typealias F = FieldSpec

    package static let root = ObjectSpec(
        "topology", "An architecture to simulate",
        fields: [
            F("archsim", .integer(.range(1, 1, "this archsim reads language version 1")), "Language version", required: true, example: "1"),
            F("name", .identifier, "Name of the system, used in reports and diagrams", required: true, example: "image-pipeline"),
            F("description", .text, "What the system is"),
            F("region", .identifier, "AWS region, for prices and zone names", default: "us-east-1", example: "ap-southeast-1"),
            F("simulation", .object(simulation), "How long and how often to simulate", default: "{}"),
            F("network", .object(network), "Zones, subnets, NAT and endpoints (optional for networks of generic `service`s)"),
            F("components", .map(key: KeyRule("component", example: "web"), value: .variant(Catalogue.components)),
                "The parts of the architecture, by name", required: true),
            F("kernels", .map(key: KeyRule("kernel", example: "derivatives"), value: .list(.variant(kernelStep), minCount: 1)),
                "Image-processing pipelines that `work: { kernel: … }` steps run"),
            F("workloads", .map(key: KeyRule("workload", example: "upload"), value: .object(workload)),
                "Load offered to the system", required: true),
            F("faults", .list(.variant(fault), minCount: 0), "Failures injected during the run"),
            F("targets", .list(.target, minCount: 0), "Capacity targets; `run` exits 1 when one fails"),
        ])

    // MARK: - Simulation

    static let simulation = ObjectSpec(
        "simulation", "Run length, warm-up, replications and seed",
        fields: [
            F("duration", .quantity(.duration, .positive(upTo: 3.16e8, "archsim simulates at most 10 years")),
                "Simulated time per replication", default: "1h"),
            F("warmup", .oneOf([.choice(["auto"]), .quantity(.duration, .nonNegative(upTo: 3.16e8, "at most 10 years"))]),
                "Initial period removed from statistics: `auto` (MSER-5) or a duration", default: "auto"),
            F("replications", .integer(.range(1, 10_000, "at most 10000 replications")), "Independent runs", default: "8"),
            F("seed", .integer(.range(0, 9.2e18)), "Random seed; same seed, same report", default: "1"),
            F("precision", .object(ObjectSpec(
                "precision", "Keep adding replications until a metric's 95% CI is this tight",
                fields: [
                    F("target", .target, "Metric to watch, written as a target whose threshold is ignored", required: true),
                    F("relative", .quantity(.percentage, .positive(upTo: 1, "at most 100%")), "CI half-width over the mean", required: true),
                    F("max_replications", .integer(.range(2, 10_000)), "Stop here regardless", default: "100"),
                ])), "Sequential stopping rule"),
            F("time_series", .quantity(.duration, .positive(upTo: 86_400, "at most a day")), "Bucket width of time series", default: "1min"),
        ])

    // MARK: - Network

    static let network = ObjectSpec(
        "network", "The VPC: availability zones, subnets, NAT gateways and VPC endpoints",
        fields: [
            F("zones", .list(.identifier, minCount: 1), "Availability zones used (suffixes like `a`, `b`)", required: true, example: "[a, b]"),
            F("subnets", .map(key: KeyRule("subnet", example: "private"), value: .object(ObjectSpec(
                "subnet", "A subnet, repeated in each of its zones",
                fields: [
                    F("type", .choice(["public", "private"]), "Public (route to an internet gateway) or private", required: true),
                    F("egress", .choice(["nat", "none"]), "How a private subnet reaches the internet and regional services (public subnets use the internet gateway)", default: "nat"),
                    F("zones", .list(.reference(.zone), minCount: 1), "Zones it exists in (default: all)"),
                ]))), "Subnets by name", required: true),
            F("nat", .object(ObjectSpec(
                "nat", "NAT gateways for private subnets' egress",
                fields: [
                    F("placement", .choice(["per-zone", "single"]), "One NAT per zone, or a single NAT that every zone uses", default: "per-zone"),
                    F("zone", .reference(.zone), "Zone of the single NAT"),
                    F("bandwidth", .quantity(.bandwidth, .positive), "Bandwidth of one NAT gateway", default: "100Gbps",
                        source: "NAT gateway scales from 5 to 100 Gbps"),
                ])), "NAT gateways"),
            F("endpoints", .list(.choice(["s3", "dynamodb", "sqs", "sns", "kinesis", "eventbridge", "ecr", "logs"]), minCount: 0),
                "VPC endpoints: traffic to these services skips the NAT", default: "[]"),
        ])

    // MARK: - Kernels

    static let kernelStep = VariantSpec(
        "kernel-step", "One image operation", by: .presentKey,
        cases: [
            ObjectSpec("decode", "Decode the payload image", fields: [
                F("decode", .choice(["jpeg", "png", "webp"]), "Input format", required: true),
            ]),
            ObjectSpec("resize", "Resize to one or more outputs", fields: [
                F("resize", .object(ObjectSpec("resize-spec", "Resize targets and filter", fields: [
                    F("to", .oneOrMany(.oneOf([.quantity(.megapixels, .positive(upTo: 1000, "at most 1000MP")), .pixelBox])),
                        "Targets: megapixels (aspect kept) or boxes like `320x320`", required: true),
                    F("filter", .choice(["lanczos3", "bilinear", "box"]), "Resampling filter", default: "lanczos3"),
                    F("fit", .choice(["contain", "cover"]), "For boxes: fit inside, or fill and crop", default: "contain"),
                ])), "Resize", required: true),
            ]),
            ObjectSpec("crop", "Crop", fields: [
                F("crop", .object(ObjectSpec("crop-spec", "Crop box", fields: [
                    F("box", .pixelBox, "Output size", required: true),
                    F("gravity", .choice(["center", "north", "south", "east", "west"]), "Which part is kept", default: "center"),
                ])), "Crop", required: true),
            ]),
            ObjectSpec("grayscale", "Convert to grayscale", allowsNull: true, fields: [
                F("grayscale", .object(ObjectSpec("grayscale-spec", "No settings", allowsNull: true, fields: [])), "Grayscale", required: true),
            ]),
            ObjectSpec("blur", "Gaussian blur", fields: [
                F("blur", .object(ObjectSpec("blur-spec", "Blur strength", fields: [
                    F("sigma", .number(.positive(upTo: 1000, "at most 1000 px")), "Standard deviation in pixels", default: "2"),
                ])), "Blur", required: true),
            ]),
            ObjectSpec("sharpen", "Unsharp mask", fields: [
                F("sharpen", .object(ObjectSpec("sharpen-spec", "Unsharp mask settings", allowsNull: true, fields: [
                    F("sigma", .number(.positive(upTo: 1000, "at most 1000 px")), "Blur radius in pixels", default: "1"),
                    F("amount", .number(.nonNegative(upTo: 10, "at most 10")), "Strength", default: "0.5"),
                ])), "Sharpen", required: true),
            ]),
            ObjectSpec("encode", "Encode every current output", fields: [
                F("encode", .object(ObjectSpec("encode-spec", "Output format", fields: [
                    F("format", .choice(["jpeg", "png", "webp"]), "Format", default: "jpeg"),
                    F("quality", .integer(.range(1, 100, "quality is 1 to 100")), "Quality (JPEG, WebP)", default: "85"),
                ])), "Encode", required: true),
            ]),
        ])

    // MARK: - Workloads

    static let arrival = VariantSpec(
        "arrival", "How requests arrive", by: .field("process"),
        cases: [
            ObjectSpec("poisson", "Poisson arrivals at a constant rate", fields: [
                F("process", .choice(["poisson"]), "Process", required: true),
                F("rate", .quantity(.rate, CommonSpecs.rate), "Mean arrival rate", required: true),
            ]),
            ObjectSpec("profile", "Poisson arrivals whose rate follows a piecewise-constant profile", fields: [
                F("process", .choice(["profile"]), "Process", required: true),
                F("steps", .list(.object(ObjectSpec("profile-step", "From `at` on, the rate is `rate`", fields: [
                    F("at", .quantity(.duration, .nonNegative(upTo: 3.16e8, "at most 10 years")), "Start of this step", required: true),
                    F("rate", .quantity(.rate, Bounds.nonNegative(upTo: 1e9, "archsim simulates at most 10^9 requests/s")), "Rate from then on", required: true),
                ])), minCount: 1), "Steps in time order; the first starts at 0s", required: true),
                F("repeat", .boolean, "Start over when the last step ends… after `period`", default: "false"),
                F("period", .quantity(.duration, CommonSpecs.longDuration), "Length of one cycle when repeating"),
            ]),
            ObjectSpec("diurnal", "Poisson arrivals with a sinusoidal daily rate", fields: [
                F("process", .choice(["diurnal"]), "Process", required: true),
                F("mean", .quantity(.rate, CommonSpecs.rate), "Average rate over a period", required: true),
                F("peak_factor", .number(.range(1, 1000, "at most 1000")), "Peak rate over mean rate", default: "2"),
                F("period", .quantity(.duration, CommonSpecs.longDuration), "Cycle length", default: "24h"),
                F("peak_at", .quantity(.duration, .nonNegative(upTo: 3.16e8, "at most 10 years")), "Time of the peak within the cycle", default: "14h"),
            ]),
            ObjectSpec("bursts", "A base Poisson rate with periodic bursts", fields: [
                F("process", .choice(["bursts"]), "Process", required: true),
                F("rate", .quantity(.rate, CommonSpecs.rate), "Rate between bursts", required: true),
                F("burst_rate", .quantity(.rate, CommonSpecs.rate), "Rate during a burst", required: true),
                F("every", .quantity(.duration, CommonSpecs.longDuration), "Time between burst starts", required: true),
                F("for", .quantity(.duration, CommonSpecs.longDuration), "Burst length", required: true),
            ]),
            ObjectSpec("closed", "A fixed population of users who wait for answers and think", fields: [
                F("process", .choice(["closed"]), "Process", required: true),
                F("users", .integer(.range(1, 10_000_000, "at most 10^7 users")), "Population", required: true),
                F("think_time", .distribution(.duration, CommonSpecs.longDuration), "Pause between a response and the next request", required: true),
            ]),
            ObjectSpec("trace", "Replay arrival timestamps from a file", fields: [
                F("process", .choice(["trace"]), "Process", required: true),
                F("file", .text, "File with one timestamp (seconds from start) per line, relative to the topology", required: true),
                F("loop", .boolean, "Replay again from the start when the trace ends", default: "false"),
            ]),
        ])

    static let workload = ObjectSpec(
        "workload", "A stream of requests entering at one component",
        fields: [
            F("entry", .reference(.anyComponent), "Component requests arrive at", required: true),
            F("op", .identifier, "Operation (handler) requested (default: the workload's name)"),
            F("arrival", .variant(arrival), "Arrival process", required: true),
            F("mix", .map(key: KeyRule("attribute or value", example: "CAR"),
                value: .oneOf([.number(.probability), .map(key: KeyRule("value", example: "CAR"), value: .number(.probability))])),
                "Request attributes: `{CAR: 0.5, HOUSE: 0.5}` sets `type`; `{priority: {high: 0.1, low: 0.9}}` names the attribute"),
            F("payload", .object(ObjectSpec("payload", "What each request carries", fields: [
                F("image", .distribution(.megapixels, .positive(upTo: 1000, "at most 1000MP")), "Image size"),
                F("bytes", .distribution(.size, CommonSpecs.size), "Request body size (default: 0.3 bytes per pixel of `image`, else 1KB)"),
            ])), "Payload"),
            F("timeout", .quantity(.duration, CommonSpecs.stepDuration), "Client gives up after this long", default: "30s"),
            F("retries", CommonSpecs.retries, "Client retries", default: "0"),
        ])

    // MARK: - Faults

    static let faultTiming: [FieldSpec] = [
        F("at", .quantity(.duration, .nonNegative(upTo: 3.16e8, "at most 10 years")), "When it starts", required: true),
        F("for", .quantity(.duration, CommonSpecs.longDuration), "How long it lasts (until the end when absent)"),
    ]

    static let fault = VariantSpec(
        "fault", "A failure injected at a time", by: .presentKey,
        cases: [
            ObjectSpec("zone-outage", "Every component's units in a zone fail", fields: [
                F("zone-outage", .reference(.zone), "Zone", required: true),
            ] + faultTiming),
            ObjectSpec("kill-tasks", "Kill running tasks of a compute component", fields: [
                F("kill-tasks", .reference(.component(families: [.compute])), "Component", required: true),
                F("count", .integer(.range(1, 100_000)), "Tasks killed", default: "1"),
            ] + faultTiming),
            ObjectSpec("failover", "Fail the primary of a database or cache over to its standby", fields: [
                F("failover", .reference(.component(families: [.database, .cache])), "Database or cache", required: true),
            ] + faultTiming),
            ObjectSpec("degrade", "Slow a component down", fields: [
                F("degrade", .reference(.anyComponent), "Component", required: true),
                F("factor", .number(.range(1, 1000, "at most 1000× slower")), "Service-time multiplier", default: "2"),
            ] + faultTiming),
            ObjectSpec("nat-failure", "The NAT gateway of a zone stops forwarding", fields: [
                F("nat-failure", .reference(.zone), "Zone of the NAT", required: true),
            ] + faultTiming),
        ])
}
