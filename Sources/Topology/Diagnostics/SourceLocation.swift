/// A position in a topology file, 1-based like compilers print it.
///
/// Columns count Unicode scalars, as libyaml (and so Yams) does; the renderer converts them to
/// display columns when it draws the caret.
package struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same location moved right by `offset` scalars: used to point inside a scalar
    /// (e.g. at the bad argument of `lognormal(median: 20ms, sigma: -1)`).
    package func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    package var description: String { "\(file):\(line):\(column)" }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
