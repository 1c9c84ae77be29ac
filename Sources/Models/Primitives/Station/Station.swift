import SimKit

/// A generic queueing station (`service`): `servers` in parallel, FIFO within priority lanes,
/// an optional capacity; each request takes `service_time` on a server, then runs its
/// handler's steps while still holding it (see "Service semantics" in docs/architecture.md).
struct StationState {
    /// Its SimKit station.
    var station: Int32
}

extension NetworkModel {
    mutating func buildStation(_ plan: NetworkPlan.Station, component: Int) -> Int32 {
        let station = addStation(
            Station(servers: plan.servers, capacity: plan.capacity, priorityClasses: plan.usesPriority ? self.plan.priorityLanes : 1),
            component: component)
        stationStates.append(StationState(station: station))
        return Int32(stationStates.count - 1)
    }

    mutating func arriveAtStation(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        var priority = 0
        if tables.usesPriority[component] {
            let request = requests.records[Int(record.request)]
            priority = Int(tables.priorityClass[Int(tables.combinationBase[Int(request.workload)] + request.combination)])
        }
        if let zone = components[component].zones.first { setZone(activation, zone) }
        queueAt(activation, station: stationStates[slot].station, priority: priority, &simulation)
    }

    /// A server is its: the service time first (if the station has one), then the steps.
    mutating func serveAtStation(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        if tables.hasServiceTime[component] {
            let time = tables.serviceTime[component].sample(&serviceStreams[component])
            simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
        } else {
            continueSteps(activation, &simulation)
        }
    }

    func stationMetrics(_ slot: Int, until end: Double, measured: Double, into result: inout ReplicationResult.Station) {
        StationPool([stations[Int(stationStates[slot].station)]], until: end).report(into: &result, measured: measured)
    }

    func stationGauges(_ slot: Int, at time: Double, into gauges: inout ComponentGauges) {
        let station = [stations[Int(stationStates[slot].station)]]
        gauges.add(busy: station, waits: station, at: time)
    }
}
