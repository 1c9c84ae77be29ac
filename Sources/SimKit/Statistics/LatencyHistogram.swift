import Histogram

// MARK: - LatencyHistogram

/// Latency percentiles in constant memory, from an HdrHistogram.
///
/// Seconds are recorded as whole microseconds in [1 µs, 10¹⁰ µs] (about 2.8 hours). With the
/// default 2 significant digits every recorded value is kept to within 1% (the histogram's
/// sub-buckets are at most 1/128 of their value wide), and the counts array is ~28 KB whatever
/// the number of observations, small enough to keep one per metric per replication.
///
/// Values outside the range are clamped to its ends and counted in `clampedCount`, so a
/// report can say how many latencies it could not resolve instead of dropping them.
/// `NaN` is not recorded at all and is counted in `invalidCount`.
public struct LatencyHistogram: Sendable, Equatable {
    /// Smallest recordable latency, in microseconds.
    public static let lowestMicroseconds: UInt64 = 1
    /// Largest recordable latency, in microseconds (10¹⁰ µs ≈ 2.8 h).
    public static let highestMicroseconds: UInt64 = 10_000_000_000

    @usableFromInline var histogram: Histogram<UInt64>
    @usableFromInline var _clampedCount: Int = 0
    @usableFromInline var _invalidCount: Int = 0

    /// - Parameter significantDigits: 0 to 5; each extra digit costs ~10× the memory.
    public init(significantDigits: Int = 2) {
        guard let digits = SignificantDigits(rawValue: Int8(clamping: significantDigits)) else {
            preconditionFailure("LatencyHistogram: significantDigits \(significantDigits) is not in 0...5")
        }
        // A fixed range rather than auto-resize: the footprint is then known up front and
        // two histograms always have the same layout, so `merge` can never trap or grow.
        histogram = Histogram(
            lowestDiscernibleValue: Self.lowestMicroseconds,
            highestTrackableValue: Self.highestMicroseconds,
            numberOfSignificantValueDigits: digits
        )
    }

    // MARK: - Recording

    /// Records one latency in seconds: O(1), no allocation.
    @inlinable
    public mutating func record(seconds: Double) {
        let micros = (seconds * 1_000_000).rounded()
        // Compare in Double before converting: UInt64(_) traps on negatives and huge values.
        if micros >= 1 && micros <= 10_000_000_000 {
            histogram.record(UInt64(micros))
        } else if micros.isNaN {
            _invalidCount &+= 1
        } else {
            _clampedCount &+= 1
            histogram.record(micros < 1 ? Self.lowestMicroseconds : Self.highestMicroseconds)
        }
    }

    /// Adds every observation of `other` (same `significantDigits` required).
    public mutating func merge(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
        _clampedCount += other._clampedCount
        _invalidCount += other._invalidCount
    }

    // MARK: - Results

    /// The latency, in seconds, at quantile `q` in [0, 1] (clamped there); `NaN` when empty.
    ///
    /// The bucket holding the quantile is found by HdrHistogram, which reports the bucket's
    /// *highest* value; this returns the bucket's midpoint instead (kept within the recorded
    /// minimum and maximum), so the estimate is unbiased and within half a bucket (≤ 0.4%
    /// at 2 digits) rather than up to a whole bucket high. Replication means of quantiles,
    /// and comparisons with exact sample quantiles from other tools, then carry no skew.
    /// `quantile(0)` is the exact minimum and `quantile(1)` the exact maximum recorded.
    public func quantile(_ q: Double) -> Double {
        guard histogram.totalCount > 0, !q.isNaN else { return .nan }
        let percentile = Swift.min(Swift.max(q, 0), 1) * 100
        let highest = histogram.valueAtPercentile(percentile)
        let lowest = histogram.min
        let largest = histogram.maxRecorded
        // valueAtPercentile already returns the exact extremes at 0 and 100.
        if highest <= lowest || highest >= largest { return Double(highest) / 1_000_000 }
        let middle = Swift.min(Swift.max(histogram.medianEquivalentForValue(highest), lowest), largest)
        return Double(middle) / 1_000_000
    }

    /// The mean of the recorded (rounded, clamped) values in seconds; `NaN` when empty.
    /// Prefer a `Tally` for an exact mean; this one is within the histogram's precision.
    public var mean: Double {
        histogram.totalCount > 0 ? histogram.mean / 1_000_000 : .nan
    }

    /// Number of recorded values, clamped ones included.
    public var count: Int { Int(histogram.totalCount) }

    /// Number of values that fell outside [1 µs, 10¹⁰ µs] and were recorded at the nearer end.
    public var clampedCount: Int { _clampedCount }

    /// Number of `NaN` values seen (not recorded).
    public var invalidCount: Int { _invalidCount }

    /// Estimated memory held, in bytes: fixed at construction.
    public var footprintBytes: Int { histogram.estimatedFootprintInBytes }
}
