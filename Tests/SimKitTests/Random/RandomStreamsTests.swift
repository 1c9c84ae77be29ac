@testable import SimKit
import Testing

@Suite("RandomStreams")
struct RandomStreamsTests {
    func firstOutputs(_ generator: Xoshiro256StarStar, _ count: Int = 8) -> [UInt64] {
        var copy = generator
        return (0..<count).map { _ in copy.next() }
    }

    @Test("FNV-1a-64 matches the reference values")
    func fnvReference() {
        #expect(RandomStreams.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(RandomStreams.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(RandomStreams.fnv1a64("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test("the key derivation is exactly the documented one")
    func documentedDerivation() {
        let mix = SplitMix64.mix
        let golden = SplitMix64.golden
        let seed: UInt64 = 42
        let replication = 3
        let base = mix(mix(seed &+ golden) ^ (UInt64(replication) &* golden))
        let key = mix(base ^ RandomStreams.fnv1a64("arrivals.upload"))
        let streams = RandomStreams(seed: seed, replication: replication)
        #expect(streams.key("arrivals.upload") == key)
        #expect(streams.key("arrivals.upload", index: 4) == mix(key ^ (5 &* golden)))
        #expect(streams.stream("arrivals.upload") == Xoshiro256StarStar(seed: key))
    }

    @Test("the same (seed, replication, name) gives the same sequence")
    func reproducible() {
        let a = RandomStreams(seed: 7, replication: 2)
        let b = RandomStreams(seed: 7, replication: 2)
        #expect(firstOutputs(a.stream("web")) == firstOutputs(b.stream("web")))
        #expect(firstOutputs(a.stream("web", index: 5)) == firstOutputs(b.stream("web", index: 5)))
    }

    @Test("streams differ by name, replication, seed and index")
    func distinct() {
        var generators: [Xoshiro256StarStar] = []
        for seed: UInt64 in [0, 1, 42] {
            for replication in [0, 1, 2, -1] {
                let streams = RandomStreams(seed: seed, replication: replication)
                for name in ["", "a", "b", "arrivals", "arrivals.upload", "service.web"] {
                    generators.append(streams.stream(name))
                    for index in 0..<4 { generators.append(streams.stream(name, index: index)) }
                }
            }
        }
        // Swapped seed and replication must not collide either.
        generators.append(RandomStreams(seed: 2, replication: 1).stream("x"))
        generators.append(RandomStreams(seed: 1, replication: 2).stream("x"))
        let firsts = generators.map { firstOutputs($0, 1)[0] }
        #expect(Set(firsts).count == generators.count)
    }

    /// What common random numbers rest on: a component's stream is the same whether or not other
    /// components exist, and whatever order they ask for theirs in.
    @Test("a stream does not depend on which other streams were created or used")
    func independentOfOtherStreams() {
        let streams = RandomStreams(seed: 11, replication: 0)
        var alone = streams.stream("service.db")
        let soloValues = (0..<100).map { _ in alone.next() }

        var others = (0..<10).map { streams.stream("extra", index: $0) }
        var interleaved = streams.stream("service.db")
        var values: [UInt64] = []
        for i in 0..<100 {
            _ = others[i % 10].next()
            values.append(interleaved.next())
        }
        #expect(values == soloValues)
    }

    /// Streams of neighbouring names should look independent: the sample correlation of 10⁵
    /// uniform pairs has standard error 1/√n, so it must stay within 5/√n of zero.
    @Test("neighbouring streams are uncorrelated")
    func uncorrelated() {
        let streams = RandomStreams(seed: 5, replication: 0)
        var a = streams.stream("server", index: 0)
        var b = streams.stream("server", index: 1)
        let n = 100_000
        var sum = 0.0
        for _ in 0..<n {
            sum += (a.nextUniform() - 0.5) * (b.nextUniform() - 0.5)
        }
        let correlation = (sum / Double(n)) * 12
        #expect(abs(correlation) <= 5 / Double(n).squareRoot())
    }
}
