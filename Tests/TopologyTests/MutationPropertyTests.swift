import Foundation
import Testing

@testable import Topology

/// Random damage to the example topologies — keys deleted or duplicated, values retyped or
/// swapped, random bytes inserted — must never crash or hang the loader: the result is
/// either valid or a set of errors that each point inside the file.
@Suite("Mutation property")
struct MutationPropertyTests {
    /// The fuzz tests' seeded SplitMix64, so a failing round reproduces.
    typealias Generator = SyntaxRandom

    static let replacements = [
        "", "~", "-1", "0", "1e400", "99999999999999999999999", "[]", "{}", "[a, [b, {c: d}]]", "\"\"", "'x",
        "50/s", "-5/s", "250ms", "2GiB", "12MP", "150%", "exponential(mean: 80ms)", "lognormal(median: 0ms, p99: -1s)",
        "true", "&a x", "*a", "!!binary AAAA", "ｘ", "a: b: c", "- - -", "{", "]", "%", "@", "`", "\t",
    ]

    static func mutate(_ text: String, using generator: inout Generator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let index = Int.random(in: 0..<lines.count, using: &generator)
        switch Int.random(in: 0..<7, using: &generator) {
        case 0:  // delete a line (a key with its value, often)
            lines.remove(at: index)
        case 1:  // duplicate a line (a duplicate key, often)
            lines.insert(lines[index], at: index)
        case 2:  // retype a value
            if let colon = lines[index].firstIndex(of: ":") {
                lines[index] = String(lines[index][...colon]) + " " + replacements.randomElement(using: &generator)!
            }
        case 3:  // swap two values
            let other = Int.random(in: 0..<lines.count, using: &generator)
            if let a = lines[index].firstIndex(of: ":"), let b = lines[other].firstIndex(of: ":") {
                let valueA = lines[index][lines[index].index(after: a)...]
                let valueB = lines[other][lines[other].index(after: b)...]
                let newA = String(lines[index][...a]) + valueB
                let newB = String(lines[other][...b]) + valueA
                lines[index] = newA
                lines[other] = newB
            }
        case 4:  // insert random bytes (valid UTF-8 scalars, some control characters)
            let count = Int.random(in: 1...8, using: &generator)
            let scalars = (0..<count).compactMap { _ in Unicode.Scalar(UInt32.random(in: 1...0x2FF, using: &generator)) }
            var line = Array(lines[index].unicodeScalars)
            let position = line.isEmpty ? 0 : Int.random(in: 0...line.count, using: &generator)
            line.insert(contentsOf: scalars, at: position)
            lines[index] = String(String.UnicodeScalarView(line))
        case 5:  // change indentation
            lines[index] = (Bool.random(using: &generator) ? "  " : "") + lines[index].drop { $0 == " " && Bool.random(using: &generator) }
        default:  // swap two lines
            lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
        }
        return lines.joined(separator: "\n")
    }

    @Test("mutated example topologies never crash and always locate their errors",
        arguments: RepositoryFiles.files(in: "Topologies", withExtension: "yaml"))
    func mutations(_ path: String) throws {
        let original = try RepositoryFiles.read(path)
        var generator = Generator(seed: UInt64(truncatingIfNeeded: path.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        var failures = 0
        for round in 0..<150 {
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                text = Self.mutate(text, using: &generator)
            }
            let result = TopologyLoader.load(text: text, file: "mutant.yaml")
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if result.hasErrors {
                failures += 1
                #expect(result.topology == nil)
                for diagnostic in result.diagnostics {
                    #expect(diagnostic.location.file == "mutant.yaml")
                    #expect((1...(lineCount + 1)).contains(diagnostic.location.line), "round \(round): \(diagnostic.message)")
                    #expect(diagnostic.location.column >= 1, "round \(round): \(diagnostic.message)")
                    #expect(!diagnostic.message.isEmpty)
                }
                #expect(!result.renderedDiagnostics().isEmpty)
            } else {
                #expect(result.topology != nil)
            }
        }
        // Most random damage must be caught; if nearly everything passes, the check is blind.
        #expect(failures > 30)
    }

    @Test("alias bombs end with an error, not a hang")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let result = TopologyLoader.load(text: text, file: "bomb.yaml")
        #expect(result.hasErrors)
    }

    @Test("deep nesting is refused before parsing")
    func deepNesting() {
        let text = "archsim: 1\nname: " + String(repeating: "[", count: 100_000)
        let result = TopologyLoader.load(text: text, file: "deep.yaml")
        #expect(result.diagnostics.first?.message.contains("nested deeper") == true)
    }
}
