import Foundation

// MARK: - Test support for the statistics tests

/// A tiny seeded SplitMix64 (Steele, Lea & Flood 2014), private to the statistics tests so
/// their data do not depend on the engine's random streams.
struct StatisticsTestRNG {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe to take the log of.
    mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Exponential with the given mean, by inversion.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(uniformPositive())
    }

    /// Standard normal, by Box–Muller (one of the pair is enough here).
    mutating func normal() -> Double {
        let u1 = uniformPositive()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// |a − b| ≤ tolerance · |b| (with b = 0, |a| ≤ tolerance).
func statisticsRelativelyClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * Swift.max(abs(b), b == 0 ? 1 : 0)
}
