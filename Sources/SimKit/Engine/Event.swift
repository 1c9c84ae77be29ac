/// One scheduled happening: a small value, so the queue holds them inline with no allocation.
///
/// `kind` says what happens and `target` to whom; both are integers a model assigns (its
/// handler switches on them). `token` carries the model's payload, typically the index of a
/// request or job in the model's own arrays.
@frozen
public struct Event: Sendable, Equatable {
    public var time: Double
    /// Insertion order: breaks ties between same-time events, so a seed reproduces a run exactly.
    public var sequence: UInt64
    public var kind: UInt32
    public var target: UInt32
    public var token: Int64

    @inlinable
    public init(time: Double, sequence: UInt64, kind: UInt32, target: UInt32, token: Int64) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.target = target
        self.token = token
    }

    /// Earlier time first; among equal times, earlier scheduled first.
    @inlinable @inline(__always)
    public func precedes(_ other: Event) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

extension Event: Comparable {
    @inlinable
    public static func < (lhs: Event, rhs: Event) -> Bool { lhs.precedes(rhs) }
}
