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

    let callRate: Double
    let byteRate: Double
    /// Allowances: at most one second's worth; bytes go negative (debt) after a large read.
    var calls: Double
    var bytes: Double
    var updated: Double = 0

    init(callsPerSecond: Double, bytesPerSecond: Double) {
        callRate = callsPerSecond
        byteRate = bytesPerSecond
        calls = callsPerSecond
        bytes = bytesPerSecond
    }

    mutating func refill(at now: Double) {
        guard now > updated else { return }
        calls = min(callRate, calls + (now - updated) * callRate)
        bytes = min(byteRate, bytes + (now - updated) * byteRate)
        updated = now
    }

    /// Seconds from `now` until a call may start (0: it may start now). A tiny tolerance keeps
    /// rounding from scheduling a second wait an instant after the first.
    mutating func wait(at now: Double) -> Double {
        refill(at: now)
        let callWait = calls >= 1 - 1e-9 ? 0 : (1 - calls) / callRate
        let byteWait = bytes >= -1e-6 ? 0 : -bytes / byteRate
        return max(callWait, byteWait)
    }

    /// A call that returned `amount` bytes (after `wait` said it may start).
    mutating func charge(bytes amount: Double, at now: Double) {
        refill(at: now)
        calls = max(0, calls - 1)
        bytes -= amount
    }
}
