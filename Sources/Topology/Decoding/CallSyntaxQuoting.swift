/// Makes `exponential(mean: 80ms)` legal YAML without quotes.
///
/// The language writes distributions like function calls with named arguments, but YAML reads
/// `mean: 80ms` inside a plain scalar as a nested mapping and rejects the line. Before parsing,
/// each value that looks like `name(… : …)` is wrapped in quotes; a column map then moves
/// every diagnostic back to where the user's text has it.
package struct CallSyntaxQuoting: Sendable {
    /// Rewritten line number → columns (1-based, in the rewritten line) where a quote was inserted.
    private var insertions: [Int: [Int]] = [:]

    package private(set) var text: String

    package init(_ source: String) {
        var lines: [String] = []
        var lineNumber = 0
        var insertions: [Int: [Int]] = [:]
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let (rewritten, columns) = Self.rewrite(Array(line.unicodeScalars))
            if !columns.isEmpty { insertions[lineNumber] = columns }
            lines.append(rewritten)
        }
        self.text = lines.joined(separator: "\n")
        self.insertions = insertions
    }

    /// The location in the original text of a location in the rewritten text.
    package func original(_ location: SourceLocation) -> SourceLocation {
        guard let columns = insertions[location.line] else { return location }
        var moved = location
        moved.column -= columns.filter { $0 < location.column }.count
        return moved
    }

    /// Wraps every call-like value of one line; returns the line and the inserted quotes' columns.
    private static func rewrite(_ scalars: [Unicode.Scalar]) -> (String, [Int]) {
        var out = String.UnicodeScalarView()
        var columns: [Int] = []
        var index = 0
        var inQuote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let quote = inQuote {
                out.append(scalar)
                if scalar == quote { inQuote = nil }
                index += 1
                continue
            }
            if scalar == "#", index == 0 || scalars[index - 1] == " " {
                out.append(contentsOf: scalars[index...])  // a comment: leave the rest alone
                break
            }
            if scalar == "\"" || scalar == "'", index == 0 || isValueStart(scalars, before: index) {
                inQuote = scalar
                out.append(scalar)
                index += 1
                continue
            }
            if isIdentifierStart(scalar), index == 0 || isValueStart(scalars, before: index),
                let end = callEnd(scalars, from: index),
                let quote = quoteCharacter(for: scalars[index...end])
            {
                columns.append(out.count + 1)
                out.append(quote)
                out.append(contentsOf: scalars[index...end])
                columns.append(out.count + 1)
                out.append(quote)
                index = end + 1
                continue
            }
            out.append(scalar)
            index += 1
        }
        return (String(out), columns)
    }

    /// Whether a value can start here: after `: `, `- `, `[`, `{` or `, ` (spaces skipped).
    private static func isValueStart(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        var cursor = index - 1
        while cursor >= 0, scalars[cursor] == " " { cursor -= 1 }
        guard cursor >= 0 else { return true }
        switch scalars[cursor] {
        case "[", "{", ",": return true
        case ":", "-": return cursor < index - 1  // needs the space YAML needs
        default: return false
        }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar == "_"
    }

    /// The index of the `)` that closes `name(…)` when the arguments contain a colon (which YAML
    /// reads as a mapping) or a comma (which splits a flow collection like
    /// `{ image: uniform(8MP, 12MP) }`); nil otherwise.
    private static func callEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var cursor = start
        while cursor < scalars.count, scalars[cursor].properties.isAlphabetic || scalars[cursor] == "_"
            || ("0"..."9").contains(scalars[cursor]) || scalars[cursor] == "-"
        {
            cursor += 1
        }
        while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == "(" else { return nil }
        var depth = 0
        var sawColon = false
        while cursor < scalars.count {
            switch scalars[cursor] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return sawColon ? cursor : nil }
            case ":", ",": sawColon = true
            default: break
            }
            cursor += 1
        }
        // Unclosed: quote to the end of the value so the distribution parser can say what is
        // missing, instead of YAML complaining about a colon.
        guard sawColon else { return nil }
        var end = scalars.count - 1
        if let comment = (start..<scalars.count).first(where: { scalars[$0] == "#" && scalars[$0 - 1] == " " }) {
            end = comment - 1
        }
        while end > start, scalars[end] == " " { end -= 1 }
        return end
    }

    private static func quoteCharacter(for call: ArraySlice<Unicode.Scalar>) -> Unicode.Scalar? {
        let hasDouble = call.contains("\"")
        let hasSingle = call.contains("'")
        if !hasDouble { return "\"" }
        if !hasSingle { return "'" }
        return nil
    }
}
