/// Per-request and per-activation records, pooled in arrays with free lists so a run
/// allocates only when it reaches a new high-water mark of requests in flight.

/// Why a request or call failed; the report counts failures by cause.
package enum FailureCause: Int, Sendable, CaseIterable {
    case timeout
    case queueFull

    package var name: String {
        switch self {
        case .timeout: "timeout"
        case .queueFull: "queue_full"
        }
    }
}

struct RequestRecord {
    var workload: Int32 = 0
    var generation: UInt32 = 0
    var combination: Int32 = 0
    /// Closed-population user who sent it, or -1.
    var user: Int32 = -1
    var start: Double = 0
    var image: Double = 0
    var bytes: Double = 0
    /// Activations not finished yet (the synchronous chain and everything it published).
    var pending: Int32 = 0
    /// The client has its answer (success, failure or its own timeout).
    var responded = false
    /// The answer was a success (completion latency is recorded only for those).
    var succeeded = false
    /// First activation of this request, for walking them when the client gives up.
    var firstActivation: Int32 = -1
}

struct ActivationRecord {
    enum State: UInt8 {
        case free, waiting, serving, blocked
    }

    var request: Int32 = 0
    /// Bumped on every reuse of the record, so a stale queue entry can't be mistaken for a new one.
    var generation: UInt32 = 0
    var station: Int32 = 0
    var handler: Int32 = -1
    var operation: Int32 = 0
    var step: Int32 = 0
    /// The activation waiting for this one (a synchronous call), or -1.
    var parent: Int32 = -1
    /// Children still running (a call or fanout in progress).
    var joins: Int32 = 0
    var failure: Int8 = -1
    var state: State = .free
    /// The workload's entry activation: its end answers the client.
    var isRoot = false
    /// Neighbours in the request's list of activations.
    var previousOfRequest: Int32 = -1
    var nextOfRequest: Int32 = -1
}

/// A growable pool of records addressed by index.
struct Pool<Record> {
    var records: [Record] = []
    var free: [Int32] = []
    let blank: Record

    init(blank: Record) {
        self.blank = blank
    }

    @inline(__always)
    mutating func allocate() -> Int32 {
        if let index = free.popLast() { return index }
        records.append(blank)
        return Int32(records.count - 1)
    }

    @inline(__always)
    mutating func release(_ index: Int32) {
        free.append(index)
    }

    var inUse: Int { records.count - free.count }
}
