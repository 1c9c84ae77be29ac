import DequeModule
import SimKit
import Topology

package struct StreamPlan: Sendable {
    var quotas: StreamKnobs.Quotas
    var partitions: Int
    var retention: Double
    /// Kafka: bytes per second one partition takes in (writes queue behind each other).
    var partitionBytesPerSecond: Double?
    /// Kinesis: per-shard write quotas; records beyond them are rejected (throttled).
    var shardRecordsPerSecond: Double?
    var shardBytesPerSecond: Double?
    /// Kinesis: per-shard read quota shared by every consumer group (GetRecords calls, bytes).
    var shardReadCallsPerSecond: Double?
    var shardReadBytesPerSecond: Double?
    var consumers: [ConsumerPlan]
    var groups: [String]
}

/// A partitioned log and its consumer groups.
struct StreamState {
    var component: Int32
    var partitions: Int32
    var retention: Double
    var bytesPerSecond: Double
    /// Kafka: when each partition's write path is free again.
    var partitionBusyUntil: [Double]
    /// Per group, per partition: messages not consumed yet.
    var logs: [[Deque<Int32>]]
    /// Per group, per partition: the poller that owns it.
    var owner: [[Int32]]
    var counts: [MessageCounts]
    var backlog: [TimeWeighted]
    var waiting: [Int]
    var inFlight: [Int]
    var lag = Tally()
    var lagHistogram = LatencyHistogram()
    var roundRobin: Int32 = 0
    /// Kinesis: each shard's read quota, shared by every group (empty for Kafka).
    var readQuotas: [ShardReadQuota] = []
    /// Kinesis: each shard's write quotas, records [2 × shard] and bytes [2 × shard + 1] (empty for Kafka).
    var writeQuotas: [TokenBucket] = []

    mutating func resetStatistics(at time: Double) {
        for group in counts.indices {
            counts[group] = MessageCounts()
            counts[group].published = waiting[group] + inFlight[group]
            backlog[group].reset(at: time)
        }
        lag = Tally()
        lagHistogram = LatencyHistogram()
    }
}
extension NetworkModel {
    mutating func buildStream(_ stream: StreamPlan, component index: Int) -> Int32 {
        let groups = max(1, stream.groups.count)
        var state = StreamState(
            component: Int32(index), partitions: Int32(stream.partitions), retention: stream.retention,
            bytesPerSecond: stream.partitionBytesPerSecond ?? .infinity,
            partitionBusyUntil: Array(repeating: 0, count: stream.partitions),
            logs: Array(repeating: Array(repeating: Deque(), count: stream.partitions), count: groups),
            owner: Array(repeating: Array(repeating: -1, count: stream.partitions), count: groups),
            counts: Array(repeating: MessageCounts(), count: groups),
            backlog: Array(repeating: TimeWeighted(), count: groups),
            waiting: Array(repeating: 0, count: groups), inFlight: Array(repeating: 0, count: groups))
        if let records = stream.shardRecordsPerSecond, let bytes = stream.shardBytesPerSecond {
            for _ in 0..<stream.partitions {
                state.writeQuotas.append(TokenBucket(rate: records, burst: records))
                state.writeQuotas.append(TokenBucket(rate: bytes, burst: bytes))
            }
        }
        if let calls = stream.shardReadCallsPerSecond, let bytes = stream.shardReadBytesPerSecond {
            state.readQuotas = Array(repeating: ShardReadQuota(callsPerSecond: calls, bytesPerSecond: bytes), count: stream.partitions)
        }
        // Each group's partitions are dealt to its pollers (all consumers of the group).
        for group in stream.groups.indices {
            var groupPollers: [Int32] = []
            for consumer in stream.consumers where consumer.group == group {
                for _ in 0..<consumer.pollers where groupPollers.count < stream.partitions {
                    groupPollers.append(Int32(pollers.count))
                    var poller = PollerState(
                        source: Int32(streams.count), isStream: true, group: Int32(group),
                        consumer: Int32(consumer.component), operation: Int32(consumer.operation),
                        batchSize: Int32(consumer.batchSize), prefetch: 0)
                    poller.idle = true
                    pollers.append(poller)
                }
            }
            guard !groupPollers.isEmpty else { continue }
            for partition in 0..<stream.partitions {
                let poller = groupPollers[partition % groupPollers.count]
                state.owner[group][partition] = poller
                pollers[Int(poller)].partitions.append(Int32(partition))
            }
        }
        streams.append(state)
        return Int32(streams.count - 1)
    }

    mutating func arriveAtStream(_ activation: Int32, slot: Int, _ simulation: inout Simulation) {
        append(activation, stream: slot, &simulation)
    }

    /// The groups' counts summed: one balance for the stream.
    func streamMetrics(_ slot: Int, _ counters: ComponentCounters, until end: Double, into result: inout ReplicationResult.Station) {
        let stream = streams[slot]
        var total = MessageCounts()
        var queued = 0
        var backlog = 0.0
        for group in stream.counts.indices {
            let counts = stream.counts[group]
            total.published += counts.published
            total.consumed += counts.consumed
            total.expired += counts.expired
            total.rejected += counts.rejected
            total.failedProcessing += counts.failedProcessing
            queued += stream.waiting[group] + stream.inFlight[group]
            backlog += stream.backlog[group].mean(until: end)
        }
        result.messages = total.balance(queued: queued, lag: stream.lag, lagHistogram: stream.lagHistogram, backlog: backlog)
        result.counts += [("throttled", counters.throttled)]
    }

    func streamGauges(_ slot: Int, _ counters: ComponentCounters, at time: Double, into gauges: inout ComponentGauges) {
        let stream = streams[slot]
        gauges.started = Double(counters.arrivals)
        gauges.backlogArea = stream.backlog.reduce(0) { $0 + $1.area(until: time) }
        gauges.lagSum = stream.lag.sum
        gauges.lagCount = Double(stream.lag.count)
    }
}
