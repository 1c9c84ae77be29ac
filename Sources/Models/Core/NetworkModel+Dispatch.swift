import SimKit

/// The static dispatch: the few places where the core hands an activation, a metric or a
/// build step to its component's primitive. Each case calls a function in that primitive's
/// folder (`Primitives/<name>/`); nothing here knows how a primitive works. A `switch` on
/// `BehaviourCode` is a jump table: no existential, closure or allocation per event.
extension NetworkModel {
    /// Lays out the replication state of component `index`, in its primitive's array.
    mutating func buildComponent(_ index: Int) -> ComponentCore {
        let plan = self.plan.stations[index]
        var core = ComponentCore()
        core.zones = plan.zones.map { Int32($0) }
        core.egressThroughNAT = plan.egressThroughNAT
        core.viaNAT = plan.isRegional && !plan.hasEndpoint
        switch plan.behaviour {
        case .station:
            core.code = .station
            core.slot = buildStation(plan, component: index)
        case .compute(let compute):
            core.code = .compute
            core.slot = buildCompute(compute, plan, component: index)
        case .function(let function):
            core.code = .function
            core.slot = buildFunction(function, component: index)
        case .proxy(let proxy):
            core.code = .proxy
            core.slot = buildProxy(proxy)
        case .queue(let queue):
            core.code = .queue
            core.slot = buildQueue(queue, component: index)
        case .topic(let topic):
            core.code = .topic
            core.slot = buildTopic(topic)
        case .stream(let stream):
            core.code = .stream
            core.slot = buildStream(stream, component: index)
        case .objectStore(let store):
            core.code = .objectStore
            core.slot = buildObjectStore(store)
        case .table(let table):
            core.code = .table
            core.slot = buildTable(table)
        case .database(let database):
            core.code = .database
            core.slot = buildDatabase(database, component: index)
        }
        return core
    }

    /// The activation reaches its component, which decides what happens.
    mutating func arrive(_ activation: Int32, _ simulation: inout Simulation) {
        let component = Int(activations.records[Int(activation)].station)
        components[component].counters.arrivals += 1
        let slot = Int(components[component].slot)
        switch behaviourCode[component] {
        case .station: arriveAtStation(activation, component, slot: slot, &simulation)
        case .compute: arriveAtCompute(activation, component, slot: slot, &simulation)
        case .function: arriveAtFunction(activation, component, slot: slot, &simulation)
        case .proxy: arriveAtProxy(activation, component, slot: slot, &simulation)
        case .queue: arriveAtQueue(activation, slot: slot, &simulation)
        case .stream: arriveAtStream(activation, slot: slot, &simulation)
        case .topic: arriveAtTopic(activation, component, slot: slot, &simulation)
        case .objectStore: arriveAtObjectStore(activation, component, slot: slot, &simulation)
        case .table: arriveAtTable(activation, component, slot: slot, &simulation)
        case .database: arriveAtDatabase(activation, component, slot: slot, &simulation)
        }
    }

    /// A server of the SimKit station the activation waited for is its now.
    mutating func beginService(_ activation: Int32, _ simulation: inout Simulation) {
        var record = activations.records[Int(activation)]
        record.state = .serving
        record.heldStation = record.pendingStation
        record.pendingStation = -1
        activations.records[Int(activation)] = record
        let component = Int(record.station)
        let slot = Int(components[component].slot)
        switch behaviourCode[component] {
        case .station: serveAtStation(activation, component, &simulation)
        case .function: startInvocation(activation, component, slot: slot, &simulation)
        case .database: serveAtDatabase(activation, component, slot: slot, &simulation)
        case .queue: serveAtBroker(activation, slot: slot, &simulation)
        default: continueSteps(activation, &simulation)
        }
    }

    /// A timed step ended: give back the vCPU and memory it held, then go on.
    mutating func stepDone(_ activation: Int32, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        if record.holdsCPU {
            activations.records[Int(activation)].holdsCPU = false
            releaseCPU(activation, &simulation)
        }
        if record.memory > 0 { releaseMemory(activation) }
        let component = Int(record.station)
        switch behaviourCode[component] {
        case .objectStore where record.handler < 0:
            objectStoreDone(activation, slot: Int(components[component].slot), &simulation)
        case .queue:
            // The broker has handled the message: it joins the queue (and frees the broker).
            enqueue(activation, queue: Int(components[component].slot), &simulation)
            return
        default:
            break
        }
        continueSteps(activation, &simulation)
    }

    /// A `work` or `kernel` step of `time` seconds (on the calibrating core) that holds
    /// `memory` bytes: units run it on a vCPU, functions at their memory's CPU share, others
    /// just take the time.
    mutating func runWork(_ activation: Int32, time: Double, memory: Double, _ simulation: inout Simulation) {
        let component = Int(activations.records[Int(activation)].station)
        var time = time
        switch behaviourCode[component] {
        case .compute:
            if memory > 0, !holdMemory(activation, memory, &simulation) { return }
            requestCPU(activation, time: time, &simulation)
            return
        case .function:
            let slot = Int(components[component].slot)
            guard memory <= functions[slot].memory else {
                functions[slot].outOfMemory += 1
                abort(activation, .outOfMemory, &simulation)
                return
            }
            time /= functions[slot].speed
        default:
            break
        }
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    /// The activation gave its server back (it finished or failed there).
    mutating func serverFreed(_ component: Int, at time: Double) {
        if behaviourCode[component] == .function { instanceIdle(slot: Int(components[component].slot), at: time) }
    }

    /// A publisher to `target` waits until the target has taken the message (flow control).
    func publisherWaits(for target: Int) -> Bool {
        behaviourCode[target] == .queue && queues[Int(components[target].slot)].brokerStation >= 0
    }

    /// The components' figures for the time series, by primitive.
    func primitiveGauges(_ component: Int, at time: Double, into gauges: inout ComponentGauges) {
        let core = components[component]
        let slot = Int(core.slot)
        switch core.code {
        case .station: stationGauges(slot, at: time, into: &gauges)
        case .compute: computeGauges(slot, at: time, into: &gauges)
        case .function: functionGauges(slot, at: time, into: &gauges)
        case .database: databaseGauges(slot, at: time, into: &gauges)
        case .queue: queueGauges(slot, core.counters, at: time, into: &gauges)
        case .stream: streamGauges(slot, core.counters, at: time, into: &gauges)
        case .proxy, .topic, .objectStore, .table: gauges.started = Double(core.counters.arrivals)
        }
    }

    /// Servers whose busy time is the component's utilization (0: it has none).
    func servers(of component: Int) -> Int {
        let core = components[component]
        let slot = Int(core.slot)
        switch core.code {
        case .station: return stations[Int(stationStates[slot].station)].servers
        case .compute: return computeServers(slot)
        case .function: return stations[Int(functions[slot].station)].servers
        case .database: return databaseServers(slot)
        case .queue: return queues[slot].brokerStation >= 0 ? stations[Int(queues[slot].brokerStation)].servers : 0
        case .proxy, .topic, .stream, .objectStore, .table: return 0
        }
    }
}
