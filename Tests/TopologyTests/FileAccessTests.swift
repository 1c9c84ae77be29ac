import Foundation
import Testing

@testable import Topology

/// Files a topology names (traces, empirical samples) must stay inside its folder unless
/// allowed, and no message may print what such a file holds (CI runs topologies from pull
/// requests: a trace pointing at `/etc/shadow` used to print its first line).
@Suite("File access")
struct FileAccessTests {
    /// A folder `root` with `root/topology/` (where the topology lives) and `root/secret.txt`.
    struct Sandbox {
        let root: URL
        var topology: URL { root.appendingPathComponent("topology") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-files-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("topology"), withIntermediateDirectories: true)
            try Self.secret.write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        }

        static let secret = "root:$6$TOP-SECRET-HASH:19000:0:99999:7:::\n"

        func write(_ text: String, _ name: String) throws {
            try text.write(to: topology.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        /// A topology whose workload replays `trace` and whose service time is sampled from `samples`.
        func load(trace: String, samples: String = "samples.txt", access: FileAccess = FileAccess()) throws -> LoadResult {
            try write("0.5\n1\n2.5\n", "trace.txt")
            try write("10ms\n20ms\n0.03\n", "samples.txt")
            let text = """
                archsim: 1
                name: files
                components:
                  web: { kind: service, service_time: "empirical(file: \(samples))" }
                workloads:
                  replay: { entry: web, arrival: { process: trace, file: "\(trace)" } }
                """
            try write(text, "t.yaml")
            return TopologyLoader.load(path: topology.appendingPathComponent("t.yaml").path, options: LoadOptions(fileAccess: access))
        }
    }

    static func errors(_ result: LoadResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    @Test("files in the topology's folder are read, relative or absolute")
    func inside() throws {
        let sandbox = try Sandbox()
        #expect(Self.errors(try sandbox.load(trace: "trace.txt")) == [])
        #expect(Self.errors(try sandbox.load(trace: sandbox.topology.appendingPathComponent("trace.txt").path)) == [])
        #expect(try sandbox.load(trace: "trace.txt").topology?.files.readTrace("trace.txt") == .success([0.5, 1, 2.5]))
    }

    @Test("`..` and absolute paths out of the folder are refused, and the file is not quoted", arguments: [
        "../secret.txt", "./../topology/../secret.txt", "/etc/shadow", "/etc/passwd",
    ])
    func outside(_ trace: String) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.load(trace: trace)
        #expect(Self.errors(result).count == 1)
        #expect(Self.errors(result).first?.contains("outside the topology's folder") == true)
        #expect(!result.renderedDiagnostics().contains("TOP-SECRET"))
        #expect(!result.renderedDiagnostics().contains("root:"))
    }

    @Test("an allowed root lets the file be read; its content is still never printed")
    func allowedRoot() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.load(trace: "../secret.txt", access: FileAccess(allowedRoots: [sandbox.root.path]))
        let errors = Self.errors(result)
        #expect(errors == ["line 1 of trace file `../secret.txt` is not a time in seconds (write one non-negative number of seconds per line)"])
        #expect(!result.renderedDiagnostics().contains("TOP-SECRET"))
    }

    @Test("a symbolic link inside the folder that leads out of it is refused unless its target is allowed")
    func symlinkEscape() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createSymbolicLink(
            atPath: sandbox.topology.appendingPathComponent("link.txt").path, withDestinationPath: sandbox.root.appendingPathComponent("secret.txt").path)
        let refused = try sandbox.load(trace: "link.txt")
        #expect(Self.errors(refused).first?.contains("symbolic link to a file outside") == true)
        let allowed = try sandbox.load(trace: "link.txt", access: FileAccess(allowedRoots: [sandbox.root.appendingPathComponent("secret.txt").path]))
        #expect(Self.errors(allowed).first?.hasPrefix("line 1 of trace file `link.txt`") == true)
        #expect(!allowed.renderedDiagnostics().contains("TOP-SECRET"))
    }

    @Test("a missing file outside the folder is reported as outside, so nothing is learnt about other folders")
    func missingOutside() throws {
        let sandbox = try Sandbox()
        #expect(Self.errors(try sandbox.load(trace: "../nothing-here.txt")).first?.contains("outside the topology's folder") == true)
        #expect(Self.errors(try sandbox.load(trace: "nothing-here.txt")).first?.contains("does not exist") == true)
    }

    @Test("files over the size limit are refused without being read")
    func tooLarge() throws {
        let sandbox = try Sandbox()
        let big = sandbox.topology.appendingPathComponent("big.txt")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(DataFiles.maximumSize + 1))  // sparse: no 64 MiB written
        try handle.close()
        let errors = Self.errors(try sandbox.load(trace: "big.txt"))
        #expect(errors == ["trace file `big.txt` is \(DataFiles.maximumSize + 1) bytes; data files are limited to 64 MiB (shorten it, or sample it down)"])
    }

    @Test("a FIFO or a folder is not a regular file, and reading it does not hang")
    func notRegular() throws {
        let sandbox = try Sandbox()
        let fifo = sandbox.topology.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(Self.errors(try sandbox.load(trace: "pipe")).first?.contains("is not a regular file") == true)
        #expect(Self.errors(try sandbox.load(trace: ".")).first?.contains("is not a regular file") == true)
    }

    @Test("samples are checked in their field's dimension: a size in a duration's samples is an error")
    func samplesDimension() throws {
        let sandbox = try Sandbox()
        try sandbox.write("10ms\n2MB\n", "sizes.txt")
        #expect(Self.errors(try sandbox.load(trace: "trace.txt", samples: "sizes.txt")) == [
            "line 2 of samples file `sizes.txt` is not a non-negative duration (write a number in base units or a quantity like `250ms`, one per line)"
        ])
    }
}
