import Topology

/// Each component's settings read into its primitive's plan, chosen by its kind's catalogue
/// entry (`KindSpec.primitive`); each primitive's folder has its `compile…`.
extension Compiler {
    mutating func compileBehaviour(
        _ component: Component, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> Behaviour {
        let settings = KindSettings(component: component)
        switch component.kind.primitive {
        case .station: return .station
        case .compute(let knobs): return .compute(compileCompute(settings, knobs))
        case .function: return .function(compileFunction(settings))
        case .proxy(let role): return .proxy(compileProxy(settings, role))
        case .queue(let knobs): return .queue(compileQueue(settings, knobs, stationIndex))
        case .topic(let routing): return .topic(compileTopic(settings, routing, stationIndex, workloads))
        case .stream(let knobs): return .stream(compileStream(settings, knobs, stationIndex))
        case .objectStore: return .objectStore(compileObjectStore(settings, stationIndex, workloads))
        case .table: return .table(compileTable(settings))
        case .database(let knobs): return .database(compileDatabase(settings, knobs))
        }
    }
}
