import DequeModule
import SimKit

/// Streams: records appended to partitions, read in order by each consumer group's pollers.
extension NetworkModel {
    /// A record is written to a partition (by key, else round-robin): Kafka partitions take
    /// writes one after another at their throughput; Kinesis shards refuse writes over quota.
    mutating func append(_ activation: Int32, stream: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        let component = Int(streams[stream].component)
        let record = activations.records[Int(activation)]
        let partitions = Int(streams[stream].partitions)
        let partition: Int
        if record.key >= 0 {
            partition = Int(record.key) % partitions
        } else {
            partition = Int(streams[stream].roundRobin) % partitions
            streams[stream].roundRobin = Int32((partition + 1) % partitions)
        }
        if !streams[stream].writeQuotas.isEmpty {
            let records = streams[stream].writeQuotas[2 * partition].take(at: now)
            let bytes = records && streams[stream].writeQuotas[2 * partition + 1].take(record.bytes, at: now)
            if !bytes {
                components[component].counters.throttled += 1
                for group in streams[stream].counts.indices { streams[stream].counts[group].rejected += 1 }
                fail(activation, .throttled, &simulation)
                return
            }
        }
        var ready = now
        if streams[stream].bytesPerSecond.isFinite {
            ready = max(now, streams[stream].partitionBusyUntil[partition]) + record.bytes / streams[stream].bytesPerSecond
            streams[stream].partitionBusyUntil[partition] = ready
        }
        for group in streams[stream].counts.indices {
            let message = newMessage(for: activation, component: component, at: now)
            messages.records[Int(message)].group = Int32(group)
            messages.records[Int(message)].partition = Int32(partition)
            streams[stream].counts[group].published += 1
            streams[stream].waiting[group] += 1
            streams[stream].backlog[group].update(to: Double(streams[stream].waiting[group]), at: now)
            if ready > now {
                messages.records[Int(message)].state = .inFlight
                simulation.schedule(at: ready, kind: Kind.messageReady.rawValue, token: Int64(message))
            } else {
                appendToLog(message, stream: stream, &simulation)
            }
        }
        activations.records[Int(activation)].state = .serving
        finish(activation, failure: nil, &simulation)
    }

    mutating func messageReady(_ message: Int32, _ simulation: inout Simulation) {
        let stream = Int(components[Int(messages.records[Int(message)].component)].slot)
        messages.records[Int(message)].state = .visible
        appendToLog(message, stream: stream, &simulation)
    }

    mutating func appendToLog(_ message: Int32, stream: Int, _ simulation: inout Simulation) {
        let record = messages.records[Int(message)]
        let group = Int(record.group)
        let partition = Int(record.partition)
        streams[stream].logs[group][partition].append(message)
        // Retention: records older than it are gone from the head of the log.
        expireHead(stream: stream, group: group, partition: partition, now: simulation.now)
        let owner = streams[stream].owner[group][partition]
        if owner >= 0, pollers[Int(owner)].idle {
            pollStream(poller: Int(owner), &simulation)
        }
    }

    mutating func expireHead(stream: Int, group: Int, partition: Int, now: Double) {
        while let head = streams[stream].logs[group][partition].first,
            now - messages.records[Int(head)].published > streams[stream].retention
        {
            streams[stream].logs[group][partition].removeFirst()
            streams[stream].waiting[group] -= 1
            streams[stream].counts[group].expired += 1
            streams[stream].backlog[group].update(to: Double(streams[stream].waiting[group]), at: now)
            dropMessage(head, now: now)
        }
    }

    /// The poller takes the next batch from its partitions in turn, in order within each. On
    /// Kinesis each take is a GetRecords call against the shard's read quota, which every group
    /// shares: with none left, the poller waits until the quota allows (a `streamPoll` event).
    mutating func pollStream(poller: Int, _ simulation: inout Simulation) {
        guard !pollers[poller].busy, pollers[poller].buffer.isEmpty, !pollers[poller].awaitingQuota else { return }
        let stream = Int(pollers[poller].source)
        let group = Int(pollers[poller].group)
        let now = simulation.now
        let owned = pollers[poller].partitions.count
        let quotas = !streams[stream].readQuotas.isEmpty
        var quotaWait = Double.infinity
        for offset in 0..<owned {
            let slot = (pollers[poller].partitionCursor + offset) % owned
            let partition = Int(pollers[poller].partitions[slot])
            expireHead(stream: stream, group: group, partition: partition, now: now)
            guard !streams[stream].logs[group][partition].isEmpty else { continue }
            if quotas {
                let wait = streams[stream].readQuotas[partition].wait(at: now)
                if wait > 0 {
                    quotaWait = min(quotaWait, wait)
                    continue
                }
            }
            pollers[poller].partitionCursor = (slot + 1) % owned
            var callBytes = 0.0
            for _ in 0..<Int(pollers[poller].batchSize) {
                if quotas, callBytes > 0,
                    let next = streams[stream].logs[group][partition].first,
                    callBytes + messages.records[Int(next)].bytes > ShardReadQuota.maximumCallBytes
                {
                    break
                }
                guard let message = streams[stream].logs[group][partition].popFirst() else { break }
                callBytes += messages.records[Int(message)].bytes
                streams[stream].waiting[group] -= 1
                streams[stream].inFlight[group] += 1
                let age = now - messages.records[Int(message)].published
                streams[stream].lag.add(age)
                streams[stream].lagHistogram.record(seconds: age)
                messages.records[Int(message)].state = .inFlight
                pollers[poller].buffer.append(message)
                pollers[poller].receipts.append(messages.records[Int(message)].receipt)
            }
            if quotas { streams[stream].readQuotas[partition].charge(bytes: callBytes, at: now) }
            streams[stream].backlog[group].update(to: Double(streams[stream].waiting[group]), at: now)
            pollers[poller].idle = false
            startNext(poller: poller, &simulation)
            return
        }
        if quotaWait.isFinite {
            // Records are there but the shard's quota is spent: try again when it allows.
            pollers[poller].idle = false
            pollers[poller].awaitingQuota = true
            simulation.schedule(after: quotaWait, kind: Kind.streamPoll.rawValue, target: UInt32(poller))
            return
        }
        pollers[poller].idle = true
    }

    /// The read quota a poller waited for allows a call now (or it waits again).
    mutating func quotaAllows(poller: Int, _ simulation: inout Simulation) {
        pollers[poller].awaitingQuota = false
        pollStream(poller: poller, &simulation)
    }
}
