// MARK: - Tally

/// Welford's online mean and variance, with minimum, maximum and sum.
///
/// Constant memory whatever the number of observations. Welford's update keeps the
/// running sum of squared deviations from the *current* mean, so it stays accurate when
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
    @usableFromInline var _count: Int = 0
    @usableFromInline var _mean: Double = 0
    /// Sum of squared deviations from the running mean (Welford's M2).
    @usableFromInline var _m2: Double = 0
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
        _count &+= 1
        let delta = x - _mean
        _mean += delta / Double(_count)
        // Uses the deviation from both the old and the new mean: this is what keeps M2 exact
        // up to rounding (Welford 1962).
        _m2 += delta * (x - _mean)
        _sum += x
        if x < _min { _min = x }
        if x > _max { _max = x }
    }

    /// Combines `other` into `self`, as if every observation of `other` had been added here.
    public mutating func merge(_ other: Tally) {
        guard other._count > 0 else { return }
        guard _count > 0 else {
            self = other
            return
        }
        let n = Double(_count + other._count)
        let na = Double(_count)
        let nb = Double(other._count)
        let delta = other._mean - _mean
        // Chan et al.'s pairwise combination: weights the shift of the mean by both sizes.
        _mean += delta * (nb / n)
        _m2 += other._m2 + delta * delta * (na * nb / n)
        _count += other._count
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

    public var count: Int { _count }

    /// The arithmetic mean; `NaN` when empty.
    public var mean: Double { _count > 0 ? _mean : .nan }

    /// The sample variance (divisor n − 1); 0 when fewer than two observations.
    public var variance: Double { _count > 1 ? Swift.max(0, _m2 / Double(_count - 1)) : 0 }

    /// Σ (x − mean)², Welford's M2: the numerator of the variance, needed as such by MSER.
    public var sumOfSquaredDeviations: Double { _m2 }

    /// The sample standard deviation (square root of `variance`).
    public var standardDeviation: Double { variance.squareRoot() }

    /// The smallest observation; `NaN` when empty.
    public var min: Double { _count > 0 ? _min : .nan }

    /// The largest observation; `NaN` when empty.
    public var max: Double { _count > 0 ? _max : .nan }

    /// The sum of the observations (0 when empty).
    public var sum: Double { _sum }
}
