import Testing
@testable import Topology

// MARK: - Fuzzing

/// Random and half-valid inputs: every parser must return a value or a `SyntaxError` whose offset
/// lies inside the text — no crash, no hang, no nonsense offsets.
struct FuzzSyntaxTests {
    /// Pieces of the languages, so random sequences reach deep into the grammars.
    static let pieces = [
        "250", "ms", "1e308", "-", "+", ".", "5", "0", "_", ",", "$", "USD", "x", "\u{D7}", "%", "/s", "/min", "rps",
        "MB", "GiB", "KB/s", "Mbps", "MP", "e", "E-3", " ", "  ", "\t", "(", ")", "[", "]", ":", "\"", "'", "\\",
        "mean", "sd", "sigma", "p99", "median", "rate", "shape", "scale", "cv", "file", "low", "high", "min",
        "constant", "exponential", "uniform", "normal", "lognormal", "gamma", "pareto", "empirical",
        "==", "!=", "=", "<", "<=", ">", ">=", "!", "&&", "||", "&", "|", "and", "or", "not", "in", "AND",
        "type", "CAR", "payload.image", "10MP", "p99(upload)", "errors(", "cost.monthly", "completion.", "p99.9",
        "utilization", "wait", "queue", "lag", "inf", "nan", "\u{B5}s", "\u{2264}", "\u{1F600}", "\u{301}", "\u{0}",
        "\u{200F}", "\u{FEFF}", "3000x4000", "1,000", "9999999999999999999999", "0.000000001",
    ]

    static let seeds = [
        "250ms", "50/s", "$4,000.50", "3000x4000", "75%", "exponential(mean: 80ms)", "lognormal(median: 20ms, p99: 200ms)",
        "gamma(mean: 20ms, cv: 0.5)", "uniform($1,000, $2,000)", "empirical(file: \"a.csv\")",
        "type == CAR or size > 10MP and not (n in [1, 2])", "p99(upload) < 800ms", "cost.monthly(db) <= $500",
        "320x240", "errors(upload) < 0.1%",
    ]

    static func randomInput(_ random: inout SyntaxRandom) -> String {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            // Arbitrary bytes, decoded leniently (invalid UTF-8 becomes U+FFFD).
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return String(decoding: bytes, as: UTF8.self)
        case 1:
            // Arbitrary scalars, mostly ASCII.
            var view = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                let value = Bool.random(using: &random) ? UInt32.random(in: 0...0x7F, using: &random)
                    : UInt32.random(in: 0...0x10FFFF, using: &random)
                view.append(Unicode.Scalar(value) ?? "?")
            }
            return String(view)
        case 2:
            return (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        default:
            // A valid text with a few characters inserted, deleted or replaced.
            var scalars = Array(seeds.randomElement(using: &random)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0...scalars.count, using: &random)
                let piece = Array(pieces.randomElement(using: &random)!.unicodeScalars)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: scalars.insert(contentsOf: piece, at: position)
                case 1: if position < scalars.count { scalars.remove(at: position) }
                default: if position < scalars.count { scalars[position] = piece.first ?? "x" }
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }
    }

    /// Checks one input against every parser; returns what went wrong, if anything.
    static func problems(with text: String) -> [String] {
        let count = text.unicodeScalars.count
        var problems: [String] = []
        func check<T>(_ name: String, _ result: Result<T, SyntaxError>, valid: (T) -> Bool) {
            switch result {
            case .success(let value):
                if !valid(value) { problems.append("\(name) accepted \(String(reflecting: text)) as \(value)") }
            case .failure(let error):
                if !(0...count).contains(error.offset) || error.message.isEmpty {
                    problems.append("\(name) on \(String(reflecting: text)): \(error)")
                }
            }
        }
        for dimension in Dimension.allCases {
            check("unit \(dimension)", UnitParser.parse(text, as: dimension)) { $0.value.isFinite && $0.dimension == dimension }
        }
        if let dimension = UnitParser.dimension(of: text), UnitParser.parse(text, as: dimension).syntaxValue == nil {
            problems.append("dimension(of:) says \(dimension) for \(String(reflecting: text)) but parse fails")
        }
        for dimension in [Dimension.duration, .size, .money, .count] {
            check("distribution \(dimension)", DistributionParser.parse(text, as: dimension)) { distribution in
                switch distribution {
                case .constant(let a), .exponential(let a): a.isFinite
                case .uniform(let a, let b), .normal(let a, let b), .lognormal(let a, let b), .gamma(let a, let b), .pareto(let a, let b):
                    a.isFinite && b.isFinite
                case .empirical(let file): !file.isEmpty
                }
            }
        }
        check("condition", ConditionParser.parse(text)) { !$0.attributes.isEmpty }
        check("target", TargetParser.parse(text)) { $0.threshold.dimension == $0.metric.dimension && $0.threshold.value.isFinite }
        check("pixel box", PixelBoxParser.parse(text)) { (1...100_000).contains($0.width) && (1...100_000).contains($0.height) }
        return problems
    }

    @Test func twentyThousandRandomInputs() {
        var random = SyntaxRandom(seed: 0x5EED)
        var problems: [String] = []
        for _ in 0..<20_000 {
            problems += Self.problems(with: Self.randomInput(&random))
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(5))")
    }

    @Test func seedsAreValid() {
        // The mutation seeds must parse somewhere, or the mutations explore only error paths.
        for seed in Self.seeds {
            let parsed = Dimension.allCases.contains { UnitParser.parse(seed, as: $0).syntaxValue != nil }
                || [Dimension.duration, .money].contains { DistributionParser.parse(seed, as: $0).syntaxValue != nil }
                || ConditionParser.parse(seed).syntaxValue != nil
                || TargetParser.parse(seed).syntaxValue != nil
                || PixelBoxParser.parse(seed).syntaxValue != nil
            #expect(parsed, "\(seed)")
        }
    }

    // MARK: - Long inputs

    static let longInputs: [String] = [
        String(repeating: "1", count: 200_000) + "ms",
        "0." + String(repeating: "0", count: 200_000) + "1s",
        String(repeating: "1_", count: 100_000) + "1",
        "$" + String(repeating: "1,000", count: 40_000),
        String(repeating: "(", count: 200_000),
        String(repeating: "not ", count: 50_000) + "a == 1",
        String(repeating: "a == 1 or ", count: 20_000) + "a == 1",
        "a in [" + String(repeating: "1, ", count: 50_000) + "1]",
        "uniform(" + String(repeating: "1ms, ", count: 40_000) + "1ms)",
        "exponential(mean: " + String(repeating: "\"", count: 200_000),
        "p99(" + String(repeating: "a", count: 200_000) + ") < 1s",
        "5 " + String(repeating: "/ ", count: 100_000),
        "exponential(mean: 5" + String(repeating: " ", count: 200_000) + "ms)",
        "normal(mean: 1ms" + String(repeating: " x", count: 100_000) + ", sd: 1ms)",
        "p99(upload) < 5" + String(repeating: " ", count: 200_000) + "ms",
        String(repeating: "x", count: 200_000),
        String(repeating: " ", count: 200_000),
        String(repeating: "\u{1F600}", count: 100_000),
    ]

    @Test(.timeLimit(.minutes(2)), arguments: longInputs)
    func longInputsStayLinear(_ text: String) {
        let problems = Self.problems(with: text)
        #expect(problems.isEmpty, "\(problems.prefix(3).map { $0.prefix(300) })")
    }
}
