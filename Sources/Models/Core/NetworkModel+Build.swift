import DequeModule
import SimKit

/// Lays a replication's state out from the plan: each component's primitive builds its own
/// state (`buildComponent`), in component order, so SimKit stations are numbered as before.
extension NetworkModel {
    mutating func addStation(_ station: Station, component: Int) -> Int32 {
        stations.append(station)
        stationComponent.append(Int32(component))
        return Int32(stations.count - 1)
    }

    mutating func build() {
        for index in plan.stations.indices {
            var core = buildComponent(index)
            core.runsKernels = plan.stations[index].handlerForOperation.contains { handler in
                handler >= 0 && self.plan.handlers[handler].steps.contains { step in
                    if case .kernel = step.action { true } else { false }
                }
            }
            components.append(core)
            behaviourCode.append(core.code)
        }
        // A NAT gateway is one server of its bandwidth: bytes queue through it.
        natStations = plan.nats.map { _ in addStation(Station(servers: 1), component: -1) }
        network = NetworkCounters(natBytes: Array(repeating: 0, count: plan.nats.count))
    }
}
