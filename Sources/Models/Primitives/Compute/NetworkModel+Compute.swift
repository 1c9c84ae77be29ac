import SimKit

/// Compute: units (tasks, pods, instances, job runs), each with concurrency slots, vCPUs and
/// memory that can run out.
extension NetworkModel {
    /// A request reaches a service: a balancer (or service discovery) picks a unit, and the
    /// request waits for one of its concurrency slots, which it holds until it is done —
    /// through its synchronous calls too, so a slow dependency exhausts the pool.
    mutating func arriveAtCompute(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let unit = pickUnit(slot, for: activation, at: simulation.now)
        guard unit >= 0, units[Int(unit)].up else {
            computes[slot].noHealthyTarget += 1
            fail(activation, .noHealthyTarget, &simulation)
            return
        }
        activations.records[Int(activation)].unit = unit
        setZone(activation, units[Int(unit)].zone)
        queueAt(activation, station: units[Int(unit)].slotStation, &simulation)
    }

    /// Round-robin or least-outstanding over the units a caller may use: those up, plus those
    /// that died less than a health-check detection time ago when a balancer routes (it keeps
    /// sending them requests, which fail); with cross-zone off, only the caller's zone.
    mutating func pickUnit(_ slot: Int, for activation: Int32, at now: Double) -> Int32 {
        let first = Int(computes[slot].firstUnit)
        let count = Int(computes[slot].unitCount)
        guard count > 0 else { return -1 }
        // A copy of the record, on purpose: reading its fields from `activations` here instead
        // (to save the memcpy) made the compiler copy the whole NetworkModel on every call —
        // perf showed its value witness and retain/release at 30% — and the run 50% slower.
        let record = activations.records[Int(activation)]
        let detect = detectionDelay(record)
        func usable(_ unit: Int) -> Bool {
            let state = units[unit]
            if record.sameZoneOnly, record.zone >= 0, state.zone != record.zone { return false }
            return state.up || now - state.downSince < detect
        }
        if record.leastOutstanding {
            var best = -1
            var bestLoad = Int.max
            // Start at the round-robin cursor so ties spread instead of piling on unit 0.
            let start = Int(computes[slot].roundRobin)
            for offset in 0..<count {
                let unit = first + (start + offset) % count
                guard usable(unit) else { continue }
                let load = stations[Int(units[unit].slotStation)].inSystem
                if load < bestLoad {
                    best = unit
                    bestLoad = load
                }
            }
            computes[slot].roundRobin = Int32((start + 1) % count)
            return Int32(best)
        }
        for _ in 0..<count {
            let unit = first + Int(computes[slot].roundRobin)
            computes[slot].roundRobin = Int32((Int(computes[slot].roundRobin) + 1) % count)
            if usable(unit) { return Int32(unit) }
        }
        return -1
    }

    /// How long the balancer in front keeps routing to a dead unit (its health check's interval
    /// × unhealthy threshold). Callers that are not balancers see units by service discovery.
    func detectionDelay(_ record: ActivationRecord) -> Double {
        guard record.parent >= 0 else { return 0 }
        let caller = Int(activations.records[Int(record.parent)].station)
        return behaviourCode[caller] == .proxy ? proxies[Int(components[caller].slot)].detectAfter : 0
    }

    /// CPU work: wait for a vCPU of the unit, then run `time / speed`.
    mutating func requestCPU(_ activation: Int32, time: Double, _ simulation: inout Simulation) {
        let unit = Int(activations.records[Int(activation)].unit)
        activations.records[Int(activation)].pendingTime = time / units[unit].cpuSpeed
        let cpu = units[unit].cpuStation
        activations.records[Int(activation)].pendingStation = cpu
        switch stations[Int(cpu)].arrive(token: queueToken(activation), at: simulation.now) {
        case .serve:
            startCPU(activation, &simulation)
        default:
            activations.records[Int(activation)].state = .waitingCPU
        }
    }

    mutating func startCPU(_ activation: Int32, _ simulation: inout Simulation) {
        var record = activations.records[Int(activation)]
        record.state = .serving
        record.holdsCPU = true
        record.pendingStation = -1
        let time = record.pendingTime
        record.pendingTime = 0
        activations.records[Int(activation)] = record
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    mutating func releaseCPU(_ activation: Int32, _ simulation: inout Simulation) {
        let unit = Int(activations.records[Int(activation)].unit)
        if let next = stations[Int(units[unit].cpuStation)].release(at: simulation.now) {
            startCPU(Int32(truncatingIfNeeded: next & 0xFFFF_FFFF), &simulation)
        }
    }

    /// Takes memory on the unit for the step; past the unit's memory the unit is killed (the
    /// OOM killer takes the whole task, with every request in it). False when it was.
    mutating func holdMemory(_ activation: Int32, _ bytes: Double, _ simulation: inout Simulation) -> Bool {
        let unit = Int(activations.records[Int(activation)].unit)
        units[unit].memoryUsed += bytes
        activations.records[Int(activation)].memory = bytes
        guard units[unit].memoryUsed > units[unit].memoryLimit else { return true }
        killUnit(unit, &simulation)
        return false
    }

    mutating func releaseMemory(_ activation: Int32) {
        let unit = Int(activations.records[Int(activation)].unit)
        if unit >= 0 { units[unit].memoryUsed = max(0, units[unit].memoryUsed - activations.records[Int(activation)].memory) }
        activations.records[Int(activation)].memory = 0
    }

    /// The unit dies: every activation on it fails with `out_of_memory`, its queues empty, and
    /// a replacement starts after the startup time.
    mutating func killUnit(_ unit: Int, _ simulation: inout Simulation) {
        let component = Int(units[unit].component)
        let slot = Int(components[component].slot)
        computes[slot].kills += 1
        units[unit].up = false
        units[unit].downSince = simulation.now
        units[unit].memoryUsed = 0
        units[unit].running.update(to: 0, at: simulation.now)
        stations[Int(units[unit].slotStation)].evict(at: simulation.now)
        stations[Int(units[unit].cpuStation)].evict(at: simulation.now)
        var victims: [Int32] = []
        for index in activations.records.indices {
            let record = activations.records[index]
            if record.state != .free, record.unit == Int32(unit), record.station == Int32(component) {
                victims.append(Int32(index))
            }
        }
        for victim in victims where activations.records[Int(victim)].state != .free {
            activations.records[Int(victim)].memory = 0
            activations.records[Int(victim)].holdsCPU = false
            activations.records[Int(victim)].heldStation = -1
            computes[slot].outOfMemory += 1
            abort(victim, .outOfMemory, releaseServer: false, &simulation)
        }
        let startup = computes[slot].startup.sample(&serviceStreams[component])
        simulation.schedule(after: startup, kind: Kind.unitUp.rawValue, target: UInt32(unit))
    }

    mutating func unitUp(_ unit: Int, at time: Double) {
        units[unit].up = true
        units[unit].running.update(to: 1, at: time)
    }
}
