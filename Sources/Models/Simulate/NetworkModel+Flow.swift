import SimKit
import Topology

/// How a request moves: an activation is one request's visit to one station, running the
/// handler for its operation; calls wait for children, publishes don't.
extension NetworkModel {
    mutating func newActivation(request: Int32, station: Int32, operation: Int32, parent: Int32, isRoot: Bool = false) -> Int32 {
        let activation = activations.allocate()
        let handler = tables.handlerFor[Int(station) * tables.operationCount + Int(operation)]
        let first = requests.records[Int(request)].firstActivation
        let generation = activations.records[Int(activation)].generation &+ 1
        activations.records[Int(activation)] = ActivationRecord(
            request: request, generation: generation, station: station, handler: handler, operation: operation, step: 0,
            parent: parent, joins: 0, failure: -1, state: .waiting, isRoot: isRoot, previousOfRequest: -1,
            nextOfRequest: first)
        if first >= 0 { activations.records[Int(first)].previousOfRequest = activation }
        requests.records[Int(request)].firstActivation = activation
        requests.records[Int(request)].pending += 1
        return activation
    }

    /// What a station queues for an activation: its index and generation.
    func queueToken(_ activation: Int32) -> Int64 {
        Int64(activation) | (Int64(activations.records[Int(activation)].generation) << 32)
    }

    /// The activation reaches its station: served now, queued, or turned away.
    mutating func arrive(_ activation: Int32, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let station = Int(record.station)
        var priority = 0
        if tables.usesPriority[station] {
            let request = requests.records[Int(record.request)]
            priority = Int(tables.priorityClass[Int(tables.combinationBase[Int(request.workload)] + request.combination)])
        }
        switch stations[station].arrive(token: queueToken(activation), priority: priority, at: simulation.now) {
        case .serve:
            beginService(activation, &simulation)
        case .wait:
            activations.records[Int(activation)].state = .waiting
        case .drop:
            activations.records[Int(activation)].state = .blocked
            finish(activation, failure: .queueFull, holdsServer: false, &simulation)
        }
    }

    mutating func beginService(_ activation: Int32, _ simulation: inout Simulation) {
        activations.records[Int(activation)].state = .serving
        let station = Int(activations.records[Int(activation)].station)
        if tables.hasServiceTime[station] {
            let time = tables.serviceTime[station].sample(&serviceStreams[station])
            simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: Int64(activation))
        } else {
            continueSteps(activation, &simulation)
        }
    }

    /// Runs steps until one takes time (work) or waits (a call), or the handler ends.
    mutating func continueSteps(_ activation: Int32, _ simulation: inout Simulation) {
        let handler = Int(activations.records[Int(activation)].handler)
        guard handler >= 0 else {
            finish(activation, failure: nil, holdsServer: true, &simulation)
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
            case .work:
                let station = Int(activations.records[Int(activation)].station)
                let time = step.time.sample(&serviceStreams[station])
                simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: Int64(activation))
                return
            case .call:
                guard step.targetCount > 0 else { continue }
                activations.records[Int(activation)].state = .blocked
                activations.records[Int(activation)].joins = step.targetCount
                let record = activations.records[Int(activation)]
                // Create every child before any arrives: a child turned away finishes at once,
                // and the parent must resume only after the last one.
                let firstChild = activations.records.count
                var children: [Int32] = []
                if step.targetCount > 1 { children.reserveCapacity(Int(step.targetCount)) }
                for slot in Int(step.firstTarget)..<Int(step.firstTarget + step.targetCount) {
                    let target = tables.targets[slot]
                    let operation = target.operation >= 0 ? target.operation : record.operation
                    children.append(newActivation(request: record.request, station: target.station, operation: operation, parent: activation))
                }
                _ = firstChild
                for child in children { arrive(child, &simulation) }
                return
            case .publish:
                let record = activations.records[Int(activation)]
                let target = tables.targets[Int(step.firstTarget)]
                let operation = target.operation >= 0 ? target.operation : record.operation
                let child = newActivation(request: record.request, station: target.station, operation: operation, parent: -1)
                arrive(child, &simulation)
            }
        }
        finish(activation, failure: nil, holdsServer: true, &simulation)
    }

    mutating func passes(step index: Int, _ activation: Int32) -> Bool {
        let step = tables.steps[index]
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
            // Drawn from the station's own routing stream, so other stations' draws don't shift.
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
        attributes["bytes"] = .quantity(Quantity(value: request.bytes, dimension: .size))
        attributes["op"] = .text(plan.operations[Int(record.operation)])
        attributes["workload"] = .text(workload.name)
        return condition.evaluate(attributes)
    }

    /// The activation is done (or failed): free its server for the next in line, tell whoever
    /// waits for it, and release its record.
    mutating func finish(_ activation: Int32, failure: FailureCause?, holdsServer: Bool, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let now = simulation.now
        if holdsServer {
            let station = Int(record.station)
            if let next = stations[station].release(at: now) {
                beginService(Int32(truncatingIfNeeded: next & 0xFFFF_FFFF), &simulation)
            }
        }
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

        if record.parent >= 0 {
            childFinished(record.parent, failure: failure, &simulation)
        } else if record.isRoot {
            respond(record.request, failure: failure, &simulation)
        }
        requests.records[Int(record.request)].pending -= 1
        if requests.records[Int(record.request)].pending == 0 {
            requestDone(record.request, now: now)
        }
    }

    mutating func childFinished(_ parent: Int32, failure: FailureCause?, _ simulation: inout Simulation) {
        if let failure, activations.records[Int(parent)].failure < 0 {
            activations.records[Int(parent)].failure = Int8(failure.rawValue)
        }
        activations.records[Int(parent)].joins -= 1
        guard activations.records[Int(parent)].joins == 0 else { return }
        activations.records[Int(parent)].state = .serving
        let failed = activations.records[Int(parent)].failure
        if failed >= 0 {
            // A failed call fails the caller: the error propagates up the synchronous chain.
            finish(parent, failure: FailureCause(rawValue: Int(failed)), holdsServer: true, &simulation)
        } else {
            continueSteps(parent, &simulation)
        }
    }

    /// Everything the request started has finished: record completion and free the record.
    mutating func requestDone(_ request: Int32, now: Double) {
        let record = requests.records[Int(request)]
        let index = Int(record.workload)
        assert(record.responded, "the root activation answers before the request's last activation ends")
        if record.succeeded {
            let latency = now - record.start
            workloads[index].completion.add(latency)
            workloads[index].completionHistogram.record(seconds: latency)
        }
        inProgress.change(by: -1, at: now)
        requests.release(request)
    }
}
