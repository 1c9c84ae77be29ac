import Topology

extension Compiler {
    mutating func compileTopic(
        _ settings: KindSettings, _ routing: TopicRouting, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> TopicPlan {
        var subscriptions: [TopicPlan.Subscription] = []
        switch routing {
        case .subscriptions:
            for subscription in settings["subscriptions"]?.elements ?? [] {
                guard let target = subscription["target"]?.text.flatMap({ stationIndex[$0] }) else { continue }
                subscriptions.append(.init(target: .init(station: target, operation: -1),
                    guardCondition: compileGuard(subscription["filter"]?.condition, workloads)))
            }
        case .rules:
            for rule in settings["rules"]?.elements ?? [] {
                let condition = compileGuard(rule["when"]?.condition, workloads)
                for target in rule["targets"]?.elements ?? [] {
                    guard let index = target.text.flatMap({ stationIndex[$0] }) else { continue }
                    subscriptions.append(.init(target: .init(station: index, operation: -1), guardCondition: condition))
                }
            }
            if let dlq = settings["dlq"] {
                notSimulated.append(.warning("EventBridge's `dlq` receives nothing: deliveries to targets do not fail in this model", at: dlq.location))
            }
        }
        return TopicPlan(
            subscriptions: subscriptions, latency: distribution("delivery_latency", of: settings),
            throughput: routing == .rules ? settings.number("throughput") : nil)
    }
}
