// MARK: - Pixel box

/// A width and height in pixels, like `320x240` (also `320×240`): each 1…100000.
package struct PixelBox: Sendable, Hashable {
    package var width: Int
    package var height: Int

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

// MARK: - Parser

package enum PixelBoxParser {
    /// Largest width or height: beyond any camera, small enough that width × height stays exact.
    static let maximumSide = 100_000

    package static func parse(_ text: String) -> Result<PixelBox, SyntaxError> {
        let scalars = ScalarText(text)
        return parseBox(in: scalars, scalars.whole)
    }

    /// `x`, `X` or `×` (U+00D7) between width and height.
    static func isTimesSign(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "x" || scalar == "X" || scalar == "\u{D7}"
    }

    /// Parses the box in `range` of `text` with absolute offsets (also used for `3000x4000` megapixels).
    static func parseBox(in text: ScalarText, _ whole: Range<Int>) -> Result<PixelBox, SyntaxError> {
        let range = text.trimmed(whole)
        guard !range.isEmpty else {
            return .failure(SyntaxError("empty pixel box: write one like `320x240`", at: whole.lowerBound))
        }
        let end = range.upperBound
        let width: (value: Int, end: Int)
        switch side(text, from: range.lowerBound, to: end, name: "width") {
        case .failure(let error): return .failure(error)
        case .success(let result): width = result
        }
        let times = text.skipSpaces(from: width.end, to: end)
        guard times < end, isTimesSign(text[times]) else {
            let message = times == end
                ? "expected `x` and a height after `\(text.excerpt(range.lowerBound..<width.end))`, like `320x240`"
                : "expected `x` between width and height, like `320x240`"
            return .failure(SyntaxError(message, at: times))
        }
        let height: (value: Int, end: Int)
        switch side(text, from: text.skipSpaces(from: times + 1, to: end), to: end, name: "height") {
        case .failure(let error): return .failure(error)
        case .success(let result): height = result
        }
        let rest = text.skipSpaces(from: height.end, to: end)
        guard rest == end else {
            let box = text.excerpt(range.lowerBound..<height.end)
            return .failure(SyntaxError("unexpected `\(text.excerpt(rest..<end))` after `\(box)`", at: rest))
        }
        return .success(PixelBox(width: width.value, height: height.value))
    }

    /// One side: a whole number in 1…maximumSide, and where it ends.
    private static func side(
        _ text: ScalarText, from start: Int, to end: Int, name: String
    ) -> Result<(value: Int, end: Int), SyntaxError> {
        switch NumberScanner.scan(text, from: start, to: end) {
        case .none, .failure:
            let message = name == "width"
                ? "expected a pixel box like `320x240` but found `\(text.wordExcerpt(at: start, to: end))`"
                : "expected a height after `x`, like `320x240`"
            return .failure(SyntaxError(message, at: start))
        case .signOnly(let at):
            return .failure(SyntaxError("expected digits after `\(text[at])`", at: at + 1))
        case .number(let token):
            let value = token.value
            guard value.isFinite, value == value.rounded(), value >= 1, value <= Double(maximumSide) else {
                return .failure(SyntaxError(
                    "\(name) must be a whole number of pixels from 1 to \(maximumSide)", at: token.range.lowerBound))
            }
            return .success((Int(value), token.range.upperBound))
        }
    }
}
