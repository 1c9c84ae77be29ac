/// One problem found in a topology: where, how bad, and what to do about it.
package struct Diagnostic: Sendable, Hashable {
    package enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    package var severity: Severity
    package var message: String
    package var location: SourceLocation
    /// Extra lines printed under the caret, e.g. the path of a call cycle.
    package var notes: [String]

    package init(_ severity: Severity, _ message: String, at location: SourceLocation, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    package static func error(_ message: String, at location: SourceLocation, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    package static func warning(_ message: String, at location: SourceLocation, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }
}

/// Collects diagnostics while a file is checked, so one run reports every problem.
package struct Diagnostics: Sendable {
    package private(set) var all: [Diagnostic] = []

    package init() {}

    package mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    package mutating func error(_ message: String, at location: SourceLocation, notes: [String] = []) {
        all.append(.error(message, at: location, notes: notes))
    }

    package mutating func warning(_ message: String, at location: SourceLocation, notes: [String] = []) {
        all.append(.warning(message, at: location, notes: notes))
    }

    package mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    package var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// In file order, errors before warnings at the same place; duplicates removed (the same
    /// problem can be found by two checks that look at one node from different sides).
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted {
            if $0.location != $1.location { return $0.location < $1.location }
            if $0.severity != $1.severity { return $0.severity == .error }
            return $0.message < $1.message
        }
    }
}
