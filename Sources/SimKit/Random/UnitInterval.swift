// MARK: - Open unit interval

/// Turns 64 random bits into a uniform number in the OPEN interval (0, 1).
///
/// The top 52 bits `k` become `(k + 0.5) · 2^-52`: the midpoints of 2^52 equal cells. Every
/// step is exact in binary64 (k + 0.5 needs 53 significant bits), so
/// - the smallest value is 2^-53 and the largest 1 − 2^-53: never 0 nor 1, so `log(u)`,
///   `log(1 − u)` and `1/u` are always finite;
/// - the grid is symmetric: `1 − u` is exact and is itself a grid value, so inversion can use
///   either tail without rounding.
///
/// Why not 53 bits, `((bits >> 11) + 0.5) · 2^-53`? For k ≥ 2^52 the sum k + 0.5 needs 54
/// significant bits and rounds (ties to even); at k = 2^53 − 1 it rounds up to 2^53 and the
/// "open" interval returns exactly 1.0 (`UnitIntervalTests` shows it). Losing one bit of
/// resolution (cells of 2.2e-16 instead of 1.1e-16) matters to no simulation.
@usableFromInline
internal enum UnitInterval {
    @inlinable
    static func open(_ bits: UInt64) -> Double {
        (Double(bits &>> 12) + 0.5) * 0x1p-52
    }
}
