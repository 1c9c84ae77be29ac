/// Prints diagnostics the way compilers do:
///
///     topo.yaml:12:15: error: unknown unit `mss` for a duration (did you mean `ms`?)
///         timeout: 250mss
///                  ^
package struct DiagnosticRenderer: Sendable {
    /// Source text of each file, split into lines, to quote the offending line.
    private var sources: [String: [Substring]] = [:]

    package init() {}

    package mutating func addSource(_ text: String, for file: String) {
        sources[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    package func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message.showingInvisibles())"
        if let lines = sources[diagnostic.location.file],
            diagnostic.location.line >= 1, diagnostic.location.line <= lines.count
        {
            let line = String(lines[diagnostic.location.line - 1]).replacingTabs().showingInvisibles()
            // Quote at most 160 display columns so a minified or binary line stays readable.
            let shown = String(line.prefix(160))
            out += "\n    " + shown
            let caretColumn = min(max(diagnostic.location.column - 1, 0), shown.unicodeScalars.count)
            out += "\n    " + String(repeating: " ", count: caretColumn) + "^"
        }
        for note in diagnostic.notes {
            out += "\n    note: " + note
        }
        return out
    }

    package func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) + "\n" }.joined()
    }
}

extension String {
    /// Bidirectional controls and zero-width characters (`NameRules.invisible`) as U+FFFD `�`,
    /// one scalar for one so the caret stays in place: quoted as they are, they would reorder
    /// or hide text in the terminal or CI log showing the message (Trojan Source).
    fileprivate func showingInvisibles() -> String {
        guard unicodeScalars.contains(where: { NameRules.invisible.contains($0.value) }) else { return self }
        var view = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            view.append(NameRules.invisible.contains(scalar.value) ? "\u{FFFD}" : scalar)
        }
        return String(view)
    }

    /// Tabs would misplace the caret; YAML forbids them for indentation anyway, but they can
    /// appear inside values.
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
