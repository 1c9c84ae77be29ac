// MARK: - Empirical samples

/// Measured values (durations, sizes, …) to resample from, kept sorted.
///
/// The distribution drawn is the piecewise-linear interpolation of the order statistics
/// x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎: F(x₍ᵢ₎) = i/(n−1), linear in between. That is a mixture of n−1 uniforms
/// on [x₍ᵢ₎, x₍ᵢ₊₁₎], each of weight 1/(n−1); a repeated value makes a zero-width piece, i.e. an
/// atom of mass 1/(n−1). It is continuous where the data are, inverts in O(1) (no search while
/// sampling), and never leaves [min, max].
public struct EmpiricalSamples: Sendable {
    /// The values in ascending order.
    public let sorted: [Double]
    /// The exact mean of the interpolated distribution, computed once.
    public let mean: Double
    /// The exact variance of the interpolated distribution, computed once (two passes, so large
    /// values with a small spread keep their precision).
    public let variance: Double

    /// Throws if `values` is empty or holds a value that is not finite or is negative.
    public init(_ values: [Double]) throws(EmpiricalSamplesError) {
        guard !values.isEmpty else { throw .empty }
        for (index, value) in values.enumerated() {
            guard value.isFinite else { throw .notFinite(index: index, value: value) }
            guard value >= 0 else { throw .negative(index: index, value: value) }
        }
        let sorted = values.sorted()
        self.sorted = sorted
        (mean, variance) = Self.moments(sorted)
    }
}

// MARK: - Errors

public enum EmpiricalSamplesError: Error, Sendable, Hashable {
    case empty
    case notFinite(index: Int, value: Double)
    case negative(index: Int, value: Double)
}

// MARK: - Equality

// Two sample sets are the same distribution when their sorted values are; the moments follow.
extension EmpiricalSamples: Hashable {
    public static func == (lhs: EmpiricalSamples, rhs: EmpiricalSamples) -> Bool {
        lhs.sorted == rhs.sorted
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sorted)
    }
}

// MARK: - Inversion

extension EmpiricalSamples {
    /// F⁻¹(u): position u·(n−1) along the order statistics, interpolated linearly. Increasing in u.
    @inlinable
    public func inverse(_ u: Double) -> Double {
        let count = sorted.count
        if count == 1 { return sorted[0] }
        let position = u * Double(count - 1)
        // u < 1, but u·(n−1) may round up to n−1: stay on the last piece.
        let index = min(Int(position), count - 2)
        let fraction = position - Double(index)
        let low = sorted[index]
        return low + fraction * (sorted[index + 1] - low)
    }

    /// F(x): 0 below the smallest value, 1 from the largest on; right-continuous at atoms.
    public func cdf(_ x: Double) -> Double {
        let count = sorted.count
        if x.isNaN { return .nan }
        if x < sorted[0] { return 0 }
        if x >= sorted[count - 1] { return 1 }
        // The last index i with x₍ᵢ₎ ≤ x; then x < x₍ᵢ₊₁₎, so the piece has positive width.
        var low = 0
        var high = count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if sorted[middle] <= x { low = middle } else { high = middle }
        }
        let fraction = (x - sorted[low]) / (sorted[low + 1] - sorted[low])
        return (Double(low) + fraction) / Double(count - 1)
    }

    /// Mean and variance of the mixture of uniforms on consecutive order statistics.
    static func moments(_ sorted: [Double]) -> (mean: Double, variance: Double) {
        guard sorted.count > 1 else { return (sorted[0], 0) }
        let pieces = Double(sorted.count - 1)
        var sum = 0.0
        for i in 0..<(sorted.count - 1) {
            sum += 0.5 * (sorted[i] + sorted[i + 1])
        }
        let mean = sum / pieces
        // E[(X − m)²] over a uniform on [a, b] is (a'² + a'b' + b'²)/3 with a' = a − m, b' = b − m.
        var squares = 0.0
        for i in 0..<(sorted.count - 1) {
            let a = sorted[i] - mean
            let b = sorted[i + 1] - mean
            squares += (a * a + a * b + b * b) / 3
        }
        return (mean, max(0, squares / pieces))
    }
}
