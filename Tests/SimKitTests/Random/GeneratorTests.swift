import Foundation
@testable import SimKit
import Testing

// MARK: - SplitMix64

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("reproduces the reference splitmix64.c outputs for seed 1234567")
    func referenceOutputs() {
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test("seed 0 starts with the reference 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4")
    func seedZero() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("mix(seed + golden) is the first output")
    func mixIsTheOutputFunction() {
        for seed: UInt64 in [0, 1, 42, .max] {
            var generator = SplitMix64(seed: seed)
            #expect(generator.next() == SplitMix64.mix(seed &+ SplitMix64.golden))
        }
    }
}

// MARK: - xoshiro256**

@Suite("Xoshiro256StarStar")
struct Xoshiro256StarStarTests {
    /// From the reference C code run on state {1, 2, 3, 4} (checked by hand for the first: s[1] = 2,
    /// rotl(2·5, 7)·9 = 1280·9 = 11520; the second is 0 because s[1] becomes 0 after one step).
    @Test("reproduces the reference outputs from state {1, 2, 3, 4}")
    func referenceOutputs() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240,
            1_216_172_134_540_287_360, 607_988_272_756_665_600,
        ]
        #expect((0..<6).map { _ in generator.next() } == expected)
    }

    @Test("init(seed:) takes its state from four SplitMix64 outputs")
    func seeding() {
        let generator = Xoshiro256StarStar(seed: 42)
        var seeder = SplitMix64(seed: 42)
        let expected = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
        #expect(generator.state == expected)
        // The values, from the reference splitmix64.c, and then xoshiro256starstar.c from them.
        #expect(generator.state == (
            13_679_457_532_755_275_413, 2_949_826_092_126_892_291,
            5_139_283_748_462_763_858, 6_349_198_060_258_255_764))
        var copy = generator
        #expect([copy.next(), copy.next(), copy.next()] ==
            [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
    }

    @Test("jump() matches the reference jump from state {1, 2, 3, 4}")
    func jump() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        generator.jump()
        #expect(generator.state == (
            10_122_426_448_480_695_249, 8_079_205_330_032_121_950,
            7_289_065_458_748_526_725, 9_477_464_255_293_849_680))
        #expect(generator.next() == 13_534_147_089_533_256_664)
    }

    @Test("jump() commutes with next(), as any power of the transition must")
    func jumpCommutesWithNext() {
        var a = Xoshiro256StarStar(seed: 7)
        var b = a
        a.jump()
        for _ in 0..<10 { _ = a.next() }
        for _ in 0..<10 { _ = b.next() }
        b.jump()
        #expect(a == b)
    }

    @Test("the same seed gives the same sequence, different seeds different ones")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 99)
        var b = Xoshiro256StarStar(seed: 99)
        var c = Xoshiro256StarStar(seed: 100)
        let sequenceA = (0..<100).map { _ in a.next() }
        let sequenceB = (0..<100).map { _ in b.next() }
        let sequenceC = (0..<100).map { _ in c.next() }
        #expect(sequenceA == sequenceB)
        #expect(sequenceA != sequenceC)
        #expect(Set(sequenceA).isDisjoint(with: sequenceC))
    }
}

// MARK: - Uniforms

@Suite("Uniform conversion")
struct UnitIntervalTests {
    @Test("the extremes of the bit pattern stay strictly inside (0, 1)")
    func extremes() {
        #expect(UnitInterval.open(0) == 0x1p-53)
        #expect(UnitInterval.open(.max) == 1 - 0x1p-53)
        #expect(UnitInterval.open(0) > 0)
        #expect(UnitInterval.open(.max) < 1)
        #expect(log(UnitInterval.open(0)).isFinite && log(1 - UnitInterval.open(.max)).isFinite)
    }

    /// Why nextUniform uses 52 bits: the 53-bit formula ((x >> 11) + 0.5) · 2^-53 rounds the
    /// top value to exactly 1 (2^53 − 0.5 is a tie between 2^53 − 1 and 2^53, broken to even).
    @Test("the 53-bit half-offset formula would return exactly 1.0")
    func fiftyThreeBitsRoundToOne() {
        let bits = UInt64.max >> 11
        #expect((Double(bits) + 0.5) * 0x1p-53 == 1.0)
    }

    @Test("the grid is symmetric: 1 − u is exact and is the uniform of the complemented bits")
    func symmetry() {
        var generator = Xoshiro256StarStar(seed: 3)
        for _ in 0..<10_000 {
            let bits = generator.next()
            #expect(1 - UnitInterval.open(bits) == UnitInterval.open(~bits))
        }
    }

    /// Mean and variance of 10⁶ uniforms. The standard error of the mean is √(1/12/n); that of the
    /// sample variance is √((μ₄ − σ⁴)/n) with μ₄ = 1/80 and σ⁴ = 1/144 for U(0, 1). Five standard
    /// errors: a false alarm has probability ~6e-7, while a bias of 1% of σ would be caught.
    @Test("nextUniform is in (0, 1) with mean 1/2 and variance 1/12")
    func moments() {
        var generator = RandomStreams(seed: 1, replication: 0).stream("uniform")
        let n = 1_000_000
        var values = [Double]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(generator.nextUniform()) }
        #expect(values.allSatisfy { $0 > 0 && $0 < 1 })
        let summary = SampleSummary(values)
        #expect(abs(summary.mean - 0.5) <= 5 * (1.0 / 12 / Double(n)).squareRoot())
        let varianceError = ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot()
        #expect(abs(summary.variance - 1.0 / 12) <= 5 * varianceError)
    }
}
