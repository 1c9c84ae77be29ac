import DequeModule

/// A multi-server queue: `servers` serve in parallel; others wait in FIFO order within
/// non-preemptive priority classes (class 0 first); with a `capacity`, arrivals that find it
/// full are _dropped. Reneging (a client giving up while waiting) is supported by lazy removal.
///
/// The station keeps no events of its own: the model asks it what happens to an arrival and
/// whom to serve next, and schedules the completions. That keeps it usable by any model
/// (generic service stations, ECS tasks, database connections, broker consumers).
public struct Station: Sendable {
    public enum Admission: Sendable, Equatable {
        /// A server was free: service starts now.
        case serve
        /// All servers busy: the customer _waits.
        case wait
        /// The station was full: the customer is turned away.
        case drop
    }

    @usableFromInline
    struct Waiting: Sendable {
        @usableFromInline var token: Int64
        @usableFromInline var since: Double
        @usableFromInline init(token: Int64, since: Double) {
            self.token = token
            self.since = since
        }
    }

    public let servers: Int
    /// Most customers present (waiting + in service); nil for unlimited.
    public let capacity: Int?
    /// Class 0 (served first) is kept apart from the others: most stations have one class,
    /// and a stored deque skips the array-of-deques indirection on every arrival and release
    /// (measured with callgrind on the M/M/1 benchmark).
    @usableFromInline var firstLane = Deque<Waiting>()
    @usableFromInline var otherLanes: [Deque<Waiting>]
    /// Tokens that gave up while waiting; skipped (and forgotten) when they reach the front.
    @usableFromInline var abandonedTokens: Set<Int64> = []
    @usableFromInline var _busy: Int = 0
    public var busy: Int { _busy }
    @usableFromInline var _waitingCount: Int = 0
    /// Waiting customers that have not given up (abandoned ones are removed lazily).
    public var waitingCount: Int { _waitingCount }

    // MARK: Statistics (reset by `resetStatistics(at:)` when the warm-up ends)

    @usableFromInline var _busyServers: TimeWeighted
    public var busyServers: TimeWeighted { _busyServers }
    @usableFromInline var _queueLength: TimeWeighted
    public var queueLength: TimeWeighted { _queueLength }
    @usableFromInline var _waits = Tally()
    /// Waiting times of customers when they start service.
    public var waits: Tally { _waits }
    @usableFromInline var _arrivals: Int = 0
    public var arrivals: Int { _arrivals }
    @usableFromInline var _started: Int = 0
    public var started: Int { _started }
    @usableFromInline var _dropped: Int = 0
    public var dropped: Int { _dropped }
    @usableFromInline var _abandoned: Int = 0
    public var abandoned: Int { _abandoned }

    public init(servers: Int, capacity: Int? = nil, priorityClasses: Int = 1, at time: Double = 0) {
        precondition(servers >= 1 && priorityClasses >= 1)
        self.servers = servers
        self.capacity = capacity
        self.otherLanes = Array(repeating: Deque(), count: priorityClasses - 1)
        self._busyServers = TimeWeighted(value: 0, at: time)
        self._queueLength = TimeWeighted(value: 0, at: time)
    }

    public var priorityClasses: Int { otherLanes.count + 1 }
    public var inSystem: Int { _busy + waitingCount }

    /// A customer arrives. With `.serve` the caller starts its service now (wait 0 recorded);
    /// with `.wait` it is queued; with `.drop` it never entered.
    @inlinable @inline(__always)
    public mutating func arrive(token: Int64, priority: Int = 0, at time: Double) -> Admission {
        _arrivals &+= 1
        if let capacity, _busy + _waitingCount >= capacity {
            _dropped &+= 1
            return .drop
        }
        if _busy < servers {
            _busy &+= 1
            _busyServers.update(to: Double(_busy), at: time)
            _started &+= 1
            _waits.add(0)
            return .serve
        }
        let lane = min(max(priority, 0), otherLanes.count)
        if lane == 0 {
            firstLane.append(Waiting(token: token, since: time))
        } else {
            otherLanes[lane - 1].append(Waiting(token: token, since: time))
        }
        _waitingCount &+= 1
        _queueLength.update(to: Double(_waitingCount), at: time)
        return .wait
    }

    /// A server finishes. Returns the next customer to serve (its wait is recorded and the
    /// server stays busy), or nil when nobody waits (the server goes idle).
    @inlinable @inline(__always)
    public mutating func release(at time: Double) -> Int64? {
        // Nobody waiting and no abandoned entries left to skip: every lane is empty.
        if _waitingCount > 0 || !abandonedTokens.isEmpty {
            if let next = nextWaiting() {
                _waitingCount &-= 1
                _queueLength.update(to: Double(_waitingCount), at: time)
                _waits.add(time - next.since)
                _started &+= 1
                return next.token
            }
        }
        _busy &-= 1
        _busyServers.update(to: Double(_busy), at: time)
        return nil
    }

    /// The first waiting customer in priority order, skipping (and forgetting) those who gave up.
    @inlinable
    mutating func nextWaiting() -> Waiting? {
        while let next = firstLane.popFirst() {
            if !abandonedTokens.isEmpty, abandonedTokens.remove(next.token) != nil { continue }
            return next
        }
        for lane in otherLanes.indices {
            while let next = otherLanes[lane].popFirst() {
                if !abandonedTokens.isEmpty, abandonedTokens.remove(next.token) != nil { continue }
                return next
            }
        }
        return nil
    }

    /// A waiting customer gave up (reneged). The caller must know it was waiting here, not in
    /// service; its queue entry is skipped later by `release`.
    @inlinable
    public mutating func abandon(token: Int64, at time: Double) {
        abandonedTokens.insert(token)
        _waitingCount &-= 1
        _abandoned &+= 1
        _queueLength.update(to: Double(_waitingCount), at: time)
    }

    /// Everyone leaves at once (the task serving them died): the queue empties and every server
    /// goes idle. Counts are kept; the time averages see the drop at `time`.
    public mutating func evict(at time: Double) {
        firstLane.removeAll()
        for lane in otherLanes.indices { otherLanes[lane].removeAll() }
        abandonedTokens.removeAll()
        _busy = 0
        _waitingCount = 0
        _busyServers.update(to: 0, at: time)
        _queueLength.update(to: 0, at: time)
    }

    /// Starts a new observation window (after the warm-up): counts and averages restart,
    /// the current state (busy servers, queue) carries over.
    public mutating func resetStatistics(at time: Double) {
        _busyServers.reset(at: time)
        _queueLength.reset(at: time)
        _waits = Tally()
        _arrivals = 0
        _started = 0
        _dropped = 0
        _abandoned = 0
    }

    /// Mean fraction of servers busy since the last reset.
    public func utilization(until time: Double) -> Double {
        _busyServers.mean(until: time) / Double(servers)
    }
}
