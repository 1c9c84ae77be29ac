import DequeModule
import SimKit

package struct FunctionPlan: Sendable {
    package var concurrency: Int
    package var timeout: Double
    package var memory: Double
    var coldStart: Variate
    package var idleLifetime: Double
    /// CPU share: Lambda gives 1 vCPU per 1769 MB; single-threaded work runs at most at one vCPU.
    package var speed: Double
}

/// A function of one replication: its instances are the servers of `station`.
struct FunctionState {
    var station: Int32
    var timeout: Double
    var memory: Double
    var coldStart: Variate
    var idleLifetime: Double
    var speed: Double
    /// Instances that went idle, most recent last (a warm start takes the last).
    var idleSince: [Double] = []
    /// Invocations' timeouts in the order they started (one constant timeout: increasing).
    var deadlines: Deque<(time: Double, token: Int64)> = []
    var deadlineScheduled = false
    var invocations = 0
    var coldStarts = 0
    var timeouts = 0
    var outOfMemory = 0

    mutating func resetStatistics() {
        invocations = 0
        coldStarts = 0
        timeouts = 0
        outOfMemory = 0
    }
}

extension NetworkModel {
    mutating func buildFunction(_ function: FunctionPlan, component: Int) -> Int32 {
        let station = addStation(Station(servers: function.concurrency), component: component)
        functions.append(FunctionState(
            station: station, timeout: function.timeout, memory: function.memory, coldStart: function.coldStart,
            idleLifetime: function.idleLifetime, speed: function.speed))
        return Int32(functions.count - 1)
    }

    /// Synchronous invocations beyond the concurrency limit are throttled (429); asynchronous
    /// ones (publish, event sources) wait in Lambda's internal queue.
    mutating func arriveAtFunction(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let station = Int(functions[slot].station)
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
    mutating func startInvocation(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        functions[slot].invocations += 1
        var warm = false
        while let last = functions[slot].idleSince.popLast() {
            if now - last <= functions[slot].idleLifetime {
                warm = true
                break
            }
            // The most recent idle one is too old: every older one is too.
            functions[slot].idleSince.removeAll()
        }
        if !warm {
            functions[slot].coldStarts += 1
            activations.records[Int(activation)].pendingTime += functions[slot].coldStart.sample(&serviceStreams[component])
        }
        let timeout = functions[slot].timeout
        if timeout.isFinite {
            functions[slot].deadlines.append((now + timeout, queueToken(activation)))
            if !functions[slot].deadlineScheduled {
                functions[slot].deadlineScheduled = true
                simulation.schedule(at: now + timeout, kind: Kind.lambdaDeadline.rawValue, target: UInt32(slot))
            }
        }
        continueSteps(activation, &simulation)
    }

    mutating func instanceIdle(slot: Int, at time: Double) {
        functions[slot].idleSince.append(time)
    }

    /// Invocations still running at their timeout are killed (a `timeout` error).
    mutating func functionDeadlineDue(slot: Int, _ simulation: inout Simulation) {
        functions[slot].deadlineScheduled = false
        while let head = functions[slot].deadlines.first {
            if head.time > simulation.now {
                functions[slot].deadlineScheduled = true
                simulation.schedule(at: head.time, kind: Kind.lambdaDeadline.rawValue, target: UInt32(slot))
                return
            }
            functions[slot].deadlines.removeFirst()
            if let activation = live(head.token), activations.records[Int(activation)].heldStation >= 0 {
                functions[slot].timeouts += 1
                abort(activation, .timeout, &simulation)
            }
        }
    }

    func functionMetrics(
        _ slot: Int, _ counters: ComponentCounters, until end: Double, measured: Double, into result: inout ReplicationResult.Station
    ) {
        let state = functions[slot]
        StationPool([stations[Int(state.station)]], until: end).report(into: &result, measured: measured)
        result.counts += [("invocations", state.invocations), ("cold_starts", state.coldStarts),
            ("throttled", counters.throttled), ("timeouts", state.timeouts), ("out_of_memory", state.outOfMemory)]
    }

    func functionGauges(_ slot: Int, at time: Double, into gauges: inout ComponentGauges) {
        let station = [stations[Int(functions[slot].station)]]
        gauges.add(busy: station, waits: station, at: time)
    }
}
