import SimKit

/// Compute: tasks with concurrency slots and vCPUs, memory that can run out, functions with
/// cold starts; and the pass-through kinds in front of them (balancers, gateways, caches).
extension NetworkModel {
    // MARK: - Tasks, pods, instances

    /// A request reaches a service: a balancer (or service discovery) picks a unit, and the
    /// request waits for one of its concurrency slots, which it holds until it is done —
    /// through its synchronous calls too, so a slow dependency exhausts the pool.
    mutating func arriveAtCompute(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let unit = pickUnit(component, for: activation, at: simulation.now)
        guard unit >= 0, units[Int(unit)].up else {
            components[component].counters.noHealthyTarget += 1
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
    mutating func pickUnit(_ component: Int, for activation: Int32, at now: Double) -> Int32 {
        let first = Int(components[component].firstUnit)
        let count = Int(components[component].unitCount)
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
            let start = Int(components[component].roundRobin)
            for offset in 0..<count {
                let unit = first + (start + offset) % count
                guard usable(unit) else { continue }
                let load = stations[Int(units[unit].slotStation)].inSystem
                if load < bestLoad {
                    best = unit
                    bestLoad = load
                }
            }
            components[component].roundRobin = Int32((start + 1) % count)
            return Int32(best)
        }
        for _ in 0..<count {
            let unit = first + Int(components[component].roundRobin)
            components[component].roundRobin = Int32((Int(components[component].roundRobin) + 1) % count)
            if usable(unit) { return Int32(unit) }
        }
        return -1
    }

    /// How long the balancer in front keeps routing to a dead unit (its health check's interval
    /// × unhealthy threshold). Callers that are not balancers see units by service discovery.
    func detectionDelay(_ record: ActivationRecord) -> Double {
        guard record.parent >= 0 else { return 0 }
        let caller = Int(activations.records[Int(record.parent)].station)
        return behaviourCode[caller] == .passThrough ? components[caller].detectAfter : 0
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
        components[component].counters.kills += 1
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
            components[component].counters.outOfMemory += 1
            abort(victim, .outOfMemory, releaseServer: false, &simulation)
        }
        let startup = components[component].coldStart.sample(&serviceStreams[component])
        simulation.schedule(after: startup, kind: Kind.unitUp.rawValue, target: UInt32(unit))
    }

    mutating func unitUp(_ unit: Int, at time: Double) {
        units[unit].up = true
        units[unit].running.update(to: 1, at: time)
    }

    // MARK: - Functions

    /// Synchronous invocations beyond the concurrency limit are throttled (429); asynchronous
    /// ones (publish, event sources) wait in Lambda's internal queue.
    mutating func arriveAtLambda(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let station = Int(components[component].station)
        if record.parent >= 0 || record.isRoot, stations[station].busy >= stations[station].servers {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        if let zone = components[component].zones.first {
            let zones = components[component].zones
            setZone(activation, zones.count == 1 ? zone : zones[Int(routingStreams[component].nextUniform() * Double(zones.count)) % zones.count])
        } else {
            activations.records[Int(activation)].zone = -1
        }
        queueAt(activation, station: Int32(station), &simulation)
    }

    /// An instance takes the invocation: a warm one if one has been idle for less than the
    /// idle lifetime (the most recently used first), else a cold start.
    mutating func startInvocation(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        components[component].counters.invocations += 1
        var warm = false
        while let last = components[component].idleSince.popLast() {
            if now - last <= components[component].idleLifetime {
                warm = true
                break
            }
            // The most recent idle one is too old: every older one is too.
            components[component].idleSince.removeAll()
        }
        if !warm {
            components[component].counters.coldStarts += 1
            activations.records[Int(activation)].pendingTime += components[component].coldStart.sample(&serviceStreams[component])
        }
        let timeout = components[component].timeout
        if timeout.isFinite {
            components[component].lambdaDeadlines.append((now + timeout, queueToken(activation)))
            if !components[component].lambdaDeadlineScheduled {
                components[component].lambdaDeadlineScheduled = true
                simulation.schedule(at: now + timeout, kind: Kind.lambdaDeadline.rawValue, target: UInt32(component))
            }
        }
        continueSteps(activation, &simulation)
    }

    mutating func instanceIdle(_ component: Int, at time: Double) {
        components[component].idleSince.append(time)
    }

    /// Invocations still running at their timeout are killed (a `timeout` error).
    mutating func lambdaDeadlineDue(component: Int, _ simulation: inout Simulation) {
        components[component].lambdaDeadlineScheduled = false
        while let head = components[component].lambdaDeadlines.first {
            if head.time > simulation.now {
                components[component].lambdaDeadlineScheduled = true
                simulation.schedule(at: head.time, kind: Kind.lambdaDeadline.rawValue, target: UInt32(component))
                return
            }
            components[component].lambdaDeadlines.removeFirst()
            if let activation = live(head.token), activations.records[Int(activation)].heldStation >= 0 {
                components[component].counters.timeouts += 1
                abort(activation, .timeout, &simulation)
            }
        }
    }

    // MARK: - Balancers, gateways, CDNs, DNS, caches

    /// Throttling, authorizer and cache decisions, then the handler the compiler wrote for it.
    mutating func arriveAtPassThrough(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        if !components[component].buckets.isEmpty, !components[component].buckets[0].take(at: now) {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        let zones = components[component].zones
        if !zones.isEmpty {
            // A balancer node in the caller's zone if it has one there, else any (clients
            // resolve the balancer's name to all its nodes).
            let from = activations.records[Int(activation)].zone
            let zone = zones.contains(from) ? from : zones[Int(routingStreams[component].nextUniform() * Double(zones.count)) % zones.count]
            setZone(activation, zone)
        }
        if components[component].role == .balancer {
            components[component].counters.bytes += activations.records[Int(activation)].bytes
                + activations.records[Int(activation)].responseBytes
        }
        if let latency = components[component].authorizerLatency {
            let tokens = components[component].authorizerLastValidated.count
            let token = min(tokens - 1, Int(routingStreams[component].nextUniform() * Double(tokens)))
            if now - components[component].authorizerLastValidated[token] > components[component].authorizerTTL {
                components[component].authorizerLastValidated[token] = now
                components[component].counters.misses += 1
                activations.records[Int(activation)].pendingTime += latency.sample(&serviceStreams[component])
            } else {
                components[component].counters.hits += 1
            }
        }
        let hitRatio = components[component].hitRatio
        if hitRatio >= 0 {
            let hit = routingStreams[component].nextUniform() < hitRatio
            activations.records[Int(activation)].hit = hit
            if hit { components[component].counters.hits += 1 } else { components[component].counters.misses += 1 }
        }
        activations.records[Int(activation)].state = .serving
        continueSteps(activation, &simulation)
    }
}
