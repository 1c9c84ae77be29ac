// MARK: - SplitMix64

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014), in the form of Vigna's reference `splitmix64.c`.
///
/// It is not the simulator's main generator: it seeds `Xoshiro256StarStar` (whose state must
/// not be all zero and should not be a low-entropy seed written by a person), mixes the keys of
/// named streams (`RandomStreams`), and drives the short rejection loops of gamma sampling.
/// Its 64-bit state walks a Weyl sequence, and `mix` is a bijection, so from any seed the
/// first 2^64 outputs are all distinct.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The Weyl-sequence position; the next output is `mix(state + golden)`.
    @usableFromInline internal var state: UInt64

    /// Any seed is fine, including 0.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.golden
        return SplitMix64.mix(state)
    }

    /// Uniform in the open interval (0, 1), with the same conversion as
    /// `Xoshiro256StarStar.nextUniform()`.
    @inlinable
    public mutating func nextUniform() -> Double {
        UnitInterval.open(next())
    }
}

// MARK: - Constants and the mixing function

extension SplitMix64 {
    /// 2^64 / φ, the Weyl increment: odd, so the state visits all 2^64 values.
    /// (A computed property rather than a `static let`, so no lazy-global access survives inlining.)
    @inlinable
    public static var golden: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// The SplitMix64 output function (Stafford's "Mix13" variant of the MurmurHash3 finalizer):
    /// a bijection on 64-bit words in which every input bit affects every output bit.
    /// `RandomStreams` uses it to hash keys; `mix(seed &+ golden)` is the first output of
    /// `SplitMix64(seed: seed)`.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}
