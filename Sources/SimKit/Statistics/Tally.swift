// MARK: - Tally

/// Online mean and variance with Welford's accuracy, with minimum, maximum and sum.
///
/// Constant memory whatever the number of observations. Like Welford's update it keeps
/// squared deviations from a *current* mean (see the stored properties), so it stays accurate when
/// the values sit far from zero (latencies stamped with absolute times, byte counts),
/// where the naive `Σx² − n·x̄²` formula cancels catastrophically.
///
/// Tallies are mergeable (Chan, Golub & LeVeque 1979), so per-segment or per-thread
/// tallies combine into the tally of the whole.
///
/// An empty tally reports `NaN` for `mean`, `min` and `max` (there is no value to report,
/// and a zero would read as a real measurement); `variance` is 0 below two observations.
/// A `NaN` observation propagates into `mean` and `variance` on purpose: it is a bug
/// upstream, and hiding it would make the report lie.
public struct Tally: Sendable, Equatable {
    // The observations are kept as two parts: the settled ones (count, mean and Welford's M2)
    // and an open block of up to `blockSize` more, as sums of their deviations from a shift
    // (the previous block's mean; the first value at the start). A full block is
    // merged into the settled part by Chan's formula. This is Welford's accuracy — the
    // deviations are from a current mean, not from zero — without Welford's division per
    // observation, which sits on the dependency chain of every `add` and was the costliest
    // instruction of the engine's hot path (perf, M/M/1 benchmark).
    @usableFromInline static var blockSize: Int { 32 }
    @usableFromInline var _count: Int = 0
    @usableFromInline var _mean: Double = 0
    /// Sum of squared deviations of the settled observations from their mean (Welford's M2).
    @usableFromInline var _m2: Double = 0
    @usableFromInline var _blockCount: Int = 0
    @usableFromInline var _shift: Double = 0
    /// Σ (x − shift) and Σ (x − shift)² over the open block.
    @usableFromInline var _s1: Double = 0
    @usableFromInline var _s2: Double = 0
    @usableFromInline var _sum: Double = 0
    @usableFromInline var _min: Double = .infinity
    @usableFromInline var _max: Double = -.infinity

    public init() {}

    /// A tally of every element of `values`.
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for x in values { add(x) }
    }

    // MARK: - Recording

    /// Records one observation: O(1) time, no allocation.
    @inlinable @inline(__always)
    public mutating func add(_ x: Double) {
        if _count == 0 && _blockCount == 0 { _shift = x }
        let deviation = x - _shift
        _s1 += deviation
        _s2 += deviation * deviation
        _blockCount &+= 1
        _sum += x
        if x < _min { _min = x }
        if x > _max { _max = x }
        if _blockCount == Self.blockSize { settleBlock() }
    }

    /// The settled part and the open block together: (count, mean, M2).
    @usableFromInline
    var settled: (count: Int, mean: Double, m2: Double) {
        guard _blockCount > 0 else { return (_count, _mean, _m2) }
        let b = Double(_blockCount)
        let blockMean = _shift + _s1 / b
        // Σ(x − shift)² − (Σ(x − shift))²/b: small cancellation, as the shift is near the mean.
        let blockM2 = Swift.max(0, _s2 - _s1 * _s1 / b)
        return Self.chan((_count, _mean, _m2), (_blockCount, blockMean, blockM2))
    }

    /// Chan, Golub & LeVeque's pairwise combination of two (count, mean, M2).
    @usableFromInline
    static func chan(_ a: (count: Int, mean: Double, m2: Double), _ b: (count: Int, mean: Double, m2: Double))
        -> (count: Int, mean: Double, m2: Double)
    {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        let n = Double(a.count + b.count)
        let na = Double(a.count)
        let nb = Double(b.count)
        let delta = b.mean - a.mean
        // Weights the shift of the mean by both sizes.
        return (a.count + b.count, a.mean + delta * (nb / n), a.m2 + b.m2 + delta * delta * (na * nb / n))
    }

    @usableFromInline
    mutating func settleBlock() {
        let blockMean = _shift + _s1 / Double(_blockCount)
        (_count, _mean, _m2) = settled
        // The next block's deviations are taken from this block's mean, not the mean of all:
        // after a trend or an early outlier it is the nearer of the two.
        openBlock(shift: blockMean)
    }

    /// Empties the open block; its deviations will be taken from `shift`.
    @usableFromInline
    mutating func openBlock(shift: Double) {
        _blockCount = 0
        _s1 = 0
        _s2 = 0
        _shift = shift
    }

    /// Combines `other` into `self`, as if every observation of `other` had been added here.
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        (_count, _mean, _m2) = Self.chan(settled, other.settled)
        openBlock(shift: _mean)
        _sum += other._sum
        _min = Swift.min(_min, other._min)
        _max = Swift.max(_max, other._max)
    }

    /// Returns the tally of `self` and `other` together.
    public func merged(with other: Tally) -> Tally {
        var result = self
        result.merge(other)
        return result
    }

    // MARK: - Results

    public var count: Int { _count + _blockCount }

    /// The arithmetic mean; `NaN` when empty.
    public var mean: Double { count > 0 ? settled.mean : .nan }

    /// The sample variance (divisor n − 1); 0 when fewer than two observations.
    public var variance: Double { count > 1 ? Swift.max(0, settled.m2 / Double(count - 1)) : 0 }

    /// Σ (x − mean)², Welford's M2: the numerator of the variance, needed as such by MSER.
    public var sumOfSquaredDeviations: Double { settled.m2 }

    /// The sample standard deviation (square root of `variance`).
    public var standardDeviation: Double { variance.squareRoot() }

    /// The smallest observation; `NaN` when empty.
    public var min: Double { count > 0 ? _min : .nan }

    /// The largest observation; `NaN` when empty.
    public var max: Double { count > 0 ? _max : .nan }

    /// The sum of the observations (0 when empty).
    public var sum: Double { _sum }
}
