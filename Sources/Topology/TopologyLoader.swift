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
        let quoting = CallSyntaxQuoting(text)
        let node: Node?
        do {
            node = try Yams.compose(yaml: quoting.text)
        } catch {
            let problem = diagnostic(for: error, file: file)
            return LoadResult(topology: nil, diagnostics: [problem.moved(by: quoting)], source: text)
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
        let sorted = diagnostics.sorted.map { $0.moved(by: quoting) }
        let failed = sorted.contains { $0.severity == .error }
        return LoadResult(topology: failed ? nil : topology, diagnostics: sorted, source: text)
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

extension Diagnostic {
    fileprivate func moved(by quoting: CallSyntaxQuoting) -> Diagnostic {
        var moved = self
        moved.location = quoting.original(location)
        return moved
    }
}
