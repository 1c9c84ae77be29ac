/// Per-request and per-activation records, pooled in arrays with free lists so a run
/// allocates only when it reaches a new high-water mark of requests in flight.

/// Why a request or call failed; the report counts failures by cause.
package enum FailureCause: Int, Sendable, CaseIterable {
    /// A client, a call's `timeout`, an integration or a Lambda ran out of time.
    case timeout
    /// A rate limit said no: API Gateway 429, S3 503 SlowDown, DynamoDB capacity, Lambda
    /// concurrency, database connections.
    case throttled
    /// A balancer had no healthy target (or sent the request to a task that had died and whose
    /// health check had not noticed yet).
    case noHealthyTarget
    /// The task or function ran out of memory and was killed, with every request in it.
    case outOfMemory
    /// A station with `capacity` was full.
    case queueFull
    /// A message reached its queue's retention before a consumer took it.
    case messageExpired
    /// A message was received `max_receives` times without success and went to the DLQ.
    case deadLettered
    /// Live kernels: the pipeline refused the request's image (over the size limit).
    case invalidImage

    package var name: String {
        switch self {
        case .timeout: "timeout"
        case .throttled: "throttled"
        case .noHealthyTarget: "no_healthy_target"
        case .outOfMemory: "out_of_memory"
        case .queueFull: "queue_full"
        case .messageExpired: "message_expired"
        case .deadLettered: "dead_lettered"
        case .invalidImage: "invalid_image"
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
    /// Client attempt (retries) and the current attempt's deadline.
    var attempt: Int32 = 0
    var deadline: Double = .infinity
}

struct ActivationRecord {
    enum State: UInt8 {
        /// `waiting`: in a station's queue; `waitingCPU`: for a vCPU of its unit; `delayed`: a
        /// retry or delayed publish not sent yet; `transit`: through a NAT gateway.
        case free, waiting, serving, blocked, waitingCPU, delayed, transit
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
    /// The SimKit station whose server it holds (slot, function instance, query server), or -1.
    var heldStation: Int32 = -1
    /// The station whose queue it waits in (state `waiting` or `waitingCPU`).
    var pendingStation: Int32 = -1
    /// Compute unit it runs on, or -1.
    var unit: Int32 = -1
    /// Zone it runs in (-1: regional) — for a new child, the caller's zone until it arrives.
    var zone: Int32 = -1
    /// Set by the caller: least-outstanding routing, same-zone only (balancer settings).
    var leastOutstanding = false
    var sameZoneOnly = false
    /// A cache or CDN answered from cache: skip the miss path.
    var hit = false
    /// The caller asked to skip its next step (an ElastiCache hit).
    var skipNext = false
    var holdsCPU = false
    /// Holds one of a database's connections.
    var holdsConnection = false
    var attempt: Int32 = 0
    /// The call step and target slot that created it (for retries), or -1.
    var callStep: Int32 = -1
    var callTarget: Int32 = -1
    /// Queue or stream message this activation processes, and the poller that took it.
    var message: Int32 = -1
    var poller: Int32 = -1
    var messageReceipt: UInt32 = 0
    var bytes: Double = 0
    var responseBytes: Double = 0
    /// Time of the next step still to run (a CPU step waiting for a vCPU), or added latency
    /// (cold start, authorizer) before its steps.
    var pendingTime: Double = 0
    /// Memory held on its unit while a step runs.
    var memory: Double = 0
    /// Message attributes when it publishes into a queue or stream.
    var priority: Int32 = 0
    var key: Int32 = -1
    var nat: Int32 = -1
}

/// A message in a queue or stream (one per consumer group for streams).
struct MessageRecord {
    enum State: UInt8 {
        case free, visible, inFlight
    }

    var request: Int32 = 0
    var component: Int32 = 0
    var operation: Int32 = 0
    var group: Int32 = 0
    var partition: Int32 = 0
    var key: Int32 = -1
    var priority: Int32 = 0
    var published: Double = 0
    var receives: Int32 = 0
    /// Bumped on each receive: a visibility deadline of an earlier receive is stale.
    var receipt: UInt32 = 0
    var bytes: Double = 0
    var state: State = .free
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
