import DequeModule
import SimKit

/// Queues (SQS, RabbitMQ), streams (Kafka, Kinesis) and topics (SNS, EventBridge). A message
/// keeps its request open (its completion latency runs until the message is consumed), and
/// every queue balances: `published == consumed + queued + expired + dead_lettered`.
extension NetworkModel {
    mutating func newMessage(for activation: Int32, component: Int, at now: Double) -> Int32 {
        let record = activations.records[Int(activation)]
        let message = messages.allocate()
        var stored = messages.records[Int(message)]
        stored.request = record.request
        stored.component = Int32(component)
        stored.operation = record.operation
        stored.key = record.key
        stored.priority = record.priority
        stored.published = now
        stored.receives = 0
        stored.receipt &+= 1
        stored.bytes = record.bytes
        stored.state = .visible
        messages.records[Int(message)] = stored
        requests.records[Int(record.request)].pending += 1
        return message
    }

    /// The message is gone (consumed, expired, dead-lettered): release it and its hold on the request.
    mutating func dropMessage(_ message: Int32, now: Double) {
        let request = messages.records[Int(message)].request
        messages.records[Int(message)].state = .free
        messages.release(message)
        requests.records[Int(request)].pending -= 1
        if requests.records[Int(request)].pending == 0 { requestDone(request, now: now) }
    }

    // MARK: - Queues

    mutating func enqueue(_ activation: Int32, queue: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        let component = Int(queues[queue].component)
        let message = newMessage(for: activation, component: component, at: now)
        queues[queue].counts.published += 1
        makeVisible(message, queue: queue, atFront: false, now: now)
        activations.records[Int(activation)].state = .serving
        finish(activation, failure: nil, &simulation)
        dispatch(queue: queue, &simulation)
    }

    mutating func makeVisible(_ message: Int32, queue: Int, atFront: Bool, now: Double) {
        let lanes = queues[queue].lanes.count
        let lane = lanes == 1 ? 0 : min(max(Int(messages.records[Int(message)].priority), 0), lanes - 1)
        messages.records[Int(message)].state = .visible
        if atFront { queues[queue].lanes[lane].prepend(message) } else { queues[queue].lanes[lane].append(message) }
        queues[queue].visible += 1
        queues[queue].backlog.update(to: Double(queues[queue].visible), at: now)
    }

    /// Gives waiting messages to consumers: SQS pollers receive batches when idle; RabbitMQ
    /// pushes to every consumer with room under its prefetch, highest priority first.
    mutating func dispatch(queue: Int, _ simulation: inout Simulation) {
        if queues[queue].isRabbit {
            var progress = true
            while progress, queues[queue].visible > 0 {
                progress = false
                for poller in queues[queue].pollers {
                    let state = pollers[Int(poller)]
                    let held = state.buffer.count + (state.busy ? 1 : 0)
                    guard state.prefetch == 0 || held < Int(state.prefetch) else { continue }
                    guard let message = takeVisible(queue: queue, simulation.now) else { return }
                    receive(message, queue: queue, by: Int(poller), &simulation)
                    progress = true
                    if !pollers[Int(poller)].busy { startNext(poller: Int(poller), &simulation) }
                    if queues[queue].visible == 0 { return }
                }
            }
            return
        }
        while queues[queue].visible > 0, let poller = queues[queue].idlePollers.popLast() {
            pollers[Int(poller)].idle = false
            if !receiveBatch(poller: Int(poller), queue: queue, &simulation) {
                pollers[Int(poller)].idle = true
                queues[queue].idlePollers.append(poller)
                return
            }
            startNext(poller: Int(poller), &simulation)
        }
    }

    /// Up to `batch_size` visible messages into the poller's buffer; false if none.
    mutating func receiveBatch(poller: Int, queue: Int, _ simulation: inout Simulation) -> Bool {
        for _ in 0..<Int(pollers[poller].batchSize) {
            guard let message = takeVisible(queue: queue, simulation.now) else { break }
            receive(message, queue: queue, by: poller, &simulation)
        }
        return !pollers[poller].buffer.isEmpty
    }

    /// The next message to hand out: highest priority lane first; expired ones are dropped on
    /// the way; in a FIFO queue, the first whose group has nothing in flight.
    mutating func takeVisible(queue: Int, _ now: Double) -> Int32? {
        let retention = queues[queue].retention
        for lane in queues[queue].lanes.indices.reversed() {
            var scanned = 0
            var index = queues[queue].lanes[lane].startIndex
            while index < queues[queue].lanes[lane].endIndex {
                let message = queues[queue].lanes[lane][index]
                if now - messages.records[Int(message)].published > retention {
                    queues[queue].lanes[lane].remove(at: index)
                    queues[queue].visible -= 1
                    queues[queue].counts.expired += 1
                    queues[queue].backlog.update(to: Double(queues[queue].visible), at: now)
                    dropMessage(message, now: now)
                    continue
                }
                if queues[queue].fifo, queues[queue].busyGroups.contains(messages.records[Int(message)].key) {
                    scanned += 1
                    // Blocked groups ahead: look a little further, not through the whole queue.
                    if scanned > 256 { break }
                    index += 1
                    continue
                }
                queues[queue].lanes[lane].remove(at: index)
                queues[queue].visible -= 1
                queues[queue].backlog.update(to: Double(queues[queue].visible), at: now)
                return message
            }
        }
        return nil
    }

    /// A consumer receives the message: it is hidden for the visibility timeout (SQS), or moved
    /// to the dead-letter queue if it has been received `max_receives` times already.
    mutating func receive(_ message: Int32, queue: Int, by poller: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        var record = messages.records[Int(message)]
        if record.receives >= queues[queue].maxReceives {
            queues[queue].counts.deadLettered += 1
            let deadLetter = Int(queues[queue].deadLetter)
            if deadLetter >= 0, components[deadLetter].queue >= 0 {
                // The same message moves on: it is published to the DLQ.
                let target = Int(components[deadLetter].queue)
                messages.records[Int(message)].receives = 0
                messages.records[Int(message)].published = now
                messages.records[Int(message)].component = Int32(deadLetter)
                queues[target].counts.published += 1
                makeVisible(message, queue: target, atFront: false, now: now)
                dispatch(queue: target, &simulation)
            } else {
                dropMessage(message, now: now)
            }
            return
        }
        if record.receives == 0 {
            queues[queue].lag.add(now - record.published)
            queues[queue].lagHistogram.record(seconds: now - record.published)
        }
        record.receives += 1
        record.receipt &+= 1
        record.state = .inFlight
        messages.records[Int(message)] = record
        queues[queue].inFlight += 1
        if queues[queue].fifo { queues[queue].busyGroups.insert(record.key) }
        if !queues[queue].isRabbit {
            queues[queue].visibilityDeadlines.append((now + queues[queue].visibilityTimeout, message, record.receipt))
            if !queues[queue].visibilityScheduled {
                queues[queue].visibilityScheduled = true
                simulation.schedule(
                    at: now + queues[queue].visibilityTimeout, kind: Kind.visibility.rawValue, target: UInt32(queue))
            }
        }
        pollers[poller].buffer.append(message)
        pollers[poller].receipts.append(record.receipt)
    }

    /// Received messages whose visibility timeout passed without a delete become visible again.
    mutating func visibilityDue(queue: Int, _ simulation: inout Simulation) {
        queues[queue].visibilityScheduled = false
        let now = simulation.now
        while let head = queues[queue].visibilityDeadlines.first {
            if head.time > now {
                queues[queue].visibilityScheduled = true
                simulation.schedule(at: head.time, kind: Kind.visibility.rawValue, target: UInt32(queue))
                break
            }
            queues[queue].visibilityDeadlines.removeFirst()
            let record = messages.records[Int(head.message)]
            guard record.state == .inFlight, record.receipt == head.receipt, record.component == queues[queue].component else { continue }
            queues[queue].inFlight -= 1
            queues[queue].counts.redelivered += 1
            if queues[queue].fifo { queues[queue].busyGroups.remove(record.key) }
            makeVisible(head.message, queue: queue, atFront: false, now: now)
        }
        dispatch(queue: queue, &simulation)
    }

    // MARK: - Consumers

    /// The poller runs its consumer's handler on its next buffered message.
    mutating func startNext(poller: Int, _ simulation: inout Simulation) {
        guard !pollers[poller].busy, let message = pollers[poller].buffer.popFirst() else { return }
        let receipt = pollers[poller].receipts.popFirst() ?? 0
        pollers[poller].busy = true
        let record = messages.records[Int(message)]
        let state = pollers[poller]
        let operation = state.operation >= 0 ? state.operation : record.operation
        let activation = newActivation(request: record.request, station: state.consumer, operation: operation, parent: -1)
        activations.records[Int(activation)].message = message
        activations.records[Int(activation)].messageReceipt = receipt
        activations.records[Int(activation)].poller = Int32(poller)
        activations.records[Int(activation)].bytes = record.bytes
        activations.records[Int(activation)].responseBytes = 0
        arrive(activation, &simulation)
    }

    /// The consumer's handler ended: delete (or commit) the message on success; on failure an
    /// SQS message reappears after its visibility timeout and a RabbitMQ one is requeued.
    mutating func messageHandled(_ message: Int32, poller: Int32, receipt: UInt32, success: Bool, _ simulation: inout Simulation) {
        let now = simulation.now
        let state = pollers[Int(poller)]
        if state.isStream {
            let stream = Int(state.source)
            let group = Int(state.group)
            streams[stream].inFlight[group] -= 1
            streams[stream].counts[group].consumed += 1
            if !success { streams[stream].counts[group].failedProcessing += 1 }
            dropMessage(message, now: now)
        } else {
            let queue = Int(state.source)
            let record = messages.records[Int(message)]
            let current = record.state == .inFlight && record.receipt == receipt && record.component == queues[queue].component
            if !current {
                // Its visibility timeout ran out meanwhile: the delete fails, it is delivered again.
                if success { queues[queue].counts.duplicates += 1 }
            } else if success {
                queues[queue].inFlight -= 1
                queues[queue].counts.consumed += 1
                if queues[queue].fifo { queues[queue].busyGroups.remove(record.key) }
                dropMessage(message, now: now)
            } else {
                queues[queue].counts.failedProcessing += 1
                if queues[queue].isRabbit {
                    // A nack with requeue: back at the head of its lane.
                    queues[queue].inFlight -= 1
                    queues[queue].counts.redelivered += 1
                    makeVisible(message, queue: queue, atFront: true, now: now)
                }
            }
        }
        pollers[Int(poller)].busy = false
        pollNext(poller: Int(poller), &simulation)
    }

    mutating func pollNext(poller: Int, _ simulation: inout Simulation) {
        if !pollers[poller].buffer.isEmpty {
            startNext(poller: poller, &simulation)
            return
        }
        let source = Int(pollers[poller].source)
        if pollers[poller].isStream {
            pollStream(poller: poller, &simulation)
        } else if queues[source].isRabbit {
            dispatch(queue: source, &simulation)
        } else if queues[source].visible > 0, receiveBatch(poller: poller, queue: source, &simulation) {
            startNext(poller: poller, &simulation)
        } else {
            pollers[poller].idle = true
            queues[source].idlePollers.append(Int32(poller))
        }
    }

    // MARK: - Streams

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
        if !components[component].buckets.isEmpty {
            let records = components[component].buckets[2 * partition].take(at: now)
            let bytes = records && components[component].buckets[2 * partition + 1].take(record.bytes, at: now)
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
        let stream = Int(components[Int(messages.records[Int(message)].component)].stream)
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

    // MARK: - Topics and buses

    /// After the delivery latency, every subscription (or rule) that matches gets the message.
    mutating func deliver(_ activation: Int32, _ simulation: inout Simulation) {
        let component = Int(activations.records[Int(activation)].station)
        if case .topic(let topic) = plan.stations[component].behaviour {
            for subscription in topic.subscriptions where guardPasses(subscription.guardCondition, activation) {
                let record = activations.records[Int(activation)]
                let operation = subscription.target.operation >= 0 ? Int32(subscription.target.operation) : record.operation
                let child = newActivation(
                    request: record.request, station: Int32(subscription.target.station), operation: operation, parent: -1)
                activations.records[Int(child)].bytes = record.bytes
                activations.records[Int(child)].priority = record.priority
                activations.records[Int(child)].key = record.key
                components[component].counters.notifications += 1
                arrive(child, &simulation)
            }
        }
        finish(activation, failure: nil, &simulation)
    }
}
