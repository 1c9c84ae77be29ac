// MARK: - xoshiro256**

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 2021; reference code `xoshiro256starstar.c`, 2018): the simulator's generator.
///
/// 256 bits of state, period 2^256 − 1, passes BigCrush and PractRand, and `next()` is a
/// handful of shifts, xors and two multiplies: about a nanosecond, with no allocation. The
/// state is four stored words rather than an array or a tuple so that it lives in registers.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline internal var s0: UInt64
    @usableFromInline internal var s1: UInt64
    @usableFromInline internal var s2: UInt64
    @usableFromInline internal var s3: UInt64

    /// The state is the first four outputs of `SplitMix64(seed: seed)`, as the authors
    /// recommend. It is never all zero (the only state the generator cannot leave): `mix` is a
    /// bijection and the four SplitMix64 states differ, so at most one of the four words is 0.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// A generator in exactly this state (reference vectors, tests). Precondition: not all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** cannot start from the all-zero state")
        (s0, s1, s2, s3) = state
    }

    /// The current state, in the order of the reference code's `s[0]…s[3]`.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }
}

// MARK: - Drawing

extension Xoshiro256StarStar {
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// Uniform in the OPEN interval (0, 1), so `log(u)`, `log(1 − u)` and `1/u` are always
    /// finite. Uses the top 52 bits: `((next() >> 12) + 0.5) · 2^-52`; see `UnitInterval` for why
    /// not 53 (that formula can round to exactly 1.0).
    @inlinable @inline(__always)
    public mutating func nextUniform() -> Double {
        UnitInterval.open(next())
    }

    @inlinable
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x &<< k) | (x &>> (64 &- k))
    }
}

// MARK: - Jump

extension Xoshiro256StarStar {
    /// Advances the state by 2^128 steps (the reference `jump()`): 2^128 non-overlapping
    /// subsequences. The simulator does not need it, since named streams are seeded by hashing,
    /// but it is here for completeness and for tests of the state transition.
    public mutating func jump() {
        // The jump polynomial of the reference code, lowest word first.
        let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
        var jumped: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<64 as Range<UInt64> {
                if word & (1 &<< bit) != 0 {
                    jumped.0 ^= s0
                    jumped.1 ^= s1
                    jumped.2 ^= s2
                    jumped.3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = jumped
    }
}
