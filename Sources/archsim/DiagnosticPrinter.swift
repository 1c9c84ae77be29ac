import Foundation
import Topology

/// Writes a load result's diagnostics to standard error, compiler style.
enum DiagnosticPrinter {
    /// Returns how many diagnostics were printed.
    @discardableResult
    static func print(_ result: LoadResult, includeWarnings: Bool = true) -> Int {
        let text = result.renderedDiagnostics(includeWarnings: includeWarnings)
        if !text.isEmpty {
            FileHandle.standardError.write(Data(text.utf8))
        }
        return result.diagnosticCount(includeWarnings: includeWarnings)
    }

    /// Diagnostics found after loading (compiling for simulation), quoted from the same source.
    static func print(_ diagnostics: [Diagnostic], source: LoadResult) {
        guard !diagnostics.isEmpty else { return }
        let text = source.rendered(diagnostics)
        FileHandle.standardError.write(Data(text.utf8))
    }
}
