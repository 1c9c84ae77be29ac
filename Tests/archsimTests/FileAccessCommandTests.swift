import Foundation
import Testing

/// `--allow-path` on `validate`, `run` and `diagram`: a topology may name files only in its own
/// folder unless a folder is allowed, and bad input exits 2 with a located message.
@Suite("File access on the command line")
struct FileAccessCommandTests {
    /// `root/topology/t.yaml` replaying `root/shared/trace.txt`.
    static func layout() throws -> (topology: String, shared: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-allow-\(UUID().uuidString)")
        let shared = root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("topology"), withIntermediateDirectories: true)
        try "0.5\n1.5\n2.5\n".write(to: shared.appendingPathComponent("trace.txt"), atomically: true, encoding: .utf8)
        let topology = root.appendingPathComponent("topology/t.yaml")
        try """
            archsim: 1
            name: shared-trace
            simulation: { duration: 10s, warmup: 0s, replications: 1 }
            components:
              web: { kind: service, service_time: 1ms }
            workloads:
              replay: { entry: web, arrival: { process: trace, file: ../shared/trace.txt } }
            """.write(to: topology, atomically: true, encoding: .utf8)
        return (topology.path, shared.path)
    }

    @Test("validate, run and diagram refuse a file outside the topology's folder (exit 2, located), and take it with --allow-path",
        arguments: [["validate"], ["run", "--quiet"], ["diagram", "--format", "dot"]])
    func allowPath(_ command: [String]) throws {
        let (topology, shared) = try Self.layout()
        let refused = try CommandLineTests.run(command + [topology])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("t.yaml:7:58: error: trace file `../shared/trace.txt` is outside the topology's folder"))
        let allowed = try CommandLineTests.run(command + [topology, "--allow-path", shared])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test("diagram refuses a topology too large to lay out, with a located message and exit 2, instead of hanging")
    func diagramTooLarge() throws {
        var lines = ["archsim: 1", "name: chain", "components:"]
        for index in 0..<2_000 {
            lines.append("  s\(index): { kind: service, service_time: 1ms, handlers: { go: [{ call: s\(index + 1) }] } }")
        }
        lines += ["  s2000: { kind: service, service_time: 1ms }", "workloads:", "  go: { entry: s0, arrival: { process: poisson, rate: 1/s } }"]
        let file = try CommandLineTests.temporaryFile(lines.joined(separator: "\n") + "\n")
        let outcome = try CommandLineTests.run(["diagram", file, "--format", "dot"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("topology.yaml:3:1: error: the topology has 2001 components; diagrams are drawn for at most 300"))
        #expect(outcome.stdout.isEmpty)
    }
}
