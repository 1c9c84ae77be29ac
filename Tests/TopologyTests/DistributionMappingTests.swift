import Foundation
import Testing
import Yams

@testable import Topology

/// The language's YAML form of distributions (`{ lognormal: { median: 12ms, p99: 60ms } }`)
/// means exactly what the call form means, in block and in flow context, and the call form
/// stays accepted quoted. The reference is the call parser, whose own tests check each
/// distribution's parameters against its definition (DistributionSyntaxTests).
@Suite("Distributions as YAML mappings")
struct DistributionMappingTests {
    /// Every distribution, every form, aliases and positions.
    static let calls: [String] = [
        "constant(5ms)", "constant(value: 5ms)",
        "exponential(80ms)", "exponential(mean: 80ms)", "exponential(rate: 12.5/s)",
        "uniform(1ms, 5ms)", "uniform(low: 1ms, high: 5ms)", "uniform(min: 1ms, max: 5ms)",
        "normal(20ms, 5ms)", "normal(mean: 20ms, sd: 5ms)", "normal(mean: 20ms, stddev: 5ms)",
        "lognormal(median: 20ms, sigma: 0.5)", "lognormal(median: 20ms, p99: 200ms)", "lognormal(mean: 20ms, sd: 10ms)",
        "gamma(2, 10ms)", "gamma(shape: 2, scale: 10ms)", "gamma(shape: 2, mean: 20ms)", "gamma(mean: 20ms, cv: 0.5)",
        "pareto(1ms, 2.5)", "pareto(scale: 1ms, shape: 2.5)", "pareto(min: 1ms, alpha: 2.5)",
        "empirical(file: \"samples/x.csv\")", "empirical(samples/x.csv)",
    ]

    private static func decode(_ yaml: String, file: String = "t.yaml") -> (Distribution?, [Diagnostic]) {
        guard let node = try? Yams.compose(yaml: yaml), let value = node["value"] else { return (nil, []) }
        var decoder = SpecDecoder(file: file)
        let decoded = decoder.decode(value, as: .distribution(.duration, Bounds()), field: "value")
        return (decoded?.distribution, decoder.diagnostics.all)
    }

    private static func reference(_ call: String) throws -> Distribution {
        try DistributionParser.parse(call, as: .duration).get()
    }

    @Test("the mapping form, in flow context, decodes to the call's distribution", arguments: calls)
    func flowMapping(_ call: String) throws {
        let mapping = try #require(CallSyntax.mappingForm(of: call))
        let (decoded, diagnostics) = Self.decode("value: \(mapping)")
        #expect(diagnostics.isEmpty, "\(mapping): \(diagnostics.map(\.message))")
        #expect(decoded == (try Self.reference(call)), "\(call) as \(mapping)")
    }

    @Test("the quoted call still decodes", arguments: calls)
    func quotedCall(_ call: String) throws {
        let quoted = "'" + call.replacingOccurrences(of: "'", with: "''") + "'"
        let (decoded, diagnostics) = Self.decode("value: \(quoted)")
        #expect(diagnostics.isEmpty)
        #expect(decoded == (try Self.reference(call)))
    }

    @Test("block context reads as flow context does")
    func blockMapping() throws {
        let (named, namedProblems) = Self.decode("""
            value:
              lognormal:
                median: 12ms
                p99: 60ms
            """)
        #expect(namedProblems.isEmpty)
        #expect(named == (try Self.reference("lognormal(median: 12ms, p99: 60ms)")))
        let (positional, positionalProblems) = Self.decode("""
            value:
              uniform:
                - 1ms
                - 5ms
            """)
        #expect(positionalProblems.isEmpty)
        #expect(positional == (try Self.reference("uniform(1ms, 5ms)")))
    }

    @Test("a bare quantity is a constant")
    func bareConstant() throws {
        let (decoded, diagnostics) = Self.decode("value: 5ms")
        #expect(diagnostics.isEmpty)
        #expect(decoded == .constant(0.005))
    }

    @Test("errors point at the key or value written", arguments: [
        // (yaml, message fragment, line, column)
        ("value: { lognormal: { median: 20ms, p99: 10ms } }", "must be greater than", 1, 42),
        ("value: { exponentail: 20ms }", "did you mean `exponential`", 1, 10),
        ("value: { exponential: 20mss }", "unknown unit `mss`", 1, 25),
        ("value:\n  lognormal:\n    median: 12ms\n    sd: 3ms", "cannot be combined", 4, 5),
        ("value: { normal: [20ms] }", "missing argument `sd`", 1, 10),
        ("value: { exponential: { mean: [1ms] } }", "takes a single value", 1, 31),
        ("value: { median: 12ms, p99: 60ms }", "write `{ lognormal: { median: 12ms, p99: 60ms } }`", 1, 8),
        ("value: { exponential: '20ms, 5ms' }", "unexpected `,`", 1, 28),
    ])
    func located(_ example: (String, String, Int, Int)) {
        let (yaml, fragment, line, column) = example
        let (_, diagnostics) = Self.decode(yaml)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.message))")
        let first = diagnostics.first
        #expect(first?.message.contains(fragment) == true, "\(first?.message ?? "no diagnostic")")
        #expect(first?.location.line == line)
        #expect(first?.location.column == column)
    }

    @Test("`work` tells a distribution from `{ kernel: … }` by its key")
    func workStep() {
        func load(_ work: String) -> LoadResult {
            TopologyLoader.load(text: """
                archsim: 1
                name: t
                components:
                  api:
                    kind: lambda
                    handlers:
                      get:
                        - work: \(work)
                kernels:
                  k:
                    - decode: jpeg
                workloads:
                  w: { entry: api, op: get, arrival: { process: poisson, rate: 1/s } }
                """, file: "t.yaml")
        }
        #expect(load("{ exponential: 5ms }").diagnostics.isEmpty)
        #expect(load("{ kernel: k }").diagnostics.isEmpty)
        let misspelt = load("{ expnential: 5ms }")
        #expect(misspelt.diagnostics.contains { $0.severity == .error && $0.message.contains("did you mean `exponential`") },
            "\(misspelt.diagnostics.map(\.message))")
    }

    // MARK: - The fix shown for the old unquoted form

    @Test("an unquoted call's line is rewritten into one YAML reads as meant", arguments: [
        ("    - work: lognormal(median: 12ms, p99: 60ms)   # parse", "    - work: { lognormal: { median: 12ms, p99: 60ms } }   # parse"),
        ("    service_time: exponential(mean: 80ms)", "    service_time: { exponential: 80ms }"),
        ("payload: { image: lognormal(median: 12MP, sigma: 0.3) }", "payload: { image: { lognormal: { median: 12MP, sigma: 0.3 } } }"),
        ("  arrival: { process: closed, users: 5, think_time: exponential(mean: 1s) }",
         "  arrival: { process: closed, users: 5, think_time: { exponential: 1s } }"),
        ("  - { call: images, op: put, bytes: uniform(1MB, 3MB) }", "  - { call: images, op: put, bytes: { uniform: [1MB, 3MB] } }"),
    ])
    func rewrittenLine(_ example: (String, String)) throws {
        #expect(CallSyntax.rewrittenLine(example.0) == example.1)
        // The fix is YAML, and means what the call meant.
        _ = try Yams.compose(yaml: example.1)
    }

    @Test("lines without an unquoted call are left alone", arguments: [
        "  - p99(upload) < 3s", "    work: \"exponential(mean: 5ms)\"", "# exponential(mean: 5ms)", "  when: type == 'CAR'",
    ])
    func untouched(_ line: String) {
        #expect(CallSyntax.rewrittenLine(line) == nil)
    }

    @Test("the old form gets one located error per line, with the corrected line")
    func legacyForm() {
        let result = TopologyLoader.load(text: """
            archsim: 1
            name: t
            components:
              api: { kind: service, servers: 1, service_time: "exponential(mean: 5ms)" }
              db:
                kind: service
                service_time: lognormal(median: 2ms, p99: 20ms)
            workloads:
              w: { entry: api, arrival: { process: closed, users: 2, think_time: exponential(mean: 1s) } }
            """, file: "t.yaml")
        #expect(result.diagnostics.map(\.location.line) == [7, 9])
        #expect(result.diagnostics.map(\.location.column) == [19, 70])
        #expect(result.diagnostics[0].notes == ["write: service_time: { lognormal: { median: 2ms, p99: 20ms } }"])
    }
}
