// MARK: - Named random streams

/// The random streams of one replication: every source of randomness in a model asks for its
/// own stream by name ("arrivals.upload", "service.web", …).
///
/// A stream depends only on (seed, replication, name[, index]): not on which other streams
/// exist, nor on the order they are asked for. So adding a component to a design does not shift
/// the samples of any other component, and two designs run with the same seed see the same
/// arrivals: common random numbers, which make the comparison of designs far sharper than
/// independent runs would.
///
/// The derivation, exactly (`mix` is `SplitMix64.mix`, γ is `SplitMix64.golden`, `&+`/`&*` wrap
/// modulo 2^64, `^` is xor, and an `Int` is taken as its two's-complement bit pattern):
///
///     base               = mix(mix(seed &+ γ) ^ (replication &* γ))
///     key(name)          = mix(base ^ fnv1a64(name.utf8))
///     key(name, index)   = mix(key(name) ^ ((index &+ 1) &* γ))
///     stream             = Xoshiro256StarStar(seed: key)
///
/// `mix(seed &+ γ)` is the first output of `SplitMix64(seed: seed)`. Each step is a bijection
/// of its running key for a fixed other input, so different replications (or names with
/// different hashes, or indices) of one seed never share a key; across the remaining inputs a
/// collision has probability about 2^-64.
public struct RandomStreams: Sendable, Hashable {
    public let seed: UInt64
    public let replication: Int
    /// `base` above: everything that does not depend on the stream's name, computed once.
    @usableFromInline internal let base: UInt64

    public init(seed: UInt64, replication: Int) {
        self.seed = seed
        self.replication = replication
        let replicationWord = UInt64(truncatingIfNeeded: replication)
        base = SplitMix64.mix(SplitMix64.mix(seed &+ SplitMix64.golden) ^ (replicationWord &* SplitMix64.golden))
    }

    /// The stream called `name`. Names are compared as UTF-8 bytes (no Unicode normalisation).
    public func stream(_ name: String) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: key(name))
    }

    /// Stream number `index` of the family `name`: one per server, per partition, per workload
    /// attribute, … Independent of `stream(name)` and of the family's other members.
    public func stream(_ name: String, index: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: key(name, index: index))
    }
}

// MARK: - Keys

extension RandomStreams {
    /// The 64-bit seed of `stream(name)` (see the type's documentation).
    public func key(_ name: String) -> UInt64 {
        SplitMix64.mix(base ^ Self.fnv1a64(name))
    }

    /// The 64-bit seed of `stream(name, index:)`. `index + 1`, so that index 0 still moves the key.
    public func key(_ name: String, index: Int) -> UInt64 {
        let indexWord = UInt64(truncatingIfNeeded: index) &+ 1
        return SplitMix64.mix(key(name) ^ (indexWord &* SplitMix64.golden))
    }

    /// FNV-1a, 64-bit (Fowler, Noll, Vo), of the UTF-8 bytes of `text`. Chosen because it is
    /// stable across platforms, processes and Swift versions, unlike `Hasher`, which is seeded
    /// per process; its weak avalanche is repaired by the `mix` that follows it.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
