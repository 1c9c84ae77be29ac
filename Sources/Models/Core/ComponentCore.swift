import SimKit

/// The behaviour of a component, as the hot path switches on it (the static dispatch).
enum BehaviourCode: UInt8 {
    case station, compute, function, proxy, queue, topic, stream, objectStore, table, database
}

/// What every component has, whatever its primitive: its behaviour and the index of its state
/// in that primitive's own array (`stationStates[slot]`, `computes[slot]`, …), where it runs,
/// how its traffic leaves the VPC, and the counts the report gives for every component.
struct ComponentCore {
    var code: BehaviourCode = .station
    /// Index into the primitive's state array.
    var slot: Int32 = -1
    var zones: [Int32] = []
    /// Its subnet reaches regional services through its zone's NAT gateway.
    var egressThroughNAT = false
    /// A regional service reached from private subnets through the NAT (no VPC endpoint).
    var viaNAT = false
    var counters = ComponentCounters()
    /// Some handler step of it runs a kernel (the report then has `kernel_ms`).
    var runsKernels = false

    mutating func resetStatistics() {
        counters = ComponentCounters()
    }
}

/// Counts every component keeps (reset at the end of the warm-up); a primitive's own counts
/// live in its state.
struct ComponentCounters {
    var arrivals = 0
    /// Turned away by a rate limit or quota (429, 503 SlowDown, capacity, connections).
    var throttled = 0
    /// Seconds of each kernel step run here, on the calibrating core (before `vcpu_speed`).
    var kernelTime = Tally()
}

/// Reads and writes of a store or database (the operation's name says which).
struct AccessCounts {
    var reads = 0
    var writes = 0

    mutating func count(write: Bool) {
        if write { writes += 1 } else { reads += 1 }
    }
}

/// Bytes that crossed zones or went through NAT gateways.
struct NetworkCounters {
    var crossZoneBytes = 0.0
    var natBytes: [Double] = []
}
