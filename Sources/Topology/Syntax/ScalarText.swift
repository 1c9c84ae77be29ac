// MARK: - Scalar text

/// The text every scalar parser reads: an array of Unicode scalars.
///
/// Why scalars and not `String.Index`: `SyntaxError.offset` counts scalars, and random access
/// into an array keeps every parser linear — no index walking, hence no quadratic blowup on
/// long or hostile input.
struct ScalarText: Sendable {
    let scalars: [Unicode.Scalar]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var count: Int { scalars.count }
    var whole: Range<Int> { 0..<scalars.count }

    subscript(_ index: Int) -> Unicode.Scalar { scalars[index] }

    /// The scalar at `index`, or nil outside the text: saves a bounds check at every look-ahead.
    func at(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// The text of `range` for quoting in a message, cut short so that a megabyte of input never
    /// becomes a megabyte of message.
    func excerpt(_ range: Range<Int>, limit: Int = 40) -> String {
        guard range.count > limit else { return string(range) }
        return string(range.lowerBound..<(range.lowerBound + limit - 1)) + "…"
    }
}

// MARK: - Navigation

extension ScalarText {
    func skipSpaces(from index: Int, to end: Int) -> Int {
        var i = index
        while i < end, scalars[i].isSyntaxSpace { i += 1 }
        return i
    }

    /// `range` without leading and trailing white space.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        let lower = skipSpaces(from: range.lowerBound, to: range.upperBound)
        var upper = range.upperBound
        while upper > lower, scalars[upper - 1].isSyntaxSpace { upper -= 1 }
        return lower..<upper
    }

    /// End of the run of non-space scalars starting at `index`.
    func endOfWord(from index: Int, to end: Int) -> Int {
        var i = index
        while i < end, !scalars[i].isSyntaxSpace { i += 1 }
        return i
    }

    /// End of an identifier (`[letter _][letter digit _]*`) starting at `index`, plus any scalars
    /// in `extra` (the condition and target languages also allow `-` and `.`).
    func endOfIdentifier(from index: Int, to end: Int, extra: Set<Unicode.Scalar> = []) -> Int {
        guard index < end, scalars[index].isSyntaxIdentifierStart else { return index }
        var i = index + 1
        while i < end, scalars[i].isSyntaxIdentifierStart || scalars[i].isSyntaxDigit || extra.contains(scalars[i]) {
            i += 1
        }
        return i
    }

    /// The quoted word at `index` for "found `…`" messages.
    func wordExcerpt(at index: Int, to end: Int) -> String {
        excerpt(index..<endOfWord(from: index, to: end))
    }
}

// MARK: - Scalar classes

extension Unicode.Scalar {
    var isSyntaxSpace: Bool { properties.isWhitespace }
    var isSyntaxDigit: Bool { ("0"..."9").contains(self) }
    var isSyntaxLetter: Bool { properties.isAlphabetic }
    var isSyntaxIdentifierStart: Bool { self == "_" || properties.isAlphabetic }
}

// MARK: - Quoted strings

extension ScalarText {
    /// Index of the quote closing the one at `index` (`"` or `'`), skipping `\`-escapes; nil if
    /// the string runs past `end`.
    func closingQuote(at index: Int, to end: Int) -> Int? {
        let quote = scalars[index]
        var i = index + 1
        while i < end {
            if scalars[i] == "\\" {
                i += 2
            } else if scalars[i] == quote {
                return i
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The content of a quoted string (`range` includes both quotes) with `\x` read as `x`.
    func unquoted(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        var i = range.lowerBound + 1
        while i < range.upperBound - 1 {
            if scalars[i] == "\\", i + 1 < range.upperBound - 1 { i += 1 }
            view.append(scalars[i])
            i += 1
        }
        return String(view)
    }
}
