/// A token bucket: `rate` tokens per second refill a bucket of `burst`; a request takes
/// tokens if there are enough, else it is refused. API Gateway throttling, S3 per-prefix
/// limits, DynamoDB provisioned capacity (with its 300 s burst) and Kinesis shard quotas are
/// all this shape.
public struct TokenBucket: Sendable, Equatable {
    public let rate: Double
    public let burst: Double
    @usableFromInline var _tokens: Double
    public var tokens: Double { _tokens }
    @usableFromInline var last: Double

    /// Starts full, as AWS's buckets do.
    public init(rate: Double, burst: Double, at time: Double = 0) {
        precondition(rate > 0 && burst > 0)
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self.last = time
    }

    /// Takes `amount` tokens at `time` if the bucket holds them; false (and nothing taken) if not.
    @inlinable
    public mutating func take(_ amount: Double = 1, at time: Double) -> Bool {
        refill(at: time)
        guard _tokens >= amount else { return false }
        _tokens -= amount
        return true
    }

    /// Seconds from `time` until the bucket holds `amount` tokens, to within `tolerance`
    /// (0: it does now). For quotas a client waits on instead of being refused.
    public mutating func wait(for amount: Double, at time: Double, tolerance: Double = 0) -> Double {
        refill(at: time)
        return _tokens >= amount - tolerance ? 0 : (amount - _tokens) / rate
    }

    /// Takes `amount` tokens at `time` whatever the bucket holds, going no lower than `floor`:
    /// below 0 is debt that refills pay back first (a read that returned more than its
    /// allowance delays the next ones).
    public mutating func charge(_ amount: Double, at time: Double, floor: Double = -.infinity) {
        refill(at: time)
        _tokens = max(floor, _tokens - amount)
    }

    @usableFromInline
    mutating func refill(at time: Double) {
        if time > last {
            _tokens = min(burst, _tokens + (time - last) * rate)
            last = time
        }
    }
}
