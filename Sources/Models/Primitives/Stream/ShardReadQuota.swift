import SimKit

/// A Kinesis shard's read quota, shared by every consumer of the stream that reads without
/// enhanced fan-out: GetRecords calls per second (5) and bytes per second (2 MB).
///
/// A call may start while a call is left in this second's allowance and the byte allowance
/// is not in debt; the bytes it returns are then charged, possibly into debt. That is how AWS
/// describes it: a call may return up to 10 MB, and one that does makes the shard's next calls
/// within the following 5 seconds fail (ProvisionedThroughputExceeded) — consumers back off
/// and retry, which here is waiting until the allowance allows.
struct ShardReadQuota {
    /// Most bytes one GetRecords call returns (AWS: 10 MB).
    static let maximumCallBytes = 10e6

    /// Allowances of at most one second's worth; the byte bucket goes into debt after a large read.
    var calls: TokenBucket
    var bytes: TokenBucket

    init(callsPerSecond: Double, bytesPerSecond: Double) {
        calls = TokenBucket(rate: callsPerSecond, burst: callsPerSecond)
        bytes = TokenBucket(rate: bytesPerSecond, burst: bytesPerSecond)
    }

    /// Seconds from `now` until a call may start (0: it may start now): a call left, and no
    /// byte debt. A tiny tolerance keeps rounding from scheduling a second wait an instant
    /// after the first.
    mutating func wait(at now: Double) -> Double {
        max(calls.wait(for: 1, at: now, tolerance: 1e-9), bytes.wait(for: 0, at: now, tolerance: 1e-6))
    }

    /// A call that returned `amount` bytes (after `wait` said it may start).
    mutating func charge(bytes amount: Double, at now: Double) {
        calls.charge(1, at: now, floor: 0)
        bytes.charge(amount, at: now)
    }
}
