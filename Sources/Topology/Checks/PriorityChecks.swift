/// Message priorities on RabbitMQ queues. RabbitMQ serves higher priorities first, but only
/// on a queue declared with `x-max-priority` (here `max_priority`, 1–255; 0 means a queue
/// without priorities, which ignores them); a message priority above the maximum is treated
/// as the maximum, so two levels above it are served alike. Priorities are integers.
enum PriorityChecks {
    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        var attributeUses: [String: [(queue: Component, maximum: Int)]] = [:]
        for component in topology.components {
            for handler in component.handlers {
                for step in handler.steps {
                    guard case .publish(let target, _) = step.action, let priority = step.value["priority"],
                        let queue = topology.component(target), queue.kind.name == "rabbitmq"
                    else { continue }
                    let maximum = queue["max_priority"]?.int ?? 0
                    if maximum == 0 {
                        let declared = queue["max_priority"].map { $0.isDefault ? "leaves `max_priority` unset (0)" : "has `max_priority: 0`" } ?? "has no `max_priority`"
                        diagnostics.error(
                            "this publish sets a priority, but `\(queue.name)` \(declared), so RabbitMQ ignores message priorities: declare the queue with `max_priority:` (x-max-priority; 1–10 levels are recommended, at most 255)",
                            at: priority.location)
                        continue
                    }
                    if let number = priority.int {
                        if number > maximum {
                            diagnostics.error(tooHigh("priority \(number)", queue, maximum), at: priority.location)
                        }
                    } else if let attribute = priority.text {
                        attributeUses[attribute, default: []].append((queue, maximum))
                        if !topology.workloads.contains(where: { $0.mix.contains { $0.attribute == attribute } }) {
                            diagnostics.error(
                                "the priority is read from request attribute `\(attribute)`, which no workload's `mix` sets, so every message would have priority 0: set it in a workload's mix (`mix: { \(attribute): { \"9\": 0.2, \"1\": 0.8 } }`) or write a number",
                                at: priority.location)
                        }
                    }
                }
            }
        }
        // The values of attributes used as priorities, where they are written.
        for workload in topology.workloads {
            for attribute in workload.mix {
                guard let uses = attributeUses[attribute.attribute] else { continue }
                let values = attribute.shares.map(\.value)
                let notNumbers = values.filter { value in Int(value).map { !(0...255).contains($0) } ?? true }
                if !notNumbers.isEmpty {
                    diagnostics.error(
                        "request attribute `\(attribute.attribute)` is a RabbitMQ message priority, but \(SpecDecoder.list(notNumbers, limit: 6)) \(notNumbers.count == 1 ? "is not an integer" : "are not integers") from 0 to 255: write the priorities as numbers (`\(attribute.attribute): { \"9\": 0.2, \"1\": 0.8 }`; higher is served first)",
                        at: attribute.location)
                    continue
                }
                for use in uses {
                    if let highest = values.compactMap({ Int($0) }).max(), highest > use.maximum {
                        diagnostics.error(tooHigh("priority \(highest) (of `\(attribute.attribute)`)", use.queue, use.maximum), at: attribute.location)
                    }
                }
            }
        }
    }

    private static func tooHigh(_ what: String, _ queue: Component, _ maximum: Int) -> String {
        "\(what) is above the `max_priority: \(maximum)` of `\(queue.name)`: RabbitMQ treats it as \(maximum), so it is served no sooner than priority \(maximum); raise `max_priority`, or lower the priority"
    }
}
