import Foundation

/// Paths of files in the repository, found from this source file so tests can read (and,
/// when re-recording goldens, write) the committed files.
enum RepositoryFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = root.appendingPathComponent("Tests/TopologyTests/Fixtures")

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// Files in a repository folder with the given extension, sorted by name.
    static func files(in folder: String, withExtension ext: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
    }

    /// Set ARCHSIM_RECORD_GOLDEN=1 to rewrite golden files instead of comparing.
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ARCHSIM_RECORD_GOLDEN"] == "1"
    }
}
