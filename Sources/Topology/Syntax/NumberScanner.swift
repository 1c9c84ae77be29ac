// MARK: - Number token

/// A number as written: optional sign, digits with `_` separators (`10_000`), optional fraction,
/// optional exponent (`1e6`, `2.5E-3`), and — only where money is read — `,` between groups of
/// three digits (`4,000.50`).
struct NumberToken: Sendable {
    /// Covers the sign, if any, and the last digit.
    var range: Range<Int>
    /// May be infinite for huge literals: the caller reports "number too large" with its own offset.
    var value: Double
}

enum NumberScan: Sendable {
    case number(NumberToken)
    /// A lone `+` or `-`, at the given offset.
    case signOnly(Int)
    /// No digits at all.
    case none
    case failure(SyntaxError)
}

// MARK: - Scanner

enum NumberScanner {
    static let groupingMessage = "commas must separate groups of three digits, like `$4,000.50`"

    /// Scans the longest number starting at `start`; never looks past `end`.
    static func scan(
        _ text: ScalarText, from start: Int, to end: Int, allowSign: Bool = true, groupingCommas: Bool = false
    ) -> NumberScan {
        // Only ASCII ends up in `literal`, so handing it to `Double(_:)` is safe and linear.
        var literal = String.UnicodeScalarView()
        var i = start
        if allowSign, let sign = text.at(i), i < end, sign == "-" || sign == "+" {
            literal.append(sign)
            i += 1
        }
        let integerStart = i
        var digits = 0
        var digitsInGroup = 0
        var sawComma = false
        while i < end {
            let c = text[i]
            if c.isSyntaxDigit {
                literal.append(c)
                digits += 1
                digitsInGroup += 1
                i += 1
            } else if c == "_", i > integerStart, text[i - 1].isSyntaxDigit, text.at(i + 1)?.isSyntaxDigit == true, i + 1 < end {
                i += 1
            } else if c == ",", groupingCommas, i > integerStart, text[i - 1].isSyntaxDigit,
                      text.at(i + 1)?.isSyntaxDigit == true, i + 1 < end {
                var j = i + 1
                while j < end, text[j].isSyntaxDigit { j += 1 }
                // The group before the first comma has 1–3 digits, every later one exactly 3.
                guard j - (i + 1) == 3, sawComma ? digitsInGroup == 3 : digitsInGroup <= 3 else {
                    return .failure(SyntaxError(groupingMessage, at: i))
                }
                sawComma = true
                digitsInGroup = 0
                i += 1
            } else {
                break
            }
        }
        if i < end, text[i] == ".", i + 1 < end, text[i + 1].isSyntaxDigit {
            if digits == 0 { literal.append("0") }
            literal.append(".")
            i += 1
            while i < end {
                let c = text[i]
                if c.isSyntaxDigit {
                    literal.append(c)
                    digits += 1
                    i += 1
                } else if c == "_", text[i - 1].isSyntaxDigit, i + 1 < end, text[i + 1].isSyntaxDigit {
                    i += 1
                } else {
                    break
                }
            }
        }
        guard digits > 0 else {
            return i > start ? .signOnly(start) : .none
        }
        // An exponent only counts when digits follow, so `5e` stays "5" with the unit "e".
        if i < end, text[i] == "e" || text[i] == "E" {
            var j = i + 1
            var exponent = String.UnicodeScalarView(["e"])
            if j < end, text[j] == "+" || text[j] == "-" {
                exponent.append(text[j])
                j += 1
            }
            if j < end, text[j].isSyntaxDigit {
                while j < end, text[j].isSyntaxDigit {
                    exponent.append(text[j])
                    j += 1
                }
                literal.append(contentsOf: exponent)
                i = j
            }
        }
        let value = Double(String(literal)) ?? .infinity
        return .number(NumberToken(range: start..<i, value: value))
    }

    /// Whether the `,` at `index` continues a money amount like `4,000` rather than separating
    /// two arguments or list items: a digit before it and exactly three digits after it.
    static func isGroupingComma(_ text: ScalarText, at index: Int, end: Int) -> Bool {
        guard index > 0, text[index - 1].isSyntaxDigit else { return false }
        for k in 1...3 {
            guard index + k < end, text[index + k].isSyntaxDigit else { return false }
        }
        return !(index + 4 < end && text[index + 4].isSyntaxDigit)
    }
}
