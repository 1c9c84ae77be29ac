/// What a simulated system implements: react to one event, scheduling more.
///
/// Models dispatch on `event.kind` with a `switch`; the engine calls `handle` through a
/// generic parameter, so the call is static and inlinable — no closure, existential or
/// allocation per event.
public protocol SimulationModel {
    mutating func handle(_ event: Event, in simulation: inout Simulation)
}

/// The clock and the pending events. It knows time and events only: resources, requests and
/// cloud behaviour live in the models above it.
public struct Simulation: Sendable {
    @usableFromInline var _now: Double = 0
    public var now: Double { _now }
    @usableFromInline var queue = QuaternaryHeap()
    @usableFromInline var nextSequence: UInt64 = 0
    /// True while a handler runs and the event it handles is still the queue's first: the
    /// event is logically gone, and the first event the handler schedules takes its place with
    /// one sift-down (`replaceFirst`) instead of a removal and an insertion — the "hold"
    /// pattern of most handlers, which schedule the next event of the entity they handle. The
    /// order of handling is the same either way: it is fixed by (time, sequence).
    @usableFromInline var firstIsHandled = false
    @usableFromInline var _handledEvents: Int = 0
    /// Events handled so far.
    public var handledEvents: Int { _handledEvents }

    public init() {}

    public var pendingEvents: Int { queue.count - (firstIsHandled ? 1 : 0) }

    /// Schedules an event at an absolute time, which must not be in the past.
    @inlinable
    public mutating func schedule(at time: Double, kind: UInt32, target: UInt32 = 0, token: Int64 = 0) {
        assert(time >= _now, "scheduled in the past: \(time) < \(_now)")
        let event = Event(time: time, sequence: nextSequence, kind: kind, target: target, token: token)
        nextSequence &+= 1
        if firstIsHandled {
            firstIsHandled = false
            queue.replaceFirst(with: event)
        } else {
            queue.insert(event)
        }
    }

    @inlinable
    public mutating func schedule(after delay: Double, kind: UInt32, target: UInt32 = 0, token: Int64 = 0) {
        schedule(at: _now + delay, kind: kind, target: target, token: token)
    }

    /// Handles events in (time, sequence) order until the next one is later than `end` (or
    /// none is left). The clock ends at `end`, so time averages cover the whole run.
    @inlinable
    public mutating func run<Model: SimulationModel>(_ model: inout Model, until end: Double) {
        while let event = queue.first, event.time <= end { handleFirst(event, &model) }
        if end > now { _now = end }
    }

    /// Handles a single event, if any is due by `end`; for tests that step through a run.
    public mutating func step<Model: SimulationModel>(_ model: inout Model, until end: Double = .infinity) -> Bool {
        guard let event = queue.first, event.time <= end else { return false }
        handleFirst(event, &model)
        return true
    }

    /// Handles `event`, the queue's first, holding it there until the handler schedules its
    /// replacement (`firstIsHandled`); removed afterwards if the handler scheduled nothing.
    @inlinable @inline(__always)
    mutating func handleFirst<Model: SimulationModel>(_ event: Event, _ model: inout Model) {
        _now = event.time
        _handledEvents &+= 1
        firstIsHandled = true
        model.handle(event, in: &self)
        if firstIsHandled {
            firstIsHandled = false
            _ = queue.removeFirst()
        }
    }
}
