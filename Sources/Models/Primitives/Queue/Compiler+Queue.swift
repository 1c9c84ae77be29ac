import Topology

extension Compiler {
    mutating func compileQueue(_ settings: KindSettings, _ knobs: QueueKnobs, _ stationIndex: [String: Int]) -> QueuePlan {
        let pushes = knobs.delivery == .push
        return QueuePlan(
            delivery: knobs.delivery, fifo: settings["type"]?.text == "fifo",
            // RabbitMQ has no visibility timeout (a consumer holds a message until it acks) and
            // keeps messages until consumed (no `retention` field).
            visibilityTimeout: pushes ? 0 : settings.number("visibility_timeout"),
            retention: settings["retention"] == nil ? .infinity : settings.number("retention"),
            maxReceives: settings["max_receives"]?.int, deadLetter: settings["dlq"]?.text.flatMap { stationIndex[$0] },
            maxPriority: pushes ? settings.integer("max_priority") : 0, prefetch: pushes ? settings.integer("prefetch") : 0,
            brokerRate: knobs.broker ? settings.number("throughput") : nil,
            consumers: consumers(settings["consumers"], stationIndex, partitions: nil).consumers)
    }
}
