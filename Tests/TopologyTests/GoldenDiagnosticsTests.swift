import Foundation
import Testing

@testable import Topology

/// The bad-topology corpus: each `Fixtures/bad/NAME.yaml` has its expected diagnostics in
/// `NAME.expected`, exactly as `archsim validate` prints them. Re-record with
/// `ARCHSIM_RECORD_GOLDEN=1 swift test --filter Golden` (then read the diff).
@Suite("Golden diagnostics")
struct GoldenDiagnosticsTests {
    static let cases = RepositoryFiles.files(in: "Tests/TopologyTests/Fixtures/bad", withExtension: "yaml")

    @Test("the corpus is large enough")
    func corpusSize() {
        #expect(Self.cases.count >= 40)
    }

    @Test("diagnostics match the golden file", arguments: cases)
    func golden(_ path: String) throws {
        let text = try RepositoryFiles.read(path)
        // Name the file relative to the fixtures, so goldens don't depend on the checkout path.
        let name = "bad/" + (path as NSString).lastPathComponent
        // Files the fixture names (traces, samples) are found beside it, in `Fixtures/bad`.
        let result = TopologyLoader.load(text: text, file: name, options: Self.options(for: path))
        let rendered = result.renderedDiagnostics()
        let expectedPath = String(path.dropLast(".yaml".count)) + ".expected"

        let hasErrors = result.hasErrors
        #expect(hasErrors, "a file of the bad corpus must have at least one error")
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for diagnostic in result.diagnostics {
            #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lineCount + 1)
            #expect(diagnostic.location.column >= 1)
        }
        if RepositoryFiles.isRecording {
            try rendered.write(to: RepositoryFiles.url(expectedPath), atomically: true, encoding: .utf8)
            return
        }
        let expected = try RepositoryFiles.read(expectedPath)
        #expect(rendered == expected, "diagnostics changed; re-record with ARCHSIM_RECORD_GOLDEN=1 if intended")
    }

    static func options(for path: String) -> LoadOptions {
        LoadOptions(directory: RepositoryFiles.url((path as NSString).deletingLastPathComponent).path)
    }
}

/// Topologies that are valid but risky: `Fixtures/warn/NAME.yaml` has warnings and no errors,
/// golden in `NAME.expected` like the bad corpus (same re-recording).
@Suite("Golden warnings")
struct GoldenWarningsTests {
    static let cases = RepositoryFiles.files(in: "Tests/TopologyTests/Fixtures/warn", withExtension: "yaml")

    @Test("warnings match the golden file, and nothing is an error", arguments: cases)
    func golden(_ path: String) throws {
        let text = try RepositoryFiles.read(path)
        let name = "warn/" + (path as NSString).lastPathComponent
        let result = TopologyLoader.load(text: text, file: name, options: GoldenDiagnosticsTests.options(for: path))
        #expect(!result.hasErrors, "a file of the warning corpus must be valid")
        #expect(result.diagnostics.contains { $0.severity == .warning })
        let rendered = result.renderedDiagnostics()
        let expectedPath = String(path.dropLast(".yaml".count)) + ".expected"
        if RepositoryFiles.isRecording {
            try rendered.write(to: RepositoryFiles.url(expectedPath), atomically: true, encoding: .utf8)
            return
        }
        #expect(rendered == (try RepositoryFiles.read(expectedPath)), "warnings changed; re-record with ARCHSIM_RECORD_GOLDEN=1 if intended")
    }

    @Test("the corpus exists")
    func corpusSize() {
        #expect(Self.cases.count >= 2)
    }
}
