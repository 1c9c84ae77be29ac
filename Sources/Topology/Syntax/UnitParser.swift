import Foundation

// MARK: - Unit parser

/// Reads quantities like `250ms`, `50/s`, `2GiB`, `12MP`, `75%`, `$4,000.50`.
package enum UnitParser {
    /// Parses text like "250ms" as the given dimension. Whitespace between number and unit is allowed.
    ///
    /// Negative numbers are accepted: range checks are the caller's job, with its own wording.
    package static func parse(_ text: String, as dimension: Dimension) -> Result<Quantity, SyntaxError> {
        let scalars = ScalarText(text)
        return parseQuantity(in: scalars, scalars.whole, as: dimension).mapError(\.error)
    }

    /// Which dimension a text like "250ms" has, if any unit matches (nil for a plain number or an
    /// unknown unit).
    package static func dimension(of text: String) -> Dimension? {
        let scalars = ScalarText(text)
        return dimension(in: scalars, scalars.whole)
    }

    /// The canonical textual form of a value, for messages and docs: `format(0.25, .duration)` is
    /// `250ms`, `format(1_048_576, .size)` is `1MiB`. Parsing the result gives the value back to
    /// twelve significant digits.
    package static func format(_ value: Double, _ dimension: Dimension) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        switch dimension {
        case .count:
            return sign + formatNumber(magnitude)
        case .money:
            return sign + formatMoney(magnitude) + " USD"
        default:
            return sign + formatWithUnit(magnitude, dimension)
        }
    }
}

// MARK: - Failure kinds

/// A quantity error plus what kind it is, so callers with more context (targets) can reword the
/// two common ones.
struct QuantityFailure: Error, Sendable {
    enum Kind: Sendable, Equatable {
        case missingUnit
        case wrongDimension(Dimension)
        case other
    }

    var kind: Kind
    var error: SyntaxError

    static func other(_ message: String, at offset: Int) -> QuantityFailure {
        QuantityFailure(kind: .other, error: SyntaxError(message, at: offset))
    }
}

// MARK: - Parsing

extension UnitParser {
    /// The dimension of the quantity in `range`, trying every dimension but `count`.
    static func dimension(in text: ScalarText, _ range: Range<Int>) -> Dimension? {
        Dimension.allCases.first { dimension in
            guard dimension != .count else { return false }
            if case .success = parseQuantity(in: text, range, as: dimension) { return true }
            return false
        }
    }

    /// Parses the quantity in `range` of `text`; error offsets are absolute in `text`, so the
    /// distribution, condition and target parsers can hand over a slice of their own text.
    static func parseQuantity(in text: ScalarText, _ whole: Range<Int>, as dimension: Dimension) -> Result<Quantity, QuantityFailure> {
        let range = text.trimmed(whole)
        guard !range.isEmpty else {
            return .failure(.other("empty value: \(dimension.advice)", at: whole.lowerBound))
        }
        let end = range.upperBound
        var i = range.lowerBound

        // MARK: Currency written before the number: `$4000`, `-$5`, `USD 4000`
        var negative = false
        var signBeforeCurrency = false
        var currency: String?
        if text[i] == "-" || text[i] == "+", text.at(i + 1) == "$", i + 1 < end {
            negative = text[i] == "-"
            signBeforeCurrency = true
            i += 1
        }
        if text[i] == "$" {
            currency = "$"
            i = text.skipSpaces(from: i + 1, to: end)
        } else if text[i].isSyntaxLetter {
            var j = i
            while j < end, text[j].isSyntaxLetter { j += 1 }
            let word = text.string(i..<j)
            if word == "USD" {
                currency = word
                i = text.skipSpaces(from: j, to: end)
            } else if ["inf", "infinity", "nan"].contains(word.lowercased()) {
                return .failure(.other("number too large", at: i))
            } else if dimension == .money, word.lowercased() == "usd" {
                return .failure(.other("unknown unit `\(word)` for an amount of money (did you mean `USD`?)", at: i))
            } else {
                return .failure(.other("expected a number but found `\(text.wordExcerpt(at: i, to: end))`: \(dimension.advice)", at: i))
            }
        }

        // MARK: The number
        let grouping = dimension == .money || currency != nil
        let number: NumberToken
        switch NumberScanner.scan(text, from: i, to: end, allowSign: !signBeforeCurrency, groupingCommas: grouping) {
        case .failure(let error):
            return .failure(QuantityFailure(kind: .other, error: error))
        case .signOnly(let at):
            let word = text.string(at + 1..<text.endOfIdentifier(from: at + 1, to: end)).lowercased()
            if ["inf", "infinity", "nan"].contains(word) {
                return .failure(.other("number too large", at: at))
            }
            return .failure(.other("expected digits after `\(text[at])`", at: at + 1))
        case .none:
            if let currency {
                let example = currency == "$" ? "$4000" : "USD 4000"
                return .failure(.other("expected an amount after `\(currency)`, like `\(example)`", at: i))
            }
            return .failure(.other("expected a number but found `\(text.wordExcerpt(at: i, to: end))`: \(dimension.advice)", at: i))
        case .number(let token):
            number = token
        }
        guard number.value.isFinite else {
            return .failure(.other("number too large", at: number.range.lowerBound))
        }
        let afterNumber = number.range.upperBound
        if !grouping, text.at(afterNumber) == ",", text.at(afterNumber + 1)?.isSyntaxDigit == true, afterNumber + 1 < end {
            return .failure(.other("a comma is only allowed in an amount of money: write `10000` or `10_000`", at: afterNumber))
        }
        let numberText = text.excerpt(number.range)
        let value = negative ? -number.value : number.value

        // MARK: After a currency prefix nothing may follow
        if currency != nil {
            let rest = text.skipSpaces(from: afterNumber, to: end)
            let written = range.lowerBound..<afterNumber
            guard rest == end else {
                return .failure(.other("unexpected `\(text.excerpt(rest..<end))` after `\(text.excerpt(written))`", at: rest))
            }
            return checked(Quantity(value: value, dimension: .money), written, expected: dimension, in: text)
        }

        // MARK: No unit
        let unitStart = text.skipSpaces(from: afterNumber, to: end)
        if unitStart == end {
            if dimension == .count { return .success(Quantity(value: value, dimension: .count)) }
            return .failure(QuantityFailure(
                kind: .missingUnit,
                error: SyntaxError(missingUnitMessage(numberText, value, dimension), at: afterNumber)))
        }

        // MARK: Pixel box `3000x4000`
        // Where megapixels are expected every `x` starts a box, so `3000x` gets a box message;
        // elsewhere only a complete box counts, so `0x10` for a count is not about pixels.
        if PixelBoxParser.isTimesSign(text[unitStart]) {
            switch PixelBoxParser.parseBox(in: text, range) {
            case .failure(let error) where dimension == .megapixels:
                return .failure(QuantityFailure(kind: .other, error: error))
            case .failure:
                break
            case .success(let box):
                let megapixels = Double(box.width) * Double(box.height) / 1e6
                return checked(Quantity(value: megapixels, dimension: .megapixels), range, expected: dimension, in: text)
            }
        }

        // MARK: The unit
        // Spaces around a `/` belong to the unit (`50 / s`); any other space ends it.
        var unitEnd = text.endOfWord(from: unitStart, to: end)
        while true {
            let next = text.skipSpaces(from: unitEnd, to: end)
            guard next < end, next > unitEnd, text[unitEnd - 1] == "/" || text[next] == "/" else { break }
            unitEnd = text.endOfWord(from: next, to: end)
        }
        var unitView = String.UnicodeScalarView()
        unitView.append(contentsOf: text.scalars[unitStart..<unitEnd].lazy.filter { !$0.isSyntaxSpace })
        let unit = String(unitView)
        let written = range.lowerBound..<unitEnd
        let unitText = text.excerpt(unitStart..<unitEnd)

        guard let definition = UnitTable.bySymbol[unit] else {
            if dimension == .count {
                return .failure(.other("unexpected `\(unitText)` after `\(numberText)`: a plain number is expected here", at: unitStart))
            }
            if let suggestion = UnitTable.suggestion(for: unit, in: dimension) {
                return .failure(.other("unknown unit `\(unitText)` for \(dimension.phrase) (did you mean `\(suggestion)`?)", at: unitStart))
            }
            let listed = UnitTable.listedSymbols(of: dimension).joined(separator: ", ")
            return .failure(.other("unknown unit `\(unitText)` for \(dimension.phrase) (expected one of: \(listed))", at: unitStart))
        }
        let base = definition.baseValue(of: value)
        guard base.isFinite else {
            return .failure(.other("number too large", at: number.range.lowerBound))
        }
        let result = checked(Quantity(value: base, dimension: definition.dimension), written, expected: dimension, in: text)
        let rest = text.skipSpaces(from: unitEnd, to: end)
        if case .success = result, rest < end {
            return .failure(.other("unexpected `\(text.excerpt(rest..<end))` after `\(text.excerpt(written))`", at: rest))
        }
        return result
    }

    /// Success if the quantity has the expected dimension, else the "is a size, but" error.
    private static func checked(
        _ quantity: Quantity, _ written: Range<Int>, expected: Dimension, in text: ScalarText
    ) -> Result<Quantity, QuantityFailure> {
        guard quantity.dimension != expected else { return .success(quantity) }
        let message = "`\(text.excerpt(written))` is \(quantity.dimension.phrase), but \(expected.phrase) is expected here"
        return .failure(QuantityFailure(kind: .wrongDimension(quantity.dimension), error: SyntaxError(message, at: written.lowerBound)))
    }

    private static func missingUnitMessage(_ numberText: String, _ value: Double, _ dimension: Dimension) -> String {
        guard dimension == .percentage else { return "`\(numberText)` has no unit: \(dimension.advice)" }
        // A bare 0.75 is most likely meant as a fraction: show it as the percentage it would be.
        let example = (0...1).contains(value) ? format(value, .percentage) : "\(numberText)%"
        return "`\(numberText)` has no unit: write it as a percentage, e.g. `\(example)`"
    }
}

// MARK: - Formatting

extension UnitParser {
    /// A number with at most twelve significant digits — enough to hide binary noise such as
    /// 0.1 + 0.2, few enough to read — with no needless zeros or decimal point.
    static func formatNumber(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        let text = String(format: "%.12g", value)
        guard let e = text.firstIndex(of: "e") else { return text }
        // `%g` writes `1e+16` and `1.5e-07`; the language writes `1e16` and `1.5e-7`.
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "+" || exponent.first == "-" {
            sign = exponent.first == "-" ? "-" : ""
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : digits)"
    }

    /// Picks the largest unit in which the amount is at least 1, under 1000 and has at most three
    /// decimals — `250ms`, `1.5h`, `10min`, `1.5KiB`, `500MB` — and otherwise the unit giving the
    /// shortest text, plain notation beating a shorter exponent (`316000000s`, not `3.16e14µs`).
    private static func formatWithUnit(_ magnitude: Double, _ dimension: Dimension) -> String {
        let symbols = UnitTable.formatSymbols[dimension] ?? []
        if magnitude == 0 { return "0" + (UnitTable.zeroSymbol[dimension] ?? "") }
        var shortest: (text: String, rank: Int)?
        for symbol in symbols {
            guard let unit = UnitTable.bySymbol[symbol] else { continue }
            let amount = unit.amount(of: magnitude)
            // The tolerance keeps 1e-6 s (0.9999999999999999 µs after conversion) in microseconds.
            guard amount >= 1 - 1e-9 else { continue }
            let number = formatNumber(amount)
            if amount < 1000, isNearlyWhole(amount * 1000) { return number + symbol }
            let rank = number.unicodeScalars.count + symbol.unicodeScalars.count + (number.contains("e") ? 1000 : 0)
            if rank < shortest?.rank ?? .max {
                shortest = (number + symbol, rank)
            }
        }
        if let shortest { return shortest.text }
        // Smaller than one of the smallest unit: write it in that unit anyway.
        let smallest = symbols.last.flatMap { UnitTable.bySymbol[$0] }
        return formatNumber(smallest?.amount(of: magnitude) ?? magnitude) + (smallest?.symbol ?? "")
    }

    private static func isNearlyWhole(_ value: Double) -> Bool {
        abs(value - value.rounded()) <= 1e-9 * max(1, abs(value))
    }

    /// Whole dollars without decimals, otherwise cents as money is usually written.
    private static func formatMoney(_ magnitude: Double) -> String {
        let cents = (magnitude * 100).rounded()
        let wholeCents = cents >= 1 && abs(magnitude * 100 - cents) <= 1e-9 * cents
        if magnitude == magnitude.rounded() || !wholeCents || magnitude >= 1e13 {
            return formatNumber(magnitude)
        }
        return String(format: "%.2f", magnitude)
    }
}
