import Topology

extension Compiler {
    /// Consumers of a queue or stream. Pollers default to the consumer's concurrency (all its
    /// slots); a stream's group gets at most one poller per partition.
    mutating func consumers(
        _ value: Value?, _ stationIndex: [String: Int], partitions: Int?
    ) -> (consumers: [ConsumerPlan], groups: [String]) {
        var result: [ConsumerPlan] = []
        var groups: [String] = []
        for element in value?.elements ?? [] {
            let name = element.text ?? element["component"]?.text
            guard let name, let index = stationIndex[name], let component = topology.component(name) else { continue }
            let group = element["group"]?.text ?? name
            if !groups.contains(group) { groups.append(group) }
            var pollers = element["concurrency"]?.int ?? ComputeSizing.concurrency(component)
            if let partitions { pollers = min(pollers, partitions) }
            result.append(ConsumerPlan(
                component: index, operation: element["handler"]?.text.map { intern($0) } ?? -1,
                batchSize: element["batch_size"]?.int ?? 1, pollers: max(1, pollers), group: groups.firstIndex(of: group)!))
        }
        return (result, groups)
    }
}
