import DequeModule
import SimKit

/// What queues and streams share: messages (each keeps its request open, so the request's
/// completion runs until its messages are consumed) and the pollers that run a consumer's
/// handler on them, one message at a time.
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
                if queues[queue].pushes {
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
        } else if queues[source].pushes {
            dispatch(queue: source, &simulation)
        } else if queues[source].visible > 0, receiveBatch(poller: poller, queue: source, &simulation) {
            startNext(poller: poller, &simulation)
        } else {
            pollers[poller].idle = true
            queues[source].idlePollers.append(Int32(poller))
        }
    }
}
