import Foundation
import Testing
import Topology

@testable import Models

/// The compiler reads traces and empirical samples through the topology's `DataFiles`, the
/// reader `validate` uses: same folder, same refusal outside it, and no message quoting what a
/// file holds (a trace pointing at `/etc/shadow` used to print its first line).
@Suite("Data files in the compiler")
struct DataFileCompileTests {
    static let secret = "root:$6$TOP-SECRET-HASH:19000:0:99999:7:::"

    /// `root/topology/t.yaml` replaying `root/topology/trace.txt`, service times from `samples.txt`.
    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-compile-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("topology")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "0.5\n1.5\n2.5\n".write(to: folder.appendingPathComponent("trace.txt"), atomically: true, encoding: .utf8)
        try "10ms\n0.02\n".write(to: folder.appendingPathComponent("samples.txt"), atomically: true, encoding: .utf8)
        try (secret + "\n").write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try """
            archsim: 1
            name: files
            simulation: { duration: 10s, warmup: 0s, replications: 1 }
            components:
              web: { kind: service, service_time: "empirical(file: samples.txt)" }
            workloads:
              replay: { entry: web, arrival: { process: trace, file: trace.txt } }
            """.write(to: folder.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func compileMessages(_ topology: Topology) -> [String] {
        do {
            _ = try NetworkCompiler.compile(topology)
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test("files in the topology's folder compile to the trace and samples they hold")
    func compiles() throws {
        let folder = try Self.folder()
        let topology = try #require(TopologyLoader.load(path: folder.appendingPathComponent("t.yaml").path).topology)
        let plan = try NetworkCompiler.compile(topology)
        guard case .trace(let times, _) = plan.workloads.first?.arrival else {
            Issue.record("expected a trace arrival")
            return
        }
        #expect(times == [0.5, 1.5, 2.5])
    }

    @Test("a file that changed into something else after validate is refused without quoting it")
    func changedAfterValidate() throws {
        let folder = try Self.folder()
        let topology = try #require(TopologyLoader.load(path: folder.appendingPathComponent("t.yaml").path).topology)
        try (Self.secret + "\n").write(to: folder.appendingPathComponent("trace.txt"), atomically: true, encoding: .utf8)
        try (Self.secret + "\n").write(to: folder.appendingPathComponent("samples.txt"), atomically: true, encoding: .utf8)
        let messages = Self.compileMessages(topology)
        #expect(messages.count == 2)
        #expect(messages.contains("line 1 of trace file `trace.txt` is not a time in seconds (write one non-negative number of seconds per line)"))
        #expect(messages.allSatisfy { !$0.contains("TOP-SECRET") && !$0.contains("root:") })
    }

    @Test("the compiler refuses what validate refuses: a file made a link out of the folder after validate")
    func sameResolution() throws {
        let folder = try Self.folder()
        let topology = try #require(TopologyLoader.load(path: folder.appendingPathComponent("t.yaml").path).topology)
        let trace = folder.appendingPathComponent("trace.txt")
        try FileManager.default.removeItem(at: trace)
        try FileManager.default.createSymbolicLink(
            atPath: trace.path, withDestinationPath: folder.deletingLastPathComponent().appendingPathComponent("secret.txt").path)
        let messages = Self.compileMessages(topology)
        #expect(messages.contains { $0.contains("trace file `trace.txt` is a symbolic link to a file outside the topology's folder") })
        // With the folder above allowed (`--allow-path`), the link is read, and still not quoted.
        var allowed = topology
        allowed.files = DataFiles(directory: folder.path, access: FileAccess(allowedRoots: [folder.deletingLastPathComponent().path]))
        let read = Self.compileMessages(allowed)
        #expect(read == ["line 1 of trace file `trace.txt` is not a time in seconds (write one non-negative number of seconds per line)"])
    }
}
