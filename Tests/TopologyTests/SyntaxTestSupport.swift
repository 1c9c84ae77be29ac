@testable import Topology

// Helpers shared by the *SyntaxTests files. No `import Foundation` in these files: Foundation's
// `Dimension` class would make `Dimension` ambiguous next to `Topology.Dimension`.

extension Result where Failure == SyntaxError {
    /// The value, or nil on failure.
    var syntaxValue: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    /// The error, or nil on success.
    var syntaxError: SyntaxError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Whether `a` and `b` agree to `tolerance`, relative to the larger magnitude.
func syntaxClose(_ a: Double, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// SplitMix64: small, seeded, and the same on every platform, so fuzz failures reproduce.
struct SyntaxRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
