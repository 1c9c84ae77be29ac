import SimKit

package struct TablePlan: Sendable {
    var latency: Variate
    /// Capacity units per second: provisioned, or on-demand's per-table maximum.
    var readCapacity: Double?
    var writeCapacity: Double?
    /// Unused capacity kept for bursts, in seconds of capacity: 300 provisioned, 1 on-demand.
    var burstSeconds: Double = 300
    var readUnitsPerRequest: Double
    var writeUnitsPerRequest: Double
}

/// A table of one replication.
struct TableState {
    var latency: Variate
    var readUnits: Double
    var writeUnits: Double
    /// Read [0] and write [1] capacity (empty: unlimited).
    var capacity: [TokenBucket] = []
    var access = AccessCounts()

    mutating func resetStatistics() {
        access = AccessCounts()
    }
}

extension NetworkModel {
    mutating func buildTable(_ table: TablePlan) -> Int32 {
        var state = TableState(latency: table.latency, readUnits: table.readUnitsPerRequest, writeUnits: table.writeUnitsPerRequest)
        if let read = table.readCapacity, let write = table.writeCapacity {
            // Provisioned DynamoDB keeps up to 300 s of unused capacity for bursts.
            state.capacity = [
                TokenBucket(rate: read, burst: read * table.burstSeconds),
                TokenBucket(rate: write, burst: write * table.burstSeconds),
            ]
        }
        tableStates.append(state)
        return Int32(tableStates.count - 1)
    }

    /// DynamoDB: each request takes capacity units (reads per 4KB, writes per 1KB of item) from
    /// a bucket (provisioned: keeping 300 s of unused capacity; on-demand: the table's maximum
    /// per second); past it, throttled.
    mutating func arriveAtTable(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let write = tables.isWrite[Int(activations.records[Int(activation)].operation)]
        if !tableStates[slot].capacity.isEmpty {
            let units = write ? tableStates[slot].writeUnits : tableStates[slot].readUnits
            guard tableStates[slot].capacity[write ? 1 : 0].take(units, at: simulation.now) else {
                components[component].counters.throttled += 1
                fail(activation, .throttled, &simulation)
                return
            }
        }
        tableStates[slot].access.count(write: write)
        activations.records[Int(activation)].state = .serving
        let time = tableStates[slot].latency.sample(&serviceStreams[component])
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    func tableMetrics(_ slot: Int, _ counters: ComponentCounters, into result: inout ReplicationResult.Station) {
        let access = tableStates[slot].access
        result.counts += [("writes", access.writes), ("reads", access.reads), ("throttled", counters.throttled)]
    }
}
