// MARK: - ConfidenceInterval

/// A mean and its Student-t confidence interval over independent replications.
///
/// Replications of a simulation are independent and identically distributed, so their
/// means are (close to) normal and `mean ± t(1−α/2, n−1) · s/√n` covers the true mean with
/// probability `level`.
public struct ConfidenceInterval: Sendable, Equatable {
    public var mean: Double
    public var lower: Double
    public var upper: Double
    /// Half the interval's width (`upper − mean`).
    public var halfWidth: Double
    /// The confidence level the interval was built for (0.95 by default).
    public var level: Double
    /// Number of (non-NaN) values the interval was computed from.
    public var count: Int

    public init(mean: Double, halfWidth: Double, level: Double = 0.95, count: Int) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.lower = mean - halfWidth
        self.upper = mean + halfWidth
        self.level = level
        self.count = count
    }

    /// The interval of the mean of `values` at confidence `level` (in (0, 1)).
    ///
    /// - `NaN` values are ignored: a replication that saw no event of a kind has no mean for it.
    /// - One value: `lower == upper == mean` and `halfWidth == 0`. The width is really
    ///   unknown; callers should show `count` so a reader can tell (it beats an infinite bar).
    /// - No value: every field is `NaN` and `count` is 0.
    public static func of(_ values: [Double], level: Double = 0.95) -> ConfidenceInterval {
        precondition(level > 0 && level < 1, "ConfidenceInterval: level must be in (0, 1)")
        var tally = Tally()
        for x in values where !x.isNaN { tally.add(x) }
        switch tally.count {
        case 0:
            return ConfidenceInterval(mean: .nan, halfWidth: .nan, level: level, count: 0)
        case 1:
            return ConfidenceInterval(mean: tally.mean, halfWidth: 0, level: level, count: 1)
        default:
            let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: tally.count - 1)
            let halfWidth = t * tally.standardDeviation / Double(tally.count).squareRoot()
            return ConfidenceInterval(
                mean: tally.mean, halfWidth: halfWidth, level: level, count: tally.count)
        }
    }

    /// `halfWidth / |mean|`, the usual stopping rule for "enough replications" (e.g. < 5%).
    /// 0 when both are 0; +∞ when only the mean is 0.
    public var relativeHalfWidth: Double {
        if mean == 0 { return halfWidth == 0 ? 0 : .infinity }
        return halfWidth / abs(mean)
    }

    /// Whether `value` lies in `[lower, upper]`.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }
}
