import Testing
import Yams

@testable import Topology

@Suite("Call syntax quoting")
struct CallSyntaxQuotingTests {
    @Test("call-like values become quoted scalars YAML accepts", arguments: [
        ("a: exponential(mean: 80ms)", "a: \"exponential(mean: 80ms)\""),
        ("p: { image: lognormal(median: 12MP, sigma: 0.3) }", "p: { image: \"lognormal(median: 12MP, sigma: 0.3)\" }"),
        ("- work: gamma(shape: 2, scale: 1ms)  # note: x", "- work: \"gamma(shape: 2, scale: 1ms)\"  # note: x"),
        ("x: [uniform(low: 1ms, high: 2ms), constant(5ms)]", "x: [\"uniform(low: 1ms, high: 2ms)\", constant(5ms)]"),
        ("e: empirical(file: \"a.csv\")", "e: 'empirical(file: \"a.csv\")'"),
        ("t: p99(upload) < 800ms", "t: p99(upload) < 800ms"),
        ("s: \"exponential(mean: 80ms)\"", "s: \"exponential(mean: 80ms)\""),
        ("a: 1 # lognormal(median: 1s, sigma: 1)", "a: 1 # lognormal(median: 1s, sigma: 1)"),
    ])
    func rewrites(_ pair: (String, String)) throws {
        let quoting = CallSyntaxQuoting(pair.0)
        #expect(quoting.text == pair.1)
        #expect(try Yams.compose(yaml: quoting.text) != nil)
    }

    @Test("locations map back to the original columns")
    func columns() {
        let quoting = CallSyntaxQuoting("x: [uniform(low: 1ms, high: 2ms), constant(5ms)]")
        // The rewritten scalar's opening quote sits where `uniform` starts in the original (column 5).
        #expect(quoting.original(SourceLocation(file: "f", line: 1, column: 5)).column == 5)
        // Its first character (after the quote) maps to the same original column.
        #expect(quoting.original(SourceLocation(file: "f", line: 1, column: 6)).column == 5)
        // `constant` comes after two inserted quotes.
        #expect(quoting.original(SourceLocation(file: "f", line: 1, column: 39)).column == 37)
        #expect(quoting.original(SourceLocation(file: "f", line: 2, column: 9)).column == 9)
    }
}
