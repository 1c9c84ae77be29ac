import Foundation
import Testing

/// End-to-end runs of the built `archsim` binary: exit codes and output streams, the contract
/// scripts and CI depend on.
@Suite("Command line")
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary sits beside the test bundle in the build products folder.
    static var binary: URL {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle.deletingLastPathComponent(), bundle, bundle.deletingLastPathComponent().deletingLastPathComponent()]
        for folder in candidates {
            let url = folder.appendingPathComponent("archsim")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/archsim")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFile(_ text: String, name: String = "topology.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("validate exits 0 on every example topology")
    func validExamples() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Topologies").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Topologies/" + $0 }
        #expect(!files.isEmpty)
        let outcome = try Self.run(["validate"] + files)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(": ok"))
    }

    @Test("validate exits 2 and names file:line:column on bad input")
    func badInput() throws {
        let path = try Self.temporaryFile("archsim: 1\nname: x\ncomponents:\n  a: { kind: servise }\nworkloads: {}\n")
        let outcome = try Self.run(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path):4:14: error: unknown kind `servise` (did you mean `service`?)"))
        #expect(outcome.stderr.contains("    ^"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a missing file is bad input, not a crash")
    func missingFile() throws {
        let outcome = try Self.run(["validate", "/nonexistent/topology.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/topology.yaml:1:1: error: no such file"))
    }

    @Test("a binary file is bad input, not a crash")
    func binaryFile() throws {
        let path = try Self.temporaryFile("\u{0}\u{1}\u{2}PNG\u{0}")
        let outcome = try Self.run(["validate", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: the file contains a control character"))
    }

    @Test("schema prints the committed JSON Schema")
    func schema() throws {
        let outcome = try Self.run(["schema"])
        #expect(outcome.status == 0)
        let committed = try String(contentsOf: Self.root.appendingPathComponent("topology.schema.json"), encoding: .utf8)
        #expect(outcome.stdout == committed)
    }

    @Test("describe summarises the default topology")
    func describe() throws {
        let outcome = try Self.run(["describe", "Topologies/image-pipeline.yaml"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("workloads:"))
        #expect(outcome.stdout.contains("network: zones"))
    }

    @Test("help text has examples")
    func help() throws {
        let outcome = try Self.run(["validate", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Examples:"))
    }
}

extension CommandLineTests {
    @Test("the README's validation example is what the binary prints")
    func readmeExample() throws {
        let outcome = try Self.run(["validate", "docs/examples/broken.yaml"])
        #expect(outcome.status == 2)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(outcome.stderr + "exit 2\n"), "update the README's tour")
    }
}
