import Topology

extension Compiler {
    mutating func compileDatabase(_ settings: KindSettings, _ knobs: DatabaseKnobs) -> DatabasePlan {
        DatabasePlan(
            vcpu: settings.integer(knobs.serverField),
            maxConnections: knobs.fixedMaxConnections ?? settings.integer("max_connections"),
            replicas: settings["replicas"] == nil ? 0 : settings.integer("replicas"),
            queryTime: distribution("query_time", of: settings))
    }
}
