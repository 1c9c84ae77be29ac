import Foundation
import Testing

@testable import Topology

/// Validation must be linear in the size of the topology: a 12,000-deep synchronous call chain
/// took ≈11 s (release) and overflowed the stack in the cycle search (debug). Bounds here are
/// generous for a debug build on a shared machine; the release timing is in the commit log.
@Suite("Validation scaling")
struct ValidationScalingTests {
    /// `depth` generic services, each handler calling the next, and one workload at the first.
    static func chain(depth: Int, closingCycle: Bool = false) -> String {
        var lines = ["archsim: 1", "name: chain", "components:"]
        for index in 0..<depth {
            let next = index + 1 < depth ? index + 1 : (closingCycle ? 0 : nil)
            if let next {
                lines.append("  s\(index): { kind: service, service_time: 1ms, handlers: { go: [{ call: s\(next) }] } }")
            } else {
                lines.append("  s\(index): { kind: service, service_time: 1ms }")
            }
        }
        lines += ["workloads:", "  go: { entry: s0, arrival: { process: poisson, rate: 1/s } }"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ work: () -> Void) -> Double {
        let start = ContinuousClock.now
        work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    @Test("a 12,000-deep call chain validates, and its whole-topology checks take well under a few seconds")
    func deepChain() throws {
        var result: LoadResult?
        let whole = Self.seconds { result = TopologyLoader.load(text: Self.chain(depth: 12_000), file: "chain.yaml") }
        let topology = try #require(result?.topology)
        #expect(result?.diagnostics.isEmpty == true)
        // The checks alone were the quadratic part (over a minute, then a stack overflow, in
        // debug before); now about 1.5 s in debug, more with the whole test suite running beside.
        let checks = Self.seconds { _ = TopologyChecks.run(topology) }
        #expect(checks < 10, "TopologyChecks took \(checks) s")
        // Parsing and decoding: linear, but slow in debug (the decoder composes every default's YAML).
        #expect(whole < 30, "load took \(whole) s")
    }

    @Test("a cycle through 12,000 calls is found, and its message stays short")
    func deepCycle() throws {
        let result = TopologyLoader.load(text: Self.chain(depth: 12_000, closingCycle: true), file: "chain.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let message = try #require(errors.first?.message)
        #expect(message.hasPrefix("synchronous calls form a cycle"))
        #expect(message.contains("s0.go → s1.go"))
        #expect(message.contains("… 11990 more …"))
        #expect(message.count < 400)
    }
}
