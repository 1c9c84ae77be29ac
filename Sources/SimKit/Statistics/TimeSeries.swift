// MARK: - TimeSeries

/// Fixed-width buckets over simulated time `[0, duration]`, for per-minute (or per-second)
/// series in reports: per bucket an event count, a sum and mean of observations, and the
/// time-weighted mean of a piecewise-constant level.
///
/// Memory is set by `duration / bucketWidth`, never by the number of events: the buckets are
/// allocated once in `init`, and the bucket is widened (doubled) until there are at most
/// `maximumBuckets` of them.
///
/// Bucket `i` covers `[i·w, (i+1)·w)`; the last one also takes `t == duration`. Events at
/// times outside `[0, duration]` are not recorded and are counted in `outOfRangeCount`.
public struct TimeSeries: Sendable, Equatable {
    /// Width of a bucket in seconds of simulated time (maybe wider than asked, see `init`).
    public let bucketWidth: Double
    /// The time span covered, from 0.
    public let duration: Double

    @usableFromInline var _counts: [Double]
    @usableFromInline var _sums: [Double]
    @usableFromInline var _observations: [Int]
    /// Per bucket, the area under the level accumulated up to `levelTime`.
    @usableFromInline var _areas: [Double]
    @usableFromInline var _level: Double = 0
    @usableFromInline var _levelTime: Double = 0
    @usableFromInline var _outOfRangeCount: Int = 0

    /// - Parameters:
    ///   - bucketWidth: requested width, > 0.
    ///   - duration: the simulated span, > 0.
    ///   - maximumBuckets: cap on the bucket count; the width doubles until it fits, so a
    ///     long run asked for per-second buckets still gets a bounded series.
    public init(bucketWidth: Double, duration: Double, maximumBuckets: Int = 100_000) {
        precondition(bucketWidth > 0 && bucketWidth.isFinite, "TimeSeries: bucketWidth must be positive")
        precondition(duration > 0 && duration.isFinite, "TimeSeries: duration must be positive")
        precondition(maximumBuckets >= 1, "TimeSeries: maximumBuckets must be at least 1")
        let width = Self.width(bucketWidth, duration: duration, maximumBuckets: maximumBuckets)
        let n = Swift.max(1, Int((duration / width).rounded(.up)))
        self.bucketWidth = width
        self.duration = duration
        _counts = Array(repeating: 0, count: n)
        _sums = Array(repeating: 0, count: n)
        _observations = Array(repeating: 0, count: n)
        _areas = Array(repeating: 0, count: n)
    }

    /// The width a series over `duration` asked for `bucketWidth` gets: doubled until there are
    /// at most `maximumBuckets` buckets. Other per-bucket records use it to line up with a series.
    public static func width(_ bucketWidth: Double, duration: Double, maximumBuckets: Int = 100_000) -> Double {
        var width = bucketWidth
        while (duration / width).rounded(.up) > Double(maximumBuckets) {
            width *= 2
        }
        return width
    }

    // MARK: - Recording

    /// The bucket holding `time`, or nil outside `[0, duration]`.
    @inlinable
    func bucket(at time: Double) -> Int? {
        // NaN fails both comparisons, so it lands outside too.
        guard time >= 0, time <= duration else { return nil }
        // Division, not multiplication by a reciprocal: exact at bucket boundaries.
        return Swift.min(Int(time / bucketWidth), _counts.count - 1)
    }

    /// Adds `amount` events at `time` (throughput series).
    @inlinable
    public mutating func count(at time: Double, _ amount: Double = 1) {
        guard let i = bucket(at: time) else {
            _outOfRangeCount &+= 1
            return
        }
        _counts[i] += amount
    }

    /// Records an observation (say a latency) at `time`, for the per-bucket mean.
    @inlinable
    public mutating func observe(_ value: Double, at time: Double) {
        guard let i = bucket(at: time) else {
            _outOfRangeCount &+= 1
            return
        }
        _sums[i] += value
        _observations[i] &+= 1
    }

    /// The level (a queue length, the busy servers) becomes `value` at `time`; it was 0
    /// from time 0 until the first update. Time never decreases (checked in debug only).
    /// Costs O(1 + buckets crossed since the last update).
    @inlinable
    public mutating func update(to value: Double, at time: Double) {
        assert(time >= _levelTime, "TimeSeries: level time went backwards (\(time) < \(_levelTime))")
        Self.accumulate(
            &_areas, level: _level, from: _levelTime, to: time, width: bucketWidth, duration: duration)
        _level = value
        _levelTime = time
    }

    /// Adds `level · (overlap of [from, to] with each bucket)` to the buckets' areas.
    @usableFromInline
    static func accumulate(
        _ areas: inout [Double], level: Double, from start: Double, to end: Double,
        width: Double, duration: Double
    ) {
        var t = Swift.max(start, 0)
        let stop = Swift.min(end, duration)
        guard t < stop else { return }
        var i = Swift.min(Int(t / width), areas.count - 1)
        while t < stop {
            // The last bucket runs to `duration` even when that is not a multiple of the width.
            let bucketEnd = i == areas.count - 1 ? stop : Swift.min(stop, Double(i + 1) * width)
            areas[i] += level * (bucketEnd - t)
            t = bucketEnd
            i += 1
        }
    }

    // MARK: - Results

    /// Events counted per bucket.
    public var counts: [Double] { _counts }

    /// Sum of the observations per bucket.
    public var sums: [Double] { _sums }

    /// Number of observations per bucket.
    public var observationCounts: [Int] { _observations }

    /// Mean of the observations per bucket; `NaN` where a bucket has none.
    public var means: [Double] {
        var result = [Double](repeating: .nan, count: _sums.count)
        for i in result.indices where _observations[i] > 0 {
            result[i] = _sums[i] / Double(_observations[i])
        }
        return result
    }

    /// Events per second per bucket (`counts` divided by the bucket's length).
    public var rates: [Double] {
        var result = _counts
        for i in result.indices {
            result[i] /= bucketLength(i)
        }
        return result
    }

    /// Time-weighted mean of the level per bucket, the level being held until `time`;
    /// `NaN` for buckets that start at or after `time`. A bucket cut by `time` is averaged
    /// over its covered part only.
    public func timeAverages(until time: Double) -> [Double] {
        var areas = _areas
        Self.accumulate(
            &areas, level: _level, from: _levelTime, to: time, width: bucketWidth, duration: duration)
        let end = Swift.min(time, duration)
        var result = [Double](repeating: .nan, count: areas.count)
        for i in areas.indices {
            let start = Double(i) * bucketWidth
            let covered = Swift.min(end, start + bucketLength(i)) - start
            if covered > 0 { result[i] = areas[i] / covered }
        }
        return result
    }

    /// Number of buckets.
    public var bucketCount: Int { _counts.count }

    /// Start time of bucket `i`.
    public func bucketStart(_ i: Int) -> Double { Double(i) * bucketWidth }

    /// Length of bucket `i`: the width, except a last bucket cut short by `duration`.
    public func bucketLength(_ i: Int) -> Double {
        Swift.min(bucketWidth, duration - Double(i) * bucketWidth)
    }

    /// Number of `count`/`observe` calls whose time fell outside `[0, duration]`.
    public var outOfRangeCount: Int { _outOfRangeCount }

    /// Estimated memory held, in bytes: fixed at construction.
    public var footprintBytes: Int {
        MemoryLayout<Self>.size
            + (_counts.capacity + _sums.capacity + _areas.capacity) * MemoryLayout<Double>.stride
            + _observations.capacity * MemoryLayout<Int>.stride
    }
}
