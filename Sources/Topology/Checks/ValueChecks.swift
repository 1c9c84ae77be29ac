/// Values that are each fine alone but impossible together.
enum ValueChecks {
    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        checkSimulation(topology, &diagnostics)
        for component in topology.components {
            checkComponent(component, topology, &diagnostics)
        }
        checkWorkloads(topology, &diagnostics)
        checkConditions(topology, &diagnostics)
        checkFaults(topology, &diagnostics)
    }

    private static func checkSimulation(_ topology: Topology, _ diagnostics: inout Diagnostics) {
        let simulation = topology.simulation
        if let duration = simulation["duration"]?.double, let warmup = simulation["warmup"], let seconds = warmup.double,
            seconds >= duration
        {
            diagnostics.error(
                "warm-up `\(UnitParser.format(seconds, .duration))` is not shorter than the run (`\(UnitParser.format(duration, .duration))`): nothing would be measured",
                at: warmup.location)
        }
    }

    private static func checkComponent(_ component: Component, _ topology: Topology, _ diagnostics: inout Diagnostics) {
        let settings = component.settings
        if let scaling = settings["scaling"], let minimum = scaling["min"]?.int, let maximum = scaling["max"]?.int, minimum > maximum {
            diagnostics.error("scaling `min` (\(minimum)) is larger than `max` (\(maximum))", at: scaling["min"]!.location)
        }
        if let scaling = settings["scaling"], let count = settings["count"], !count.isDefault {
            diagnostics.warning("`count` is ignored when `scaling` is set: the service starts at `scaling.min`", at: count.location)
            _ = scaling
        }
        if component.kind.name == "sqs" {
            let dlq = settings["dlq"]
            let maxReceives = settings["max_receives"]
            if let dlq, maxReceives == nil {
                diagnostics.error("`dlq` needs `max_receives`: SQS moves a message to the DLQ after that many receives", at: dlq.location)
            }
            if let maxReceives, dlq == nil {
                diagnostics.warning("`max_receives` without `dlq`: messages that fail that often will be deleted", at: maxReceives.location)
            }
            if let dlq, let name = dlq.reference, let target = topology.component(name), target.kind.name == "sqs",
                target["type"]?.text != settings["type"]?.text
            {
                diagnostics.error("the dead-letter queue of a \(settings["type"]?.text ?? "standard") queue must be \(settings["type"]?.text ?? "standard") too; `\(name)` is not", at: dlq.location)
            }
            if let name = dlq?.reference, name == component.name {
                diagnostics.error("a queue can't be its own dead-letter queue", at: dlq!.location)
            }
        }
        if component.kind.name == "dynamodb", settings["mode"]?.text == "provisioned",
            settings["read_capacity"] == nil || settings["write_capacity"] == nil
        {
            diagnostics.error("provisioned DynamoDB needs `read_capacity` and `write_capacity`", at: settings["mode"]!.location)
        }
        if component.kind.name == "dynamodb", settings["mode"]?.text == "provisioned" {
            for (key, capacity) in [("max_read_request_units", "read_capacity"), ("max_write_request_units", "write_capacity")] {
                if let value = settings[key], !value.isDefault {
                    diagnostics.warning(
                        "`\(key)` limits on-demand tables; this provisioned table is limited by `\(capacity)`", at: value.location)
                }
            }
        }
        if let lifecycle = settings["lifecycle"], let after = lifecycle["transition_after"]?.double {
            if lifecycle["transition_to"] == nil {
                diagnostics.error("`transition_after` needs `transition_to`", at: lifecycle.location)
            }
            if let expire = lifecycle["expire_after"]?.double, expire <= after {
                diagnostics.warning("objects expire before they would transition: `transition_after` has no effect", at: lifecycle.location)
            }
        }
        for handler in component.handlers where handler.steps.isEmpty {
            diagnostics.warning("handler `\(handler.name)` of `\(component.name)` has no steps", at: handler.location)
        }
    }

    private static func checkWorkloads(_ topology: Topology, _ diagnostics: inout Diagnostics) {
        let duration = topology.simulation["duration"]?.double ?? 3600
        for workload in topology.workloads {
            for attribute in workload.mix {
                let total = attribute.shares.reduce(0) { $0 + $1.probability }
                if abs(total - 1) > 1e-6 {
                    let parts = attribute.shares.map { "\($0.value) \(NumberText.format($0.probability))" }.joined(separator: " + ")
                    diagnostics.error(
                        "the mix of `\(attribute.attribute)` sums to \(NumberText.format((total * 1e6).rounded() / 1e6)), not 1 (\(parts))",
                        at: attribute.location)
                }
            }
            let value = workload.value
            let mixValues = value["mix"]?.object?.entries ?? []
            if mixValues.contains(where: { $0.value.double != nil }), mixValues.contains(where: { $0.value.object != nil }) {
                diagnostics.error("`mix` mixes values of `type` with named attributes; write `type: {…}` explicitly", at: value["mix"]!.location)
            }
            if let payload = value["payload"] { checkPayload(payload, &diagnostics) }
            guard let arrival = value["arrival"] else { continue }
            switch arrival.tag {
            case "profile":
                var previous = -1.0
                for (index, step) in (arrival["steps"]?.elements ?? []).enumerated() {
                    guard let at = step["at"]?.double else { continue }
                    if index == 0, at != 0 {
                        diagnostics.error("the first step of a profile starts at `0s`", at: step["at"]!.location)
                    }
                    if at <= previous, index > 0 {
                        diagnostics.error("profile steps must be in increasing `at` order", at: step["at"]!.location)
                    }
                    previous = at
                }
                if arrival["repeat"]?.bool == true {
                    if let period = arrival["period"]?.double {
                        if period <= previous {
                            diagnostics.error("the profile's `period` must be longer than its last step's `at`", at: arrival["period"]!.location)
                        }
                    } else {
                        diagnostics.error("a repeating profile needs `period`", at: arrival.location)
                    }
                }
            case "bursts":
                if let every = arrival["every"]?.double, let length = arrival["for"]?.double, length >= every {
                    diagnostics.error("a burst (`for`) must be shorter than the time between bursts (`every`)", at: arrival["for"]!.location)
                }
            case "diurnal":
                if let period = arrival["period"]?.double, let peak = arrival["peak_at"]?.double, peak >= period {
                    diagnostics.error("`peak_at` must fall within one `period`", at: arrival["peak_at"]!.location)
                }
            default:
                break
            }
            if let timeout = value["timeout"]?.double, timeout > duration {
                diagnostics.warning("the client timeout is longer than the whole run", at: value["timeout"]!.location)
            }
        }
    }

    /// An image payload must have pixels and bytes: a 0MP image decodes to nothing, and the
    /// kernels' time model (a + b·MP) would give it the fixed cost only.
    private static func checkPayload(_ payload: Value, _ diagnostics: inout Diagnostics) {
        guard let image = payload["image"], let distribution = image.distribution else { return }
        let zero: String? = switch distribution {
        case .constant(let size) where size <= 0: "is 0MP"
        case .uniform(let low, _) where low <= 0: "can be 0MP (its `low` is 0)"
        case .normal(let mean, let sd) where mean < 3 * sd:
            "is 0MP (truncated at 0) for more than 0.1% of requests, since its mean is less than 3 standard deviations"
        default: nil
        }
        if let zero {
            diagnostics.error(
                "the payload image \(zero): an image without pixels is no image; give its size in megapixels (`12MP`, or a distribution above 0 such as `{ lognormal: { median: 12MP, sigma: 0.3 } }`), or leave `image` out for requests without one",
                at: image.location)
        }
        if let bytes = payload["bytes"], case .constant(let size)? = bytes.distribution, size <= 0 {
            diagnostics.error(
                "the payload carries an image in 0 bytes: leave `bytes` out (0.3 bytes per pixel of `image` is assumed) or give the encoded size (`3.6MB`)",
                at: bytes.location)
        }
    }

    /// Conditions may only read attributes some workload sets, or built-in ones.
    private static func checkConditions(_ topology: Topology, _ diagnostics: inout Diagnostics) {
        var known: Set<String> = ["image", "bytes", "op", "workload"]
        for workload in topology.workloads {
            for attribute in workload.mix { known.insert(attribute.attribute) }
        }
        func check(_ value: Value) {
            switch value.content {
            case .condition(let condition):
                for attribute in condition.attributes where !known.contains(attribute) {
                    var message = "condition reads attribute `\(attribute)`, which no workload sets, so it is never true"
                    if let suggestion = Suggestions.closest(to: attribute, in: known.sorted()) {
                        message += " (did you mean `\(suggestion)`?)"
                    } else {
                        message += "; attributes are \(SpecDecoder.list(known.sorted(), limit: 12))"
                    }
                    diagnostics.error(message, at: value.location)
                }
            case .list(let values):
                values.forEach(check)
            case .object(let object):
                object.entries.forEach { check($0.value) }
            default:
                break
            }
        }
        check(topology.root)
    }

    private static func checkFaults(_ topology: Topology, _ diagnostics: inout Diagnostics) {
        guard let duration = topology.simulation["duration"]?.double else { return }
        for fault in topology.faults {
            if let at = fault["at"]?.double, at >= duration {
                diagnostics.warning(
                    "this fault starts at `\(UnitParser.format(at, .duration))`, after the run ends (`\(UnitParser.format(duration, .duration))`)",
                    at: fault["at"]!.location)
            }
        }
    }
}
