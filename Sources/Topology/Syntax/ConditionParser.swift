// MARK: - Condition parser

/// Reads routing conditions like `type == CAR and size > 10MP`.
package enum ConditionParser {
    /// Grammar:
    ///
    ///     or-expr    := and-expr (("or" | "||") and-expr)*
    ///     and-expr   := unary (("and" | "&&") unary)*
    ///     unary      := ("not" | "!") unary | "(" or-expr ")" | comparison
    ///     comparison := attribute op value | attribute ["not"] "in" "[" value ("," value)* "]"
    ///     attribute  := identifier of letters, digits, `_`, `-`, `.` (`type`, `payload.image`)
    ///     value      := CAR | "CAR" | 'CAR' | 5 | 10MP | 10 MP | $4,000
    ///
    /// `and` binds tighter than `or`; both group to the left. A value that starts like a number
    /// must be a number or a quantity — quote it if it is text (`"4K"`) — so a mistyped unit is
    /// reported instead of silently becoming text.
    package static func parse(_ text: String) -> Result<Condition, SyntaxError> {
        let scalars = ScalarText(text)
        var parser = ConditionParserState(text: scalars, tokens: ConditionLexer.tokens(scalars))
        do {
            return .success(try parser.parseCondition())
        } catch {
            return .failure(error)
        }
    }

    /// Deeper nesting than this is certainly a mistake, and the limit keeps recursion (here and
    /// in the synthesised `Hashable` of the result) far from the stack's end.
    static let maximumDepth = 100
}

// MARK: - Tokens

struct ConditionToken: Sendable {
    enum Kind: Sendable, Equatable {
        /// A word or number: attribute, value, keyword.
        case bare
        case string
        case op(ComparisonOperator)
        /// A single `=`, reported as a mistake for `==`.
        case assign
        case bang
        case and
        case or
        case open
        case close
        case openBracket
        case closeBracket
        case comma
        /// Cannot start a token; the message says why.
        case invalid(String)
        case end
    }

    var kind: Kind
    var range: Range<Int>
}

// MARK: - Lexer

enum ConditionLexer {
    /// Scalars that end a bare word.
    static let special: Set<Unicode.Scalar> = ["(", ")", "[", "]", ",", "=", "!", "<", ">", "&", "|", "\"", "'"]

    static func tokens(_ text: ScalarText) -> [ConditionToken] {
        var tokens: [ConditionToken] = []
        let end = text.count
        var i = 0
        func add(_ kind: ConditionToken.Kind, _ length: Int) {
            tokens.append(ConditionToken(kind: kind, range: i..<(i + length)))
            i += length
        }
        while true {
            i = text.skipSpaces(from: i, to: end)
            guard i < end else { break }
            let c = text[i]
            let pairsWithEquals = text.at(i + 1) == "="
            switch c {
            case "(": add(.open, 1)
            case ")": add(.close, 1)
            case "[": add(.openBracket, 1)
            case "]": add(.closeBracket, 1)
            case ",": add(.comma, 1)
            case "=" where text.at(i + 1) == ">": add(.invalid("write `>=`, not `=>`"), 2)
            case "=" where text.at(i + 1) == "<": add(.invalid("write `<=`, not `=<`"), 2)
            case "=": pairsWithEquals ? add(.op(.equal), 2) : add(.assign, 1)
            case "!": pairsWithEquals ? add(.op(.notEqual), 2) : add(.bang, 1)
            case "<": pairsWithEquals ? add(.op(.lessOrEqual), 2) : add(.op(.less), 1)
            case ">": pairsWithEquals ? add(.op(.greaterOrEqual), 2) : add(.op(.greater), 1)
            case "&":
                text.at(i + 1) == "&" ? add(.and, 2) : add(.invalid("use `&&` or `and` to combine conditions"), 1)
            case "|":
                text.at(i + 1) == "|" ? add(.or, 2) : add(.invalid("use `||` or `or` to combine conditions"), 1)
            case "\"", "'":
                guard let closing = text.closingQuote(at: i, to: end) else {
                    add(.invalid("unterminated string: missing closing `\(c)`"), end - i)
                    continue
                }
                add(.string, closing + 1 - i)
            default:
                // `$4,000` keeps its grouping commas; elsewhere a comma separates list items.
                let money = c == "$" || ((c == "-" || c == "+") && text.at(i + 1) == "$")
                var j = i
                while j < end, !text[j].isSyntaxSpace {
                    if text[j] == ",", money, NumberScanner.isGroupingComma(text, at: j, end: end) {
                        j += 1
                    } else if special.contains(text[j]) {
                        break
                    } else {
                        j += 1
                    }
                }
                add(.bare, j - i)
            }
        }
        tokens.append(ConditionToken(kind: .end, range: end..<end))
        return tokens
    }
}

// MARK: - Parser state

private struct ConditionParserState {
    /// A parsed condition and how many operators deep its tree is (0 for a comparison).
    struct Parsed {
        var condition: Condition
        var depth: Int
    }

    let text: ScalarText
    let tokens: [ConditionToken]
    var index = 0
    var nesting = 0

    static let example = "expected a comparison like `type == CAR`"

    var current: ConditionToken { tokens[index] }

    func isWord(_ token: ConditionToken, _ word: String) -> Bool {
        token.kind == .bare && token.range.count == word.unicodeScalars.count && text.string(token.range) == word
    }

    func isKeyword(_ token: ConditionToken) -> Bool {
        ["and", "or", "not", "in"].contains { isWord(token, $0) }
    }

    func quoted(_ token: ConditionToken) -> String {
        token.kind == .end ? "the end" : "`\(text.excerpt(token.range))`"
    }

    // MARK: Expressions

    mutating func parseCondition() throws(SyntaxError) -> Condition {
        guard current.kind != .end else {
            throw SyntaxError("empty condition: write one like `type == CAR`", at: 0)
        }
        let parsed = try parseOr()
        guard current.kind == .end else { throw unexpected(insideParentheses: false) }
        return parsed.condition
    }

    private mutating func parseOr() throws(SyntaxError) -> Parsed {
        var left = try parseAnd()
        while current.kind == .or || isWord(current, "or") {
            let op = current
            index += 1
            let right = try parseAnd()
            left = try combine(.or(left.condition, right.condition), left, right, at: op)
        }
        return left
    }

    private mutating func parseAnd() throws(SyntaxError) -> Parsed {
        var left = try parseUnary()
        while current.kind == .and || isWord(current, "and") {
            let op = current
            index += 1
            let right = try parseUnary()
            left = try combine(.and(left.condition, right.condition), left, right, at: op)
        }
        return left
    }

    private func combine(_ condition: Condition, _ left: Parsed, _ right: Parsed, at op: ConditionToken) throws(SyntaxError) -> Parsed {
        let depth = max(left.depth, right.depth) + 1
        guard depth <= ConditionParser.maximumDepth else {
            throw SyntaxError("condition too complex: more than \(ConditionParser.maximumDepth) nested operators", at: op.range.lowerBound)
        }
        return Parsed(condition: condition, depth: depth)
    }

    private mutating func parseUnary() throws(SyntaxError) -> Parsed {
        let token = current
        let negation = token.kind == .bang || isWord(token, "not")
        guard negation || token.kind == .open else { return try parseComparison() }
        guard nesting < ConditionParser.maximumDepth else {
            throw SyntaxError("condition nested too deeply: more than \(ConditionParser.maximumDepth) levels", at: token.range.lowerBound)
        }
        index += 1
        nesting += 1
        defer { nesting -= 1 }
        if negation {
            let inner = try parseUnary()
            return try combine(.not(inner.condition), inner, inner, at: token)
        }
        let inner = try parseOr()
        guard current.kind == .close else {
            if current.kind == .end { throw SyntaxError("unclosed `(`: missing `)`", at: token.range.lowerBound) }
            throw unexpected(insideParentheses: true)
        }
        index += 1
        return inner
    }

    /// The error for a token where the condition could have ended.
    private func unexpected(insideParentheses: Bool) -> SyntaxError {
        let token = current
        let offset = token.range.lowerBound
        switch token.kind {
        case .invalid(let message):
            return SyntaxError(message, at: offset)
        case .close:
            return SyntaxError("unbalanced `)`: it has no matching `(`", at: offset)
        case .closeBracket:
            return SyntaxError("unbalanced `]`: it has no matching `[`", at: offset)
        case .assign:
            return SyntaxError("use `==` to compare, not `=`", at: offset)
        default:
            if token.kind == .bare, let keyword = ["and", "or", "not", "in"].first(where: { text.string(token.range).lowercased() == $0 }) {
                return SyntaxError("unexpected `\(text.string(token.range))`: write `\(keyword)` in lower case", at: offset)
            }
            if insideParentheses {
                return SyntaxError("expected `)`, `and` or `or` but found \(quoted(token))", at: offset)
            }
            return SyntaxError("unexpected \(quoted(token)) after a complete condition (join conditions with `and` or `or`)", at: offset)
        }
    }

    // MARK: Comparisons

    private mutating func parseComparison() throws(SyntaxError) -> Parsed {
        let name = current
        if case .invalid(let message) = name.kind { throw SyntaxError(message, at: name.range.lowerBound) }
        guard name.kind == .bare, !isKeyword(name) else {
            throw SyntaxError(Self.example, at: name.range.lowerBound)
        }
        guard text.endOfIdentifier(from: name.range.lowerBound, to: name.range.upperBound, extra: ["-", "."]) == name.range.upperBound else {
            throw SyntaxError(
                "`\(text.excerpt(name.range))` is not an attribute name: use letters, digits, `_`, `-` and `.`, like `payload.image`",
                at: name.range.lowerBound)
        }
        let attribute = text.string(name.range)
        index += 1
        let op = current
        switch op.kind {
        case .op(let comparison):
            index += 1
            let value = try parseValue(after: op)
            return Parsed(condition: .compare(attribute: attribute, op: comparison, value: value), depth: 0)
        case .assign:
            throw SyntaxError("use `==` to compare, not `=`", at: op.range.lowerBound)
        case .invalid(let message):
            throw SyntaxError(message, at: op.range.lowerBound)
        default:
            var negated = false
            if isWord(op, "not") {
                negated = true
                index += 1
                guard isWord(current, "in") else {
                    throw SyntaxError("expected `in` after `not`, like `type not in [CAR, BIKE]`", at: current.range.lowerBound)
                }
            } else if !isWord(op, "in") {
                throw SyntaxError(Self.example, at: op.range.lowerBound)
            }
            index += 1
            let values = try parseList()
            return Parsed(condition: .isIn(attribute: attribute, values: values, negated: negated), depth: 0)
        }
    }

    private mutating func parseList() throws(SyntaxError) -> [ConditionValue] {
        let open = current
        guard open.kind == .openBracket else {
            throw SyntaxError("expected `[` after `in`, like `type in [CAR, BIKE]`", at: open.range.lowerBound)
        }
        index += 1
        guard current.kind != .closeBracket else {
            throw SyntaxError("empty list: write at least one value, like `type in [CAR, BIKE]`", at: open.range.lowerBound)
        }
        var values: [ConditionValue] = []
        var previous = open
        while true {
            values.append(try parseValue(after: previous))
            switch current.kind {
            case .comma:
                previous = current
                index += 1
            case .closeBracket:
                index += 1
                return values
            case .end:
                throw SyntaxError("unclosed `[`: missing `]`", at: open.range.lowerBound)
            case .invalid(let message):
                throw SyntaxError(message, at: current.range.lowerBound)
            default:
                throw SyntaxError("expected `,` or `]` in the list but found \(quoted(current))", at: current.range.lowerBound)
            }
        }
    }

    // MARK: Values

    private mutating func parseValue(after previous: ConditionToken) throws(SyntaxError) -> ConditionValue {
        let token = current
        switch token.kind {
        case .string:
            index += 1
            return .text(text.unquoted(token.range))
        case .invalid(let message):
            throw SyntaxError(message, at: token.range.lowerBound)
        case .bare where !isKeyword(token):
            index += 1
            let first = text[token.range.lowerBound]
            guard first.isSyntaxDigit || first == "." || first == "+" || first == "-" || first == "$" else {
                return .text(text.string(token.range))
            }
            var range = token.range
            // `10 MP`: a plain number, then a unit symbol as a word of its own.
            if case .number(let number) = NumberScanner.scan(text, from: range.lowerBound, to: range.upperBound),
               number.range.upperBound == range.upperBound,
               current.kind == .bare, UnitTable.bySymbol[text.string(current.range)] != nil {
                range = range.lowerBound..<current.range.upperBound
                index += 1
            }
            return try numericValue(range)
        default:
            throw SyntaxError(
                "expected a value after `\(text.excerpt(previous.range))`, like `CAR` or `10MP`", at: token.range.lowerBound)
        }
    }

    /// A value that starts like a number: a number, a quantity, or an error.
    private func numericValue(_ range: Range<Int>) throws(SyntaxError) -> ConditionValue {
        // `$5`, `-$5`: money, and nothing else.
        if text[range.lowerBound] == "$" || text.at(range.lowerBound + 1) == "$" {
            switch UnitParser.parseQuantity(in: text, range, as: .money) {
            case .success(let quantity): return .quantity(quantity)
            case .failure(let failure): throw failure.error
            }
        }
        let number: NumberToken
        switch NumberScanner.scan(text, from: range.lowerBound, to: range.upperBound) {
        case .none, .failure:
            return .text(text.string(range))
        case .signOnly(let at):
            throw SyntaxError("expected digits after `\(text[at])`", at: at + 1)
        case .number(let token):
            number = token
        }
        guard number.value.isFinite else { throw SyntaxError("number too large", at: number.range.lowerBound) }
        if number.range.upperBound == range.upperBound { return .number(number.value) }
        if let dimension = UnitParser.dimension(in: text, range),
           case .success(let quantity) = UnitParser.parseQuantity(in: text, range, as: dimension) {
            return .quantity(quantity)
        }
        // Not a quantity: find out why, so the message is about the actual mistake.
        let unitStart = text.skipSpaces(from: number.range.upperBound, to: range.upperBound)
        var unitView = String.UnicodeScalarView()
        unitView.append(contentsOf: text.scalars[unitStart..<range.upperBound].lazy.filter { !$0.isSyntaxSpace })
        let unit = String(unitView)
        let pixels = PixelBoxParser.isTimesSign(text[unitStart]) ? Dimension.megapixels : nil
        if let expected = UnitTable.bySymbol[unit]?.dimension ?? pixels,
           case .failure(let failure) = UnitParser.parseQuantity(in: text, range, as: expected) {
            throw failure.error
        }
        let written = text.excerpt(range)
        if let suggestion = UnitTable.suggestion(forAnyDimension: unit) {
            throw SyntaxError(
                "unknown unit `\(text.excerpt(unitStart..<range.upperBound))` in `\(written)` (did you mean `\(suggestion)`?); "
                    + "write text values in quotes, like `\"\(written)\"`",
                at: unitStart)
        }
        throw SyntaxError(
            "`\(written)` is not a number or a known quantity: write text values in quotes, like `\"\(written)\"`",
            at: range.lowerBound)
    }
}
