// MARK: - Syntax error

/// Where a syntax error is inside the scalar text, so the caller can put a caret under it.
///
/// The offset counts Unicode scalars (not bytes, not `Character`s) because the YAML decoder maps
/// it onto a column of the source line, and scalars are what Yams' marks count.
package struct SyntaxError: Error, Equatable, Sendable {
    /// Lower-case start, no trailing period, e.g.
    /// "unknown unit `mss` for a duration (did you mean `ms`?)".
    package var message: String
    /// Offset in Unicode scalars from the start of the text (0-based); may equal the text's
    /// length when something is missing at the end.
    package var offset: Int

    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}

// MARK: - CustomStringConvertible

extension SyntaxError: CustomStringConvertible {
    package var description: String { "\(offset): \(message)" }
}
