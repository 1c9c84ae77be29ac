import DequeModule
import SimKit

/// Queues: messages wait, visible, until a consumer takes them; every queue balances
/// `published == consumed + queued + expired + dead_lettered`.
extension NetworkModel {
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
        if queues[queue].pushes {
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
            if deadLetter >= 0, behaviourCode[deadLetter] == .queue {
                // The same message moves on: it is published to the DLQ.
                let target = Int(components[deadLetter].slot)
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
        if !queues[queue].pushes {
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
}
