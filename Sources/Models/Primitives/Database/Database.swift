import SimKit

package struct DatabasePlan: Sendable {
    var vcpu: Int
    var maxConnections: Int
    var replicas: Int
    var queryTime: Variate
}

/// A database of one replication: the primary's query servers are SimKit station `station`,
/// each replica's the next ones.
struct DatabaseState {
    var station: Int32
    var stationCount: Int32
    var maxConnections: Int
    var connections = 0
    var queryTime: Variate
    var access = AccessCounts()

    mutating func resetStatistics() {
        access = AccessCounts()
    }
}

extension NetworkModel {
    mutating func buildDatabase(_ database: DatabasePlan, component index: Int) -> Int32 {
        let station = addStation(Station(servers: database.vcpu), component: index)
        for _ in 0..<database.replicas { _ = addStation(Station(servers: database.vcpu), component: index) }
        databases.append(DatabaseState(
            station: station, stationCount: Int32(1 + database.replicas), maxConnections: database.maxConnections,
            queryTime: database.queryTime))
        return Int32(databases.count - 1)
    }

    /// RDS/Redshift: a connection (refused past `max_connections`), then a query server: writes
    /// on the primary, reads spread over the primary and its replicas.
    mutating func arriveAtDatabase(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        guard databases[slot].connections < databases[slot].maxConnections else {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        databases[slot].connections += 1
        activations.records[Int(activation)].holdsConnection = true
        let write = tables.isWrite[Int(activations.records[Int(activation)].operation)]
        var server = 0
        let count = Int(databases[slot].stationCount)
        if !write, count > 1 {
            server = min(count - 1, Int(routingStreams[component].nextUniform() * Double(count)))
        }
        databases[slot].access.count(write: write)
        let zones = components[component].zones
        if !zones.isEmpty { setZone(activation, zones[server % zones.count]) }
        queueAt(activation, station: databases[slot].station + Int32(server), &simulation)
    }

    /// A query server is its: the query's time.
    mutating func serveAtDatabase(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let time = databases[slot].queryTime.sample(&serviceStreams[component])
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    /// The activation's query is over: its connection is free.
    mutating func releaseConnection(_ component: Int) {
        databases[Int(components[component].slot)].connections -= 1
    }

    func databaseStations(_ slot: Int) -> [Station] {
        (0..<Int(databases[slot].stationCount)).map { stations[Int(databases[slot].station) + $0] }
    }

    func databaseMetrics(
        _ slot: Int, _ counters: ComponentCounters, until end: Double, measured: Double, into result: inout ReplicationResult.Station
    ) {
        StationPool(databaseStations(slot), until: end).report(into: &result, measured: measured)
        let access = databases[slot].access
        result.counts += [("writes", access.writes), ("reads", access.reads), ("throttled", counters.throttled)]
    }

    func databaseGauges(_ slot: Int, at time: Double, into gauges: inout ComponentGauges) {
        let stations = databaseStations(slot)
        gauges.add(busy: stations, waits: stations, at: time)
    }

    func databaseServers(_ slot: Int) -> Int {
        databaseStations(slot).reduce(0) { $0 + $1.servers }
    }
}
