import Foundation
import Yams

/// Everything `validate` learns about one file.
public struct LoadResult: Sendable {
    /// The checked topology; nil when there were errors.
    public let topology: Topology?
    package let diagnostics: [Diagnostic]
    package let source: String

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Parses, decodes and checks topology files: the front end of the pipeline.
public enum TopologyLoader {
    /// Larger files are refused before parsing: no real topology is near this.
    package static let maximumFileSize = 8 * 1_048_576
    /// Deeper nesting than this is refused before parsing, so the recursive YAML composer
    /// can't exhaust the stack.
    package static let maximumNesting = 200

    public static func load(path: String, options: LoadOptions = LoadOptions()) -> LoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return failure(exists ? "can't read the file" : "no such file", file: path, source: "")
        }
        guard data.count <= maximumFileSize else {
            return failure("the file is \(data.count) bytes; topologies are limited to \(maximumFileSize) bytes", file: path, source: "")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return failure("the file is not UTF-8 text", file: path, source: "")
        }
        return load(text: text, file: path, options: options)
    }

    /// `options` say where the files the topology names are found, and which may be read.
    public static func load(text: String, file: String, options: LoadOptions = LoadOptions()) -> LoadResult {
        if let problem = structuralProblem(in: text, file: file) {
            return LoadResult(topology: nil, diagnostics: [problem], source: text)
        }
        let node: Node?
        do {
            // The basic resolver: the decoder reads scalars as text, so YAML 1.1 tag resolution
            // (a regular expression per scalar, and again per key when Yams hashes a mapping's
            // keys to find duplicates) was a quarter of validate's time on large files. Keys
            // `1` and `"1"` are then one name, as the decoder reads them.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch YamlError.duplicatedKeysInMapping {
            return LoadResult(topology: nil, diagnostics: duplicateKeys(in: text, file: file), source: text)
        } catch {
            let problem = diagnostic(for: error, file: file)
            // The call form of distributions that the language used to accept unquoted is the
            // likeliest cause: say so at every place it is written, with the line to write.
            let calls = unquotedCalls(in: text, file: file)
            let lines = Set(calls.map(\.location.line))
            let all = lines.contains(problem.location.line) ? calls : [problem] + calls
            var diagnostics = Diagnostics()
            for diagnostic in all { diagnostics.append(diagnostic) }
            return LoadResult(topology: nil, diagnostics: diagnostics.sorted, source: text)
        }
        guard let node else {
            return failure("the file is empty: a topology needs at least `archsim: 1`, `name`, `components` and `workloads`", file: file, source: text)
        }
        var decoder = SpecDecoder(file: file)
        let decoded = decoder.decode(node, as: .object(Language.root), field: "topology")
        var diagnostics = decoder.diagnostics
        var topology: Topology?
        if let decoded {
            let written = Set(node["components"]?.mapping?.keys.compactMap(\.string) ?? [])
            let read = Set(decoded["components"]?.object?.entries.map(\.key) ?? [])
            var built = TopologyBuilder.build(decoded, file: file, unreadableComponents: written.subtracting(read))
            built.files = DataFiles(directory: options.directory ?? DataFiles.folder(of: file), access: options.fileAccess)
            diagnostics.append(contentsOf: TopologyChecks.run(built))
            topology = built
        }
        let sorted = diagnostics.sorted
        let failed = sorted.contains { $0.severity == .error }
        return LoadResult(topology: failed ? nil : topology, diagnostics: sorted, source: text)
    }

    // MARK: - Duplicate keys

    /// Every duplicate key of the file, each at its own position. libyaml's composer (through
    /// Yams) stops at the first mapping with a duplicate and gives the first occurrence only; so
    /// that occurrence is renamed, keeping every column in place (its first character becomes a
    /// private-use character no topology contains), and the file is composed again, until it
    /// composes. The composed tree then shows each renamed key's mapping and the repeats in it.
    private static func duplicateKeys(in text: String, file: String, limit: Int = 20) -> [Diagnostic] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var renamed: [(marker: String, key: String, line: Int, column: Int)] = []
        var composed: Node?
        var other: Diagnostic?
        func location(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        while renamed.count < limit {
            do {
                composed = try Yams.compose(yaml: lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n"), .basic, .default, .utf8)
                break
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                let (line, column) = (context.mark.line, context.mark.column)
                guard let key = keys.first, line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count,
                    let marker = Unicode.Scalar(0xE000 + UInt32(renamed.count))
                else { break }
                // A quoted key's mark is at its quote.
                let first = ["\"", "'"].contains(lines[line - 1][column - 1]) ? column : column - 1
                guard first < lines[line - 1].count else { break }
                lines[line - 1][first] = marker
                renamed.append((String(Character(marker)) + String(key.unicodeScalars.dropFirst()), key, line, column))
            } catch {
                other = diagnostic(for: error, file: file)
                break
            }
        }
        var found: [Diagnostic] = []
        var reported = Set<String>()
        for entry in renamed where !reported.contains(entry.marker) {
            // The key's other occurrences: renamed ones of the same mapping, and the one left.
            let keys = composed.map { keysBeside(entry.marker, in: $0) } ?? []
            let same = renamed.filter { candidate in candidate.key == entry.key && keys.contains { $0.string == candidate.marker } }
            reported.formUnion(same.map { $0.marker })
            var places = same.map { ($0.line, $0.column) }
            places += keys.filter { $0.string == entry.key }.compactMap(\.mark).map { ($0.line, $0.column) }
            places.sort { $0 < $1 }
            guard let first = places.first, places.count > 1 else {
                found.append(.error("duplicate key `\(entry.key)` in one mapping: each key may appear once", at: location(entry.line, entry.column)))
                continue
            }
            for place in places.dropFirst() {
                found.append(.error(
                    "duplicate key `\(entry.key)` (first at line \(first.0), column \(first.1)): each key may appear once in a mapping; merge the two or rename one",
                    at: location(place.0, place.1)))
            }
        }
        if renamed.count == limit {
            found.append(.error("more than \(limit) duplicate keys: fix these first", at: location(1, 1)))
        }
        if let other { found.append(other) }
        var diagnostics = Diagnostics()
        for diagnostic in found { diagnostics.append(diagnostic) }
        return diagnostics.sorted
    }

    /// The keys of the mapping that holds `marker` (a renamed first occurrence).
    private static func keysBeside(_ marker: String, in root: Node) -> [Node] {
        var pending = [root]
        while let node = pending.popLast() {
            switch node {
            case .mapping(let mapping):
                if mapping.keys.contains(where: { $0.string == marker }) { return Array(mapping.keys) }
                for (_, value) in mapping { pending.append(value) }
                pending.append(contentsOf: mapping.keys)
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            case .scalar, .alias:
                break
            }
        }
        return []
    }

    // MARK: - Distributions written as unquoted calls

    /// Each line with a value like `lognormal(median: 12ms, p99: 60ms)` that is not quoted:
    /// YAML reads its `: ` as a nested mapping and rejects the line. One error per line, at the
    /// call, with the corrected line.
    private static func unquotedCalls(in text: String, file: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            guard line.contains(":"), line.contains("("), let rewritten = CallSyntax.rewrittenLine(line) else { continue }
            // The call starts where the two lines first differ.
            let column = zip(line.unicodeScalars, rewritten.unicodeScalars).prefix { $0 == $1 }.count + 1
            let rest = line.unicodeScalars.dropFirst(column - 1)
            let written = String(String.UnicodeScalarView(rest.prefix(through: rest.firstIndex(of: ")") ?? rest.index(before: rest.endIndex))))
            found.append(.error(
                "`\(written.prefix(80))` is not YAML: a `: ` inside an unquoted value starts a nested mapping. Write the distribution as a mapping (or quote it)",
                at: SourceLocation(file: file, line: index + 1, column: column),
                notes: ["write: \(rewritten.trimmingCharacters(in: .whitespaces))"]))
        }
        return found
    }

    // MARK: - Before YAML

    /// Control characters and runaway nesting, caught before libyaml sees them.
    private static func structuralProblem(in text: String, file: String) -> Diagnostic? {
        var line = 1
        var column = 1
        var depth = 0
        var quote: Unicode.Scalar?
        var lineStart = true
        var indent = 0
        for scalar in text.unicodeScalars {
            defer {
                if scalar == "\n" {
                    line += 1
                    column = 1
                    lineStart = true
                    indent = 0
                } else {
                    column += 1
                }
            }
            if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" {
                return .error("the file contains a control character (U+\(String(format: "%04X", scalar.value))): is it a binary file?",
                    at: SourceLocation(file: file, line: line, column: column))
            }
            if lineStart {
                if scalar == " " {
                    indent += 1
                    if indent > maximumNesting * 4 {
                        return .error("indentation deeper than \(maximumNesting * 4) columns", at: SourceLocation(file: file, line: line, column: column))
                    }
                    continue
                }
                lineStart = false
            }
            if let open = quote {
                if scalar == open || scalar == "\n" { quote = nil }
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "#": quote = "\n"  // a comment runs to the end of the line
            case "[", "{":
                depth += 1
                if depth > maximumNesting {
                    return .error("brackets nested deeper than \(maximumNesting) levels", at: SourceLocation(file: file, line: line, column: column))
                }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func failure(_ message: String, file: String, source: String) -> LoadResult {
        LoadResult(topology: nil, diagnostics: [.error(message, at: SourceLocation(file: file, line: 1, column: 1))], source: source)
    }

    /// Yams' errors, turned into located diagnostics with libyaml's wording kept.
    private static func diagnostic(for error: Error, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "malformed YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            if problem.contains("tab") { message += "; indent with spaces, not tabs" }
            return .error(message, at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in one mapping: each key may appear once", at: at(context.mark))
        case .reader(let problem, let offset, _, let yaml):
            var location = SourceLocation(file: file, line: 1, column: 1)
            if let offset {
                let prefix = yaml.utf8.prefix(offset)
                location.line = prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1
                location.column = (String(decoding: prefix, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).last?.unicodeScalars.count ?? 0) + 1
            }
            return .error("can't read the YAML: \(problem)", at: location)
        default:
            return .error("can't read the YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
