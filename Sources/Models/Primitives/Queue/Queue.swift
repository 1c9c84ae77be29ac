import DequeModule
import SimKit
import Topology

package struct QueuePlan: Sendable {
    var delivery: QueueKnobs.Delivery
    var fifo: Bool
    var visibilityTimeout: Double
    var retention: Double
    var maxReceives: Int?
    var deadLetter: Int?
    /// RabbitMQ: priority lanes 0…maxPriority (0: one lane); unacked messages per consumer.
    var maxPriority: Int
    var prefetch: Int
    /// RabbitMQ: the broker's `throughput` (messages/s). Every message arriving passes through
    /// one server of this rate; an immediate publish waits for it (flow control); nil for SQS.
    var brokerRate: Double?
    var consumers: [ConsumerPlan]
}

/// A queue's messages and the counts that must balance:
/// `published == consumed + queued + expired + deadLettered`.
struct QueueState {
    var component: Int32
    /// RabbitMQ's push to consumers under their prefetch, nack requeue (else SQS polling
    /// with visibility timeouts).
    var pushes: Bool
    var fifo: Bool
    var visibilityTimeout: Double
    var retention: Double
    var maxReceives: Int32
    var deadLetter: Int32
    /// Visible messages by priority lane (lane 0 is the lowest priority).
    var lanes: [Deque<Int32>]
    var visible = 0
    var inFlight = 0
    /// FIFO queues: message groups with a message in flight (blocked until it is done).
    var busyGroups: Set<Int32> = []
    var visibilityDeadlines: Deque<(time: Double, message: Int32, receipt: UInt32)> = []
    var visibilityScheduled = false
    var pollers: [Int32] = []
    var idlePollers: [Int32] = []
    var counts = MessageCounts()
    var backlog = TimeWeighted()
    var lag = Tally()
    var lagHistogram = LatencyHistogram()
    /// RabbitMQ: the broker's SimKit station (-1: none) and its seconds per message (1 / `throughput`).
    var brokerStation: Int32 = -1
    var brokerServiceTime: Double = 0

    mutating func resetStatistics(at time: Double) {
        counts = MessageCounts()
        counts.published = visible + inFlight
        backlog.reset(at: time)
        lag = Tally()
        lagHistogram = LatencyHistogram()
    }
}
extension NetworkModel {
    mutating func buildQueue(_ queue: QueuePlan, component index: Int) -> Int32 {
        let pushes = queue.delivery == .push
        var state = QueueState(
            component: Int32(index), pushes: pushes, fifo: queue.fifo,
            visibilityTimeout: queue.visibilityTimeout, retention: queue.retention,
            maxReceives: Int32(queue.maxReceives ?? Int(Int32.max)), deadLetter: Int32(queue.deadLetter ?? -1),
            lanes: Array(repeating: Deque(), count: pushes ? queue.maxPriority + 1 : 1))
        for consumer in queue.consumers {
            for _ in 0..<consumer.pollers {
                state.pollers.append(Int32(pollers.count))
                state.idlePollers.append(Int32(pollers.count))
                var poller = PollerState(
                    source: Int32(queues.count), isStream: false, group: 0, consumer: Int32(consumer.component),
                    operation: Int32(consumer.operation), batchSize: Int32(consumer.batchSize),
                    prefetch: pushes ? Int32(queue.prefetch) : 0)
                poller.idle = true
                pollers.append(poller)
            }
        }
        // Idle pollers are taken from the end: start with the first.
        state.idlePollers.reverse()
        if let rate = queue.brokerRate {
            // The broker: one server handling `throughput` messages a second.
            state.brokerStation = addStation(Station(servers: 1), component: index)
            state.brokerServiceTime = 1 / rate
        }
        queues.append(state)
        return Int32(queues.count - 1)
    }

    mutating func arriveAtQueue(_ activation: Int32, slot: Int, _ simulation: inout Simulation) {
        if queues[slot].brokerStation >= 0 {
            // RabbitMQ: through the broker first, at its `throughput`.
            queueAt(activation, station: queues[slot].brokerStation, &simulation)
        } else {
            enqueue(activation, queue: slot, &simulation)
        }
    }

    /// The broker takes the message: it is queued after the broker's time per message.
    mutating func serveAtBroker(_ activation: Int32, slot: Int, _ simulation: inout Simulation) {
        simulation.schedule(after: queues[slot].brokerServiceTime, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    func queueMetrics(_ slot: Int, until end: Double, into result: inout ReplicationResult.Station) {
        let queue = queues[slot]
        if queue.brokerStation >= 0 {
            // RabbitMQ's broker: how busy it is and how long publishes wait for it.
            StationPool([stations[Int(queue.brokerStation)]], until: end).reportOccupancy(into: &result)
        }
        result.messages = queue.counts.balance(queued: queue.visible + queue.inFlight, lag: queue.lag,
            lagHistogram: queue.lagHistogram, backlog: queue.backlog.mean(until: end))
    }

    func queueGauges(_ slot: Int, _ counters: ComponentCounters, at time: Double, into gauges: inout ComponentGauges) {
        let queue = queues[slot]
        if queue.brokerStation >= 0 {
            // RabbitMQ's broker, as the component's own utilization and wait report it.
            let broker = [stations[Int(queue.brokerStation)]]
            gauges.add(busy: broker, waits: broker, at: time)
        } else {
            gauges.started = Double(counters.arrivals)
        }
        gauges.backlogArea = queue.backlog.area(until: time)
        gauges.lagSum = queue.lag.sum
        gauges.lagCount = Double(queue.lag.count)
    }
}
