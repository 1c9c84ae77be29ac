import Kernels
import SimKit
import Topology

/// How a request moves: an activation is one request's visit to one component, running the
/// handler for its operation; calls wait for their children, publishes don't.
extension NetworkModel {
    mutating func newActivation(request: Int32, station: Int32, operation: Int32, parent: Int32, isRoot: Bool = false) -> Int32 {
        var record = ActivationRecord()
        record.request = request
        record.station = station
        record.operation = operation
        record.parent = parent
        record.isRoot = isRoot
        return insert(record)
    }

    /// Stores a new activation (one write of the whole record) and links it to its request.
    mutating func insert(_ prepared: ActivationRecord) -> Int32 {
        var record = prepared
        let activation = activations.allocate()
        let request = record.request
        record.handler = tables.handlerFor[Int(record.station) * tables.operationCount + Int(record.operation)]
        record.generation = activations.records[Int(activation)].generation &+ 1
        record.state = .waiting
        let first = requests.records[Int(request)].firstActivation
        record.previousOfRequest = -1
        record.nextOfRequest = first
        activations.records[Int(activation)] = record
        if first >= 0 { activations.records[Int(first)].previousOfRequest = activation }
        requests.records[Int(request)].firstActivation = activation
        requests.records[Int(request)].pending += 1
        return activation
    }

    /// Waits for (or takes) a server of a SimKit station, which it then holds until it finishes.
    mutating func queueAt(_ activation: Int32, station: Int32, priority: Int = 0, _ simulation: inout Simulation) {
        activations.records[Int(activation)].pendingStation = station
        switch stations[Int(station)].arrive(token: queueToken(activation), priority: priority, at: simulation.now) {
        case .serve:
            beginService(activation, &simulation)
        case .wait:
            activations.records[Int(activation)].state = .waiting
        case .drop:
            activations.records[Int(activation)].state = .blocked
            activations.records[Int(activation)].pendingStation = -1
            finish(activation, failure: .queueFull, &simulation)
        }
    }

    /// Runs steps until one takes time (work) or waits (a call), or the handler ends.
    mutating func continueSteps(_ activation: Int32, _ simulation: inout Simulation) {
        // Added latency first (a cold start, an authorizer check).
        let pending = activations.records[Int(activation)].pendingTime
        if pending > 0 {
            activations.records[Int(activation)].pendingTime = 0
            simulation.schedule(after: pending, kind: Kind.stepDone.rawValue, token: queueToken(activation))
            return
        }
        let handler = Int(activations.records[Int(activation)].handler)
        guard handler >= 0 else {
            finish(activation, failure: nil, &simulation)
            return
        }
        let first = Int(tables.handlerStart[handler])
        let end = Int(tables.handlerStart[handler + 1])
        while true {
            let index = first + Int(activations.records[Int(activation)].step)
            guard index < end else { break }
            activations.records[Int(activation)].step += 1
            guard passes(step: index, activation) else { continue }
            let step = tables.steps[index]
            switch step.action {
            case .work, .kernel:
                let component = Int(activations.records[Int(activation)].station)
                var time: Double
                var memory = step.memory
                if step.action == .work {
                    time = tables.workTimes[index].sample(&serviceStreams[component])
                } else {
                    let image = requests.records[Int(activations.records[Int(activation)].request)].image
                    guard let seconds = kernelTime(slot: Int(step.kernelSlot), megapixels: image, component: component) else {
                        abort(activation, .invalidImage, &simulation)
                        return
                    }
                    time = seconds
                    memory += step.bytesPerMegapixel * image
                }
                runWork(activation, time: time, memory: memory, &simulation)
                return
            case .call, .callOne:
                guard step.targetCount > 0 else { continue }
                if step.onlyOnMiss, activations.records[Int(activation)].hit { continue }
                var firstTarget = Int(step.firstTarget)
                var count = Int(step.targetCount)
                if step.action == .callOne {
                    let component = Int(activations.records[Int(activation)].station)
                    firstTarget += min(count - 1, Int(routingStreams[component].nextUniform() * Double(count)))
                    count = 1
                }
                activations.records[Int(activation)].state = .blocked
                activations.records[Int(activation)].joins = Int32(count)
                if count == 1 {
                    // The usual case, without the array below (an allocation per call).
                    send(makeChild(of: activation, step: index, slot: firstTarget, attempt: 0, &simulation), &simulation)
                    return
                }
                // Create every child before any arrives: a child turned away finishes at once,
                // and the parent must resume only after the last one.
                var children: [Int32] = []
                children.reserveCapacity(count)
                for slot in firstTarget..<(firstTarget + count) {
                    children.append(makeChild(of: activation, step: index, slot: slot, attempt: 0, &simulation))
                }
                for child in children { send(child, &simulation) }
                return
            case .publish:
                let child = makeChild(of: activation, step: index, slot: Int(step.firstTarget), attempt: 0, async: true, &simulation)
                let target = Int(tables.targets[Int(step.firstTarget)].station)
                if step.delay > 0 {
                    activations.records[Int(child)].state = .delayed
                    simulation.schedule(after: step.delay, kind: Kind.delayedArrival.rawValue, token: queueToken(child))
                } else if publisherWaits(for: target) {
                    // RabbitMQ flow control: a publisher faster than the broker is held back
                    // (credit-based back-pressure), so it waits until the broker has the message.
                    activations.records[Int(child)].parent = activation
                    activations.records[Int(activation)].state = .blocked
                    activations.records[Int(activation)].joins = 1
                    send(child, &simulation)
                    return
                } else {
                    send(child, &simulation)
                }
            }
        }
        finish(activation, failure: nil, &simulation)
    }

    /// A call's or publish's child activation, with the bytes it carries and the caller's
    /// routing preferences (a balancer's algorithm and cross-zone setting).
    mutating func makeChild(
        of activation: Int32, step index: Int, slot: Int, attempt: Int32, async: Bool = false, _ simulation: inout Simulation
    ) -> Int32 {
        let record = activations.records[Int(activation)]
        let step = tables.steps[index]
        let target = tables.targets[slot]
        let component = Int(record.station)
        var child = ActivationRecord()
        child.request = record.request
        child.station = target.station
        child.operation = target.operation >= 0 ? target.operation : record.operation
        child.parent = async ? -1 : activation
        child.zone = record.zone
        child.attempt = attempt
        child.callStep = Int32(index)
        child.callTarget = Int32(slot)
        child.bytes = target.bytes >= 0
            ? tables.variates[Int(target.bytes)].sample(&serviceStreams[component]) : requestBytes(record.request)
        child.responseBytes = step.responseBytes >= 0
            ? tables.variates[Int(step.responseBytes)].sample(&serviceStreams[component]) : 1000
        if let routing = routing(of: component) {
            child.leastOutstanding = routing.leastOutstanding
            child.sameZoneOnly = routing.sameZoneOnly
        }
        if async, step.prioritySlot >= 0 || step.keySlot >= 0 || step.fixedPriority != 0 {
            let request = requests.records[Int(record.request)]
            let slotBase = tables.combinationBase[Int(request.workload)] + request.combination
            child.priority = step.prioritySlot >= 0 ? tables.priorityTable[Int(step.prioritySlot + slotBase)] : step.fixedPriority
            child.key = step.keySlot >= 0 ? tables.keyTable[Int(step.keySlot + slotBase)] : -1
        }
        // Private subnets reach regional services through their zone's NAT gateway.
        if components[component].egressThroughNAT, components[Int(target.station)].viaNAT, record.zone >= 0,
            !plan.natForZone.isEmpty
        {
            child.nat = Int32(plan.natForZone[Int(record.zone)])
        }
        let inserted = insert(child)
        if !async, step.timeout.isFinite {
            simulation.schedule(after: step.timeout, kind: Kind.callTimeout.rawValue, token: queueToken(inserted))
        }
        return inserted
    }

    /// Sends a child on its way: through a NAT gateway when it leaves a private subnet for a
    /// regional service, then to its component.
    mutating func send(_ child: Int32, _ simulation: inout Simulation) {
        let nat = activations.records[Int(child)].nat
        if nat >= 0 {
            let record = activations.records[Int(child)]
            let bytes = record.bytes + record.responseBytes
            network.natBytes[Int(nat)] += bytes
            let natZone = Int32(plan.nats[Int(nat)].zone)
            if record.zone >= 0, record.zone != natZone { network.crossZoneBytes += bytes }
            activations.records[Int(child)].state = .transit
            activations.records[Int(child)].pendingStation = natStations[Int(nat)]
            if stations[Int(natStations[Int(nat)])].arrive(token: queueToken(child), at: simulation.now) == .serve {
                startTransit(child, &simulation)
            }
            return
        }
        arrive(child, &simulation)
    }

    mutating func startTransit(_ child: Int32, _ simulation: inout Simulation) {
        let record = activations.records[Int(child)]
        let nat = Int(record.nat)
        activations.records[Int(child)].pendingStation = -1
        simulation.schedule(
            after: record.bytes / plan.nats[nat].bytesPerSecond, kind: Kind.natDone.rawValue, token: queueToken(child))
    }

    /// Through the NAT: free it for the next packet train, and arrive.
    mutating func natDone(_ child: Int32, _ simulation: inout Simulation) {
        let nat = Int(activations.records[Int(child)].nat)
        activations.records[Int(child)].nat = -1
        activations.records[Int(child)].zone = Int32(plan.nats[nat].zone)
        if let next = stations[Int(natStations[nat])].release(at: simulation.now) {
            let waiting = Int32(truncatingIfNeeded: next & 0xFFFF_FFFF)
            startTransit(waiting, &simulation)
        }
        arrive(child, &simulation)
    }

    /// Where the activation runs; traffic between zones is metered.
    @inline(__always)
    mutating func setZone(_ activation: Int32, _ zone: Int32) {
        let from = activations.records[Int(activation)].zone
        if from >= 0, zone >= 0, from != zone {
            let record = activations.records[Int(activation)]
            network.crossZoneBytes += record.bytes + record.responseBytes
        }
        activations.records[Int(activation)].zone = zone
    }

    mutating func passes(step index: Int, _ activation: Int32) -> Bool {
        let step = tables.steps[index]
        if activations.records[Int(activation)].skipNext {
            activations.records[Int(activation)].skipNext = false
            return false
        }
        if step.guardKind != 0 {
            let record = activations.records[Int(activation)]
            let request = requests.records[Int(record.request)]
            if step.guardKind == 1 {
                let slot = Int(step.guardIndex + tables.combinationBase[Int(request.workload)] + request.combination)
                if !tables.guardTruth[slot] { return false }
            } else if !evaluate(tables.dynamicConditions[Int(step.guardIndex)], record, request) {
                return false
            }
        }
        if step.probability >= 0 {
            // Drawn from the component's own routing stream, so other components' draws don't shift.
            let station = Int(activations.records[Int(activation)].station)
            return routingStreams[station].nextUniform() < step.probability
        }
        return true
    }

    /// The slow path: conditions on payload sizes, the operation or the workload.
    func evaluate(_ condition: Condition, _ record: ActivationRecord, _ request: RequestRecord) -> Bool {
        let workload = plan.workloads[Int(request.workload)]
        var attributes = ConditionAttributes()
        for (name, value) in workload.combinations[Int(request.combination)].values { attributes[name] = .text(value) }
        attributes["image"] = .quantity(Quantity(value: request.image, dimension: .megapixels))
        attributes["bytes"] = .quantity(Quantity(value: record.bytes > 0 ? record.bytes : request.bytes, dimension: .size))
        attributes["op"] = .text(plan.operations[Int(record.operation)])
        attributes["workload"] = .text(workload.name)
        return condition.evaluate(attributes)
    }

    /// Evaluates a topic's or store's guard for an activation's request.
    func guardPasses(_ guardCondition: NetworkPlan.Guard, _ activation: Int32) -> Bool {
        let record = activations.records[Int(activation)]
        let request = requests.records[Int(record.request)]
        switch guardCondition {
        case .always: return true
        case .table(let truth): return truth[Int(request.workload)][Int(request.combination)]
        case .dynamic(let condition): return evaluate(condition, record, request)
        }
    }

    // MARK: - Endings

    /// Fails an activation that holds nothing yet (turned away on arrival).
    mutating func fail(_ activation: Int32, _ cause: FailureCause, _ simulation: inout Simulation) {
        activations.records[Int(activation)].state = .blocked
        finish(activation, failure: cause, &simulation)
    }

    /// The activation is done (or failed): free its server for the next in line, tell whoever
    /// waits for it, and release its record.
    mutating func finish(_ activation: Int32, failure: FailureCause?, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let now = simulation.now
        if record.holdsConnection { releaseConnection(Int(record.station)) }
        if record.heldStation >= 0 {
            serverFreed(Int(record.station), at: now)
            activations.records[Int(activation)].heldStation = -1
            if let next = stations[Int(record.heldStation)].release(at: now) {
                beginService(Int32(truncatingIfNeeded: next & 0xFFFF_FFFF), &simulation)
            }
        }
        if record.memory > 0 { releaseMemory(activation) }
        // Unlink from the request's list and free.
        if record.previousOfRequest >= 0 {
            activations.records[Int(record.previousOfRequest)].nextOfRequest = record.nextOfRequest
        } else {
            requests.records[Int(record.request)].firstActivation = record.nextOfRequest
        }
        if record.nextOfRequest >= 0 {
            activations.records[Int(record.nextOfRequest)].previousOfRequest = record.previousOfRequest
        }
        activations.records[Int(activation)].state = .free
        activations.release(activation)

        if record.message >= 0 {
            messageHandled(record.message, poller: record.poller, receipt: record.messageReceipt, success: failure == nil, &simulation)
        }
        if record.parent >= 0 {
            if failure != nil, retryCall(record, &simulation) {
                // The parent keeps waiting for the retry.
            } else {
                childFinished(record.parent, failure: failure, hit: record.hit && hitSkipsCallersNext(Int(record.station)), &simulation)
            }
        } else if record.isRoot {
            respond(record.request, attempt: record.attempt, failure: failure, &simulation)
        }
        requests.records[Int(record.request)].pending -= 1
        if requests.records[Int(record.request)].pending == 0 {
            requestDone(record.request, now: now)
        }
    }

    /// A failed call with retries left goes again after a backoff (the caller keeps waiting).
    mutating func retryCall(_ failed: ActivationRecord, _ simulation: inout Simulation) -> Bool {
        guard failed.callStep >= 0 else { return false }
        let retry = tables.steps[Int(failed.callStep)].retry
        guard retry >= 0, Int(failed.attempt) < tables.retries[Int(retry)].maximum else { return false }
        let child = makeChild(
            of: failed.parent, step: Int(failed.callStep), slot: Int(failed.callTarget), attempt: failed.attempt + 1, &simulation)
        activations.records[Int(child)].state = .delayed
        let caller = Int(activations.records[Int(failed.parent)].station)
        let wait = backoff(tables.retries[Int(retry)], attempt: Int(failed.attempt) + 1, &retryStreams[caller])
        simulation.schedule(after: wait, kind: Kind.delayedArrival.rawValue, token: queueToken(child))
        return true
    }

    mutating func childFinished(_ parent: Int32, failure: FailureCause?, hit: Bool, _ simulation: inout Simulation) {
        if let failure, activations.records[Int(parent)].failure < 0 {
            activations.records[Int(parent)].failure = Int8(failure.rawValue)
        }
        if hit { activations.records[Int(parent)].skipNext = true }
        activations.records[Int(parent)].joins -= 1
        guard activations.records[Int(parent)].joins == 0 else { return }
        activations.records[Int(parent)].state = .serving
        let failed = activations.records[Int(parent)].failure
        if failed >= 0 {
            // A failed call fails the caller: the error propagates up the synchronous chain.
            finish(parent, failure: FailureCause(rawValue: Int(failed)), &simulation)
        } else {
            continueSteps(parent, &simulation)
        }
    }

    /// The caller stops waiting for this child: the child runs on, detached, and the caller
    /// sees a timeout (or retries).
    mutating func callTimedOut(_ child: Int32, _ simulation: inout Simulation) {
        let record = activations.records[Int(child)]
        guard record.parent >= 0 else { return }
        activations.records[Int(child)].parent = -1
        activations.records[Int(child)].callStep = -1
        if record.state == .delayed {
            // A retry still backing off: nothing runs yet, so it simply ends.
            finish(child, failure: .timeout, &simulation)
            return
        }
        var detached = record
        detached.state = .blocked
        if !retryCall(detached, &simulation) {
            childFinished(record.parent, failure: .timeout, hit: false, &simulation)
        }
    }

    /// Kills an activation where it stands (its function timed out, its task died): its
    /// pending events go stale, its children run on detached, and the error goes up.
    mutating func abort(_ activation: Int32, _ cause: FailureCause, releaseServer: Bool = true, _ simulation: inout Simulation) {
        var record = activations.records[Int(activation)]
        if record.holdsCPU {
            record.holdsCPU = false
            activations.records[Int(activation)].holdsCPU = false
            if releaseServer { releaseCPU(activation, &simulation) }
        }
        if record.state == .waitingCPU || record.state == .waiting, record.pendingStation >= 0, releaseServer {
            stations[Int(record.pendingStation)].abandon(token: queueToken(activation), at: simulation.now)
        }
        if !releaseServer { activations.records[Int(activation)].heldStation = -1 }
        activations.records[Int(activation)].pendingStation = -1
        // Children: detach them.
        var cursor = requests.records[Int(record.request)].firstActivation
        while cursor >= 0 {
            if activations.records[Int(cursor)].parent == activation {
                activations.records[Int(cursor)].parent = -1
                activations.records[Int(cursor)].callStep = -1
            }
            cursor = activations.records[Int(cursor)].nextOfRequest
        }
        // A new generation makes every event still scheduled for it stale.
        activations.records[Int(activation)].generation &+= 1
        activations.records[Int(activation)].state = .blocked
        record = activations.records[Int(activation)]
        finish(activation, failure: cause, &simulation)
    }

    /// A kernel step's service time on the calibrating core (before `vcpu_speed`): sampled
    /// from its calibrated model, or measured by running the pipeline (live mode). Nil when a
    /// live pipeline refuses the image. Tallied per component, for the report's `kernel_ms`.
    mutating func kernelTime(slot: Int, megapixels: Double, component: Int) -> Double? {
        let seconds: Double
        if liveKernels.isEmpty {
            seconds = tables.kernelTimes[slot].sample(megapixels: megapixels, uniform: serviceStreams[component].nextUniform())
        } else {
            guard let measured = try? liveKernels[slot].measure(megapixels: megapixels) else { return nil }
            seconds = measured
        }
        components[component].counters.kernelTime.add(seconds)
        return seconds
    }
}
