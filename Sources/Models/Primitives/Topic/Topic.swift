import SimKit

package struct TopicPlan: Sendable {
    struct Subscription: Sendable {
        var target: NetworkPlan.Step.Target
        var guardCondition: NetworkPlan.Guard
    }

    var subscriptions: [Subscription]
    var latency: Variate
    /// EventBridge PutEvents quota: events beyond it are rejected (throttled).
    var throughput: Double?
}

/// A topic or bus of one replication.
struct TopicState {
    var latency: Variate
    var throttle: TokenBucket?
    var delivered = 0

    mutating func resetStatistics() {
        delivered = 0
    }
}

/// Topics (SNS) and buses (EventBridge): after the delivery latency, every matching
/// subscription or rule target gets the message.
extension NetworkModel {
    mutating func buildTopic(_ topic: TopicPlan) -> Int32 {
        topics.append(TopicState(latency: topic.latency, throttle: topic.throughput.map { TokenBucket(rate: $0, burst: $0) }))
        return Int32(topics.count - 1)
    }

    mutating func arriveAtTopic(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        if topics[slot].throttle != nil, !topics[slot].throttle!.take(at: simulation.now) {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        activations.records[Int(activation)].state = .serving
        let delay = topics[slot].latency.sample(&serviceStreams[component])
        simulation.schedule(after: delay, kind: Kind.deliver.rawValue, token: queueToken(activation))
    }

    /// After the delivery latency, every subscription (or rule) that matches gets the message.
    mutating func deliver(_ activation: Int32, _ simulation: inout Simulation) {
        let component = Int(activations.records[Int(activation)].station)
        let slot = Int(components[component].slot)
        if case .topic(let topic) = plan.stations[component].behaviour {
            for subscription in topic.subscriptions where guardPasses(subscription.guardCondition, activation) {
                let record = activations.records[Int(activation)]
                let operation = subscription.target.operation >= 0 ? Int32(subscription.target.operation) : record.operation
                let child = newActivation(
                    request: record.request, station: Int32(subscription.target.station), operation: operation, parent: -1)
                activations.records[Int(child)].bytes = record.bytes
                activations.records[Int(child)].priority = record.priority
                activations.records[Int(child)].key = record.key
                topics[slot].delivered += 1
                arrive(child, &simulation)
            }
        }
        finish(activation, failure: nil, &simulation)
    }
    func topicMetrics(_ slot: Int, _ counters: ComponentCounters, into result: inout ReplicationResult.Station) {
        result.counts += [("delivered", topics[slot].delivered), ("throttled", counters.throttled)]
    }
}
