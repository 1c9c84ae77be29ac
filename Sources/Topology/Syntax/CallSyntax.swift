// MARK: - Call syntax → mapping form

/// Rewrites a distribution written as a call, `lognormal(median: 12ms, p99: 60ms)`, in the
/// language's YAML form, `{ lognormal: { median: 12ms, p99: 60ms } }`.
///
/// Used where a message shows the user the form to write: the fix for an unquoted call (which
/// YAML rejects), and the canonical spelling of defaults. Argument names are kept as written;
/// unnamed arguments stay unnamed (a list), and a single one is written alone.
package enum CallSyntax {
    /// The mapping form of `call`, or nil when `call` is not `name(arguments)` with a known name.
    package static func mappingForm(of call: String) -> String? {
        let text = ScalarText(call)
        let range = text.trimmed(text.whole)
        guard !range.isEmpty, text[range.lowerBound].isSyntaxIdentifierStart else { return nil }
        let nameEnd = text.endOfIdentifier(from: range.lowerBound, to: range.upperBound)
        let name = text.string(range.lowerBound..<nameEnd)
        let open = text.skipSpaces(from: nameEnd, to: range.upperBound)
        guard DistributionSpec.byName[name] != nil, open < range.upperBound, text[open] == "(",
            text[range.upperBound - 1] == ")"
        else { return nil }
        guard let arguments = split(text, open + 1..<(range.upperBound - 1)) else { return nil }
        if arguments.isEmpty { return "{ \(name): }" }
        if arguments.allSatisfy({ $0.label == nil }) {
            let values = arguments.map { yamlValue($0.value) }
            if name == "constant", values.count == 1 { return values[0] }
            return values.count == 1 ? "{ \(name): \(values[0]) }" : "{ \(name): [\(values.joined(separator: ", "))] }"
        }
        let positional = DistributionSpec.byName[name]?.positional ?? []
        var index = 0
        var pairs: [String] = []
        for argument in arguments {
            let label: String
            if let written = argument.label {
                label = written
            } else {
                guard index < positional.count else { return nil }
                label = positional[index]
                index += 1
            }
            pairs.append("\(label): \(yamlValue(argument.value))")
        }
        // `exponential(mean: 80ms)` is `{ exponential: 80ms }`: its one argument is the first by position.
        if arguments.count == 1, let label = arguments[0].label, label == positional.first {
            return "{ \(name): \(yamlValue(arguments[0].value)) }"
        }
        return "{ \(name): { \(pairs.joined(separator: ", ")) } }"
    }

    /// Every unquoted call in one line of YAML rewritten in the mapping form; nil when the line
    /// has none. `  - work: lognormal(median: 12ms, p99: 60ms)   # parse` becomes
    /// `  - work: { lognormal: { median: 12ms, p99: 60ms } }   # parse`.
    package static func rewrittenLine(_ line: String) -> String? {
        let text = ScalarText(line)
        var out = ""
        var index = 0
        var changed = false
        var quote: Unicode.Scalar?
        var copiedUpTo = 0
        while index < text.count {
            let scalar = text[index]
            if let open = quote {
                if scalar == open { quote = nil }
                index += 1
                continue
            }
            if scalar == "#", index == 0 || text[index - 1] == " " { break }
            if scalar == "\"" || scalar == "'", valueStarts(text, before: index) {
                quote = scalar
                index += 1
                continue
            }
            if scalar.isSyntaxIdentifierStart, valueStarts(text, before: index),
                let close = closingParenthesis(text, from: index),
                let form = mappingForm(of: text.string(index..<(close + 1)))
            {
                out += text.string(copiedUpTo..<index) + form
                copiedUpTo = close + 1
                index = close + 1
                changed = true
                continue
            }
            index += 1
        }
        guard changed else { return nil }
        return out + text.string(copiedUpTo..<text.count)
    }

    // MARK: - Pieces

    private struct Argument {
        var label: String?
        var value: String
    }

    /// Arguments split at top-level commas (not inside quotes); nil when unbalanced.
    private static func split(_ text: ScalarText, _ range: Range<Int>) -> [Argument]? {
        var arguments: [Argument] = []
        var start = range.lowerBound
        var index = range.lowerBound
        func take(_ end: Int) -> Bool {
            let piece = text.trimmed(start..<end)
            guard !piece.isEmpty else { return false }
            let labelEnd = text.endOfIdentifier(from: piece.lowerBound, to: piece.upperBound)
            let colon = text.skipSpaces(from: labelEnd, to: piece.upperBound)
            if labelEnd > piece.lowerBound, colon < piece.upperBound, text[colon] == ":" {
                let value = text.trimmed((colon + 1)..<piece.upperBound)
                guard !value.isEmpty else { return false }
                arguments.append(Argument(label: text.string(piece.lowerBound..<labelEnd), value: text.string(value)))
            } else {
                arguments.append(Argument(label: nil, value: text.string(piece)))
            }
            return true
        }
        while index < range.upperBound {
            let scalar = text[index]
            if scalar == "\"" || scalar == "'" {
                guard let closing = text.closingQuote(at: index, to: range.upperBound) else { return nil }
                index = closing + 1
                continue
            }
            if scalar == "(" || scalar == ")" { return nil }
            if scalar == "," {
                guard take(index) else { return nil }
                start = index + 1
            }
            index += 1
        }
        if text.trimmed(start..<range.upperBound).isEmpty { return arguments.isEmpty ? [] : nil }
        return take(range.upperBound) ? arguments : nil
    }

    /// A value as it must be written inside a flow mapping: plain when YAML reads it back as
    /// the same text, double-quoted otherwise.
    private static func yamlValue(_ value: String) -> String {
        let first = value.unicodeScalars.first
        if first == "\"" || first == "'" { return value }
        let special: Set<Unicode.Scalar> = [",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "%", "@", "`"]
        if let first, special.contains(first) || value.contains(": ") || value.contains(",") || value.contains(" #") {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return value
    }

    /// Whether a YAML value can start at `index`: at the line's start or after `: `, `- `, `[`,
    /// `{` or `,`.
    private static func valueStarts(_ text: ScalarText, before index: Int) -> Bool {
        var cursor = index - 1
        while cursor >= 0, text[cursor] == " " { cursor -= 1 }
        guard cursor >= 0 else { return true }
        switch text[cursor] {
        case "[", "{", ",": return true
        case ":", "-": return cursor < index - 1
        default: return false
        }
    }

    /// The `)` closing `name(` at `start`, when the arguments hold something YAML would misread
    /// (a `:` or a `,`).
    private static func closingParenthesis(_ text: ScalarText, from start: Int) -> Int? {
        var cursor = text.endOfIdentifier(from: start, to: text.count)
        cursor = text.skipSpaces(from: cursor, to: text.count)
        guard cursor < text.count, text[cursor] == "(" else { return nil }
        var misread = false
        while cursor < text.count {
            switch text[cursor] {
            case ")": return misread ? cursor : nil
            case ":", ",": misread = true
            case "\"", "'":
                guard let closing = text.closingQuote(at: cursor, to: text.count) else { return nil }
                cursor = closing
            default: break
            }
            cursor += 1
        }
        return nil
    }
}
