import Yams

/// A distribution written as YAML structure, the language's own form:
///
///     work: { exponential: 80ms }                         one argument, by position
///     work: { uniform: [1ms, 5ms] }                        arguments by position
///     work: { lognormal: { median: 12ms, p99: 60ms } }     arguments by name
///
/// Why a one-key mapping rather than `lognormal(median: 12ms, p99: 60ms)` as plain text: YAML
/// reads `: ` inside a plain scalar as a nested mapping and `,` inside a flow collection as the
/// end of the value, so the call form is not YAML unless it is quoted. The mapping form is YAML
/// in block and in flow context, and a JSON Schema can describe it, so editors complete it.
///
/// The mapping is read by turning it into the call text the distribution parser already reads,
/// keeping where each piece came from, so every message of that parser points at the key or the
/// value the user wrote.
struct DistributionMapping {
    /// `lognormal(median: 12ms, p99: 60ms)`, built from the mapping.
    private(set) var text = ""
    /// Pieces of `text` (scalar offsets) and where each starts in the file.
    private var pieces: [(range: Range<Int>, location: SourceLocation)] = []
    /// Where messages about the whole call (a missing argument) point: the distribution's name.
    private let nameLocation: SourceLocation
    private var length = 0

    /// The problem with a mapping that can't stand for a distribution at all.
    struct Problem: Error {
        var message: String
        var location: SourceLocation
    }

    /// Reads `node`, a mapping, as a distribution's name and arguments.
    init(_ node: Node, location: (Node) -> SourceLocation) throws(Problem) {
        guard case .mapping(let mapping) = node, mapping.count == 1, let (keyNode, valueNode) = mapping.first else {
            let keys = node.mapping?.keys.compactMap(\.string) ?? []
            // `{ median: 12ms, p99: 60ms }`: the arguments without the name. Say which name fits.
            let fitting = DistributionSpec.all.first { spec in
                !keys.isEmpty && spec.forms.contains { form in keys.allSatisfy { form.contains(spec.canonical($0) ?? "") } }
            }
            let message = if let fitting, let mapping = node.mapping {
                "a distribution is a mapping with one key, its name: write `{ \(fitting.name): { \(mapping.map { "\($0.key.string ?? ""): \($0.value.string ?? "…")" }.joined(separator: ", ")) } }`"
            } else {
                "a distribution is a mapping with one key, its name, like `\(DistributionSpec.byName["lognormal"]!.example(.duration))`; found \(keys.count) keys"
            }
            throw Problem(message: message, location: location(node))
        }
        guard case .scalar(let key) = keyNode else {
            throw Problem(message: "a distribution's key is its name, like `exponential`", location: location(keyNode))
        }
        nameLocation = location(keyNode)
        append(key.string, at: nameLocation)
        append("(", at: nameLocation)
        let spec = DistributionSpec.byName[key.string]
        switch valueNode {
        case .scalar(let scalar) where scalar.style == .plain && ["", "~", "null"].contains(scalar.string):
            break  // `{ exponential: }`: the parser names the missing argument
        case .scalar(let scalar):
            try appendValue(scalar, kind: spec?.positional?.first.flatMap { spec?.kinds[$0] }, at: location(valueNode))
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                guard case .scalar(let scalar) = item else {
                    throw Problem(message: "a distribution's argument is a single value, found a \(Self.shape(item))", location: location(item))
                }
                if index > 0 { append(", ", at: location(item)) }
                let name = spec?.positional.flatMap { index < $0.count ? $0[index] : nil }
                try appendValue(scalar, kind: name.flatMap { spec?.kinds[$0] }, at: location(item))
            }
        case .mapping(let arguments):
            var first = true
            for (labelNode, argumentNode) in arguments {
                guard case .scalar(let label) = labelNode else {
                    throw Problem(message: "argument names are plain words, like `mean`", location: location(labelNode))
                }
                guard case .scalar(let scalar) = argumentNode else {
                    throw Problem(message: "`\(label.string)` takes a single value, found a \(Self.shape(argumentNode))", location: location(argumentNode))
                }
                if !first { append(", ", at: location(labelNode)) }
                first = false
                append(label.string, at: location(labelNode))
                append(": ", at: location(argumentNode))
                let kind = spec?.canonical(label.string).flatMap { spec?.kinds[$0] }
                try appendValue(scalar, kind: kind, at: location(argumentNode))
            }
        case .alias:
            throw Problem(message: "aliases are not supported here", location: location(valueNode))
        }
        append(")", at: nameLocation)
    }

    /// Where the scalar at `offset` of `text` is in the file.
    func location(ofOffset offset: Int) -> SourceLocation {
        // Pieces are in order; a binary search keeps a long argument list linear overall.
        var low = 0
        var high = pieces.count
        while low < high {
            let middle = (low + high) / 2
            if pieces[middle].range.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low < pieces.count, pieces[low].range.contains(offset) else { return nameLocation }
        let piece = pieces[low]
        // Separators and brackets the mapping stands for have no text of their own.
        if piece.location == nameLocation { return nameLocation }
        return piece.location.advanced(by: offset - piece.range.lowerBound)
    }

    private mutating func append(_ piece: String, at location: SourceLocation) {
        let count = piece.unicodeScalars.count
        pieces.append((length..<(length + count), location))
        text += piece
        length += count
    }

    /// One argument's value. A file name is quoted for the parser when it needs it; in any
    /// other value a comma or a bracket would be read as call syntax, and is no quantity anyway.
    private mutating func appendValue(_ scalar: Node.Scalar, kind: DistributionArgumentKind?, at location: SourceLocation) throws(Problem) {
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let start = quoted ? location.advanced(by: 1) : location
        let value = scalar.string
        if case .file = kind {
            let quote = value.contains("\"") ? "'" : "\""
            guard !(value.contains("\"") && value.contains("'")) else {
                throw Problem(message: "a file name can't contain both `\"` and `'`", location: start)
            }
            pieces.append((length..<(length + 1), nameLocation))
            text += quote
            length += 1
            append(value, at: start)
            pieces.append((length..<(length + 1), nameLocation))
            text += quote
            length += 1
            return
        }
        if let bad = value.unicodeScalars.firstIndex(where: { $0 == "," || $0 == "(" || $0 == ")" }) {
            let column = value.unicodeScalars.distance(from: value.unicodeScalars.startIndex, to: bad)
            throw Problem(
                message: "unexpected `\(value.unicodeScalars[bad])` in a distribution's argument: each argument is one value, like `80ms`",
                location: start.advanced(by: column))
        }
        append(value, at: start)
    }

    private static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: "value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
