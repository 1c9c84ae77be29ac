#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Gamma sampling

/// Marsaglia & Tsang, "A simple method for generating gamma variables" (ACM TOMS 26(3), 2000).
///
/// The gamma is the one distribution of the language not sampled by inversion: its inverse CDF
/// has no closed form and a numeric inversion costs ~100× a rejection step. Two consequences:
///
/// - Common random numbers are weaker for gamma: a design change does not move a gamma sample
///   monotonically with its uniform, so paired comparisons gain less variance reduction.
/// - Streams still stay in step: each sample consumes exactly ONE word of the caller's stream and
///   runs its rejection loop (a variable number of draws) on a private `SplitMix64` seeded by
///   that word. Whatever the shape and however many rejections, the next sample of the stream
///   sees the same generator state as in any other design.
@usableFromInline
internal enum GammaSampler {
    /// One Gamma(shape, scale) sample from one 64-bit seed. NaN for a shape that is not a positive
    /// finite number (so an invalid parameter cannot spin the rejection loop forever).
    @inlinable
    static func sample(shape: Double, scale: Double, seed: UInt64) -> Double {
        guard shape > 0, shape.isFinite else { return .nan }
        var generator = SplitMix64(seed: seed)
        if shape >= 1 {
            return scale * standard(shape: shape, &generator)
        }
        // Shape < 1 (where the squeeze does not apply): the boost of §6,
        // Gamma(a) = Gamma(a + 1) · U^(1/a). Done in logarithms; it underflows to 0 only where the
        // true value is below the smallest double.
        let boosted = standard(shape: shape + 1, &generator)
        let u = generator.nextUniform()
        return scale * boosted * exp(log(u) / shape)
    }

    /// A Gamma(shape, 1) sample for shape ≥ 1: with d = a − 1/3 and c = 1/√(9d), accept
    /// d·(1 + c·x)³ for a standard normal x, by the cheap squeeze 1 − 0.0331·x⁴ or else the exact
    /// log test. Acceptance is above 95% for every shape, so the loop averages ~1.05 iterations.
    @inlinable
    static func standard(shape: Double, _ generator: inout SplitMix64) -> Double {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = NormalDistribution.quantile(generator.nextUniform())
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextUniform()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
