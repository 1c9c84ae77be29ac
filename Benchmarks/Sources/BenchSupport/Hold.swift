import SimKit

// MARK: - The hold model

/// The classic "hold" benchmark of a pending-event set (Jones, CACM 1986): the queue holds
/// `pending` events; one hold operation removes the earliest and inserts one at its time plus
/// an exponential delay (mean 1), so the size stays constant and the queue sees the same
/// time distribution as a simulation's.
///
/// Every operation also draws one exponential variate (a `log`), the same for every queue;
/// `HoldBaseline` measures that part alone.
public struct Hold<Queue: EventQueue> {
    @usableFromInline var queue = Queue()
    @usableFromInline var generator: Xoshiro256StarStar
    @usableFromInline let delay = Variate.exponential(mean: 1)
    @usableFromInline var sequence: UInt64 = 0
    @usableFromInline var now: Double = 0

    /// Fills the queue with `pending` events, then runs `warmUp` holds (default: `pending`,
    /// at least 10 000) so the times in it have the distribution the hold model converges to.
    public init(pending: Int, warmUp: Int? = nil, seed: UInt64 = 1) {
        precondition(pending >= 1)
        generator = RandomStreams(seed: seed, replication: 0).stream("hold")
        for _ in 0..<pending {
            queue.insert(Event(time: delay.sample(&generator), sequence: sequence, kind: 0, target: 0, token: 0))
            sequence &+= 1
        }
        _ = run(operations: warmUp ?? max(pending, 10_000))
    }

    public var pending: Int { queue.count }

    /// Runs `operations` holds; returns the clock (so the work cannot be optimised away).
    @inlinable @discardableResult
    public mutating func run(operations: Int) -> Double {
        for _ in 0..<operations {
            let earliest = queue.removeFirst().unsafelyUnwrapped
            now = earliest.time
            queue.insert(
                Event(time: now + delay.sample(&generator), sequence: sequence, kind: 0, target: 0, token: 0))
            sequence &+= 1
        }
        return now
    }
}

/// The hold loop without a queue: only the variate and the event value, to subtract.
public struct HoldBaseline {
    @usableFromInline var generator = RandomStreams(seed: 1, replication: 0).stream("hold")
    @usableFromInline let delay = Variate.exponential(mean: 1)
    @usableFromInline var now: Double = 0

    public init() {}

    @inlinable @discardableResult
    public mutating func run(operations: Int) -> Double {
        for _ in 0..<operations {
            now += delay.sample(&generator) * 1e-9
        }
        return now
    }
}

// MARK: - Running it from a command line

/// The queue designs compared.
public enum QueueDesign: String, CaseIterable, Sendable {
    /// SimKit's `QuaternaryHeap`, what `Simulation` uses.
    case quaternary
    /// SimKit's `CollectionsHeapQueue`: swift-collections' `Heap` (a binary min-max heap).
    case collections
}

/// Nanoseconds per hold operation of `design` with `pending` events, over `operations` holds.
public func measureHold(_ design: QueueDesign, pending: Int, warmUp: Int? = nil, operations: Int)
    -> (nanoseconds: Double, check: Double)
{
    switch design {
    case .quaternary:
        var hold = Hold<QuaternaryHeap>(pending: pending, warmUp: warmUp)
        let (seconds, check) = time { hold.run(operations: operations) }
        return (seconds * 1e9 / Double(operations), check)
    case .collections:
        var hold = Hold<CollectionsHeapQueue>(pending: pending, warmUp: warmUp)
        let (seconds, check) = time { hold.run(operations: operations) }
        return (seconds * 1e9 / Double(operations), check)
    }
}

public func measureHoldBaseline(operations: Int) -> (nanoseconds: Double, check: Double) {
    var baseline = HoldBaseline()
    let (seconds, check) = time { baseline.run(operations: operations) }
    return (seconds * 1e9 / Double(operations), check)
}

// MARK: - Timing

/// Wall-clock seconds of `body` on the monotonic clock, with its result.
@inlinable
public func time<Result>(_ body: () -> Result) -> (seconds: Double, result: Result) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = body()
    let elapsed = clock.now - start
    let (seconds, attoseconds) = elapsed.components
    return (Double(seconds) + Double(attoseconds) * 1e-18, result)
}
