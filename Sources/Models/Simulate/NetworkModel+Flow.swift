import SimKit
import Topology

/// How a request moves: an activation is one request's visit to one station, running the
/// handler for its operation; calls wait for children, publishes don't.
extension NetworkModel {
    mutating func newActivation(request: Int32, station: Int32, operation: Int32, parent: Int32, isRoot: Bool = false) -> Int32 {
        let activation = activations.allocate()
        let handler = plan.stations[Int(station)].handlerForOperation[Int(operation)]
        let first = requests.records[Int(request)].firstActivation
        let generation = activations.records[Int(activation)].generation &+ 1
        activations.records[Int(activation)] = ActivationRecord(
            request: request, generation: generation, station: station, handler: Int32(handler), operation: operation, step: 0,
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
        if plan.stations[station].usesPriority {
            let request = requests.records[Int(record.request)]
            priority = plan.workloads[Int(request.workload)].combinations[Int(request.combination)].priorityClass
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
        if let serviceTime = plan.stations[station].serviceTime {
            let time = serviceTime.sample(&serviceStreams[station])
            simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: Int64(activation))
        } else {
            continueSteps(activation, &simulation)
        }
    }

    /// Runs steps until one takes time (work) or waits (a call), or the handler ends.
    mutating func continueSteps(_ activation: Int32, _ simulation: inout Simulation) {
        let handlerIndex = Int(activations.records[Int(activation)].handler)
        guard handlerIndex >= 0 else {
            finish(activation, failure: nil, holdsServer: true, &simulation)
            return
        }
        let steps = plan.handlers[handlerIndex].steps
        while true {
            let index = Int(activations.records[Int(activation)].step)
            guard index < steps.count else { break }
            activations.records[Int(activation)].step += 1
            let step = steps[index]
            guard passes(step, activation) else { continue }
            switch step.action {
            case .work(let time):
                let station = Int(activations.records[Int(activation)].station)
                simulation.schedule(after: time.sample(&serviceStreams[station]), kind: Kind.stepDone.rawValue, token: Int64(activation))
                return
            case .call(let targets):
                guard !targets.isEmpty else { continue }
                activations.records[Int(activation)].state = .blocked
                activations.records[Int(activation)].joins = Int32(targets.count)
                let record = activations.records[Int(activation)]
                var children: [Int32] = []
                children.reserveCapacity(targets.count)
                for target in targets {
                    let operation = target.operation >= 0 ? Int32(target.operation) : record.operation
                    children.append(newActivation(request: record.request, station: Int32(target.station), operation: operation, parent: activation))
                }
                // A child turned away finishes at once; the parent resumes only when the last
                // child has finished, which can't happen before the last one has arrived.
                for child in children { arrive(child, &simulation) }
                return
            case .publish(let target):
                let record = activations.records[Int(activation)]
                let operation = target.operation >= 0 ? Int32(target.operation) : record.operation
                let child = newActivation(request: record.request, station: Int32(target.station), operation: operation, parent: -1)
                arrive(child, &simulation)
            }
        }
        finish(activation, failure: nil, holdsServer: true, &simulation)
    }

    mutating func passes(_ step: NetworkPlan.Step, _ activation: Int32) -> Bool {
        let record = activations.records[Int(activation)]
        let request = requests.records[Int(record.request)]
        switch step.guardCondition {
        case .always:
            break
        case .table(let truth):
            if !truth[Int(request.workload)][Int(request.combination)] { return false }
        case .dynamic(let condition):
            let workload = plan.workloads[Int(request.workload)]
            var attributes = ConditionAttributes()
            for (name, value) in workload.combinations[Int(request.combination)].values { attributes[name] = .text(value) }
            attributes["image"] = .quantity(Quantity(value: request.image, dimension: .megapixels))
            attributes["bytes"] = .quantity(Quantity(value: request.bytes, dimension: .size))
            attributes["op"] = .text(plan.operations[Int(record.operation)])
            attributes["workload"] = .text(workload.name)
            if !condition.evaluate(attributes) { return false }
        }
        if let probability = step.probability {
            // Drawn from the station's own routing stream, so other stations' draws don't shift.
            var generator = routingStreams[Int(record.station)]
            let u = generator.nextUniform()
            routingStreams[Int(record.station)] = generator
            return u < probability
        }
        return true
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
