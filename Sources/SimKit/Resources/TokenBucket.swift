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

    @usableFromInline
    mutating func refill(at time: Double) {
        if time > last {
            _tokens = min(burst, _tokens + (time - last) * rate)
            last = time
        }
    }
}
