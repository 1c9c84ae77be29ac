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

    static func run(_ arguments: [String], input: String? = nil, in folder: URL = root) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
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

extension CommandLineTests {
    /// report.json without the `engine` timings.
    static func reportWithoutEngine(_ directory: String) throws -> String {
        let text = try String(contentsOfFile: directory + "/report.json", encoding: .utf8)
        guard let range = text.range(of: "  \"engine\": {") else { return text }
        return String(text[..<range.lowerBound])
    }

    @Test("run: same seed gives the same report.json bytes (but the engine timings); another seed differs")
    func runDeterminism() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-run-\(UUID().uuidString)").path
        let arguments = ["run", "Topologies/service-network.yaml", "--duration", "30min", "--replications", "3", "--quiet"]
        let first = try Self.run(arguments + ["--out", base + "/a"])
        let second = try Self.run(arguments + ["--out", base + "/b"])
        let other = try Self.run(arguments + ["--out", base + "/c", "--seed", "99"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0 && other.status == 0)
        let a = try Self.reportWithoutEngine(base + "/a")
        #expect(a == (try Self.reportWithoutEngine(base + "/b")))
        #expect(a != (try Self.reportWithoutEngine(base + "/c")))
        #expect(first.stdout.contains("workload"))
    }

    @Test("run: report.json has every path of the contract, and conservation holds")
    func runContract() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-run-\(UUID().uuidString)").path
        let outcome = try Self.run(["run", "Topologies/service-network.yaml", "--duration", "20min", "--replications", "2", "--out", base])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: base + "/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func statistic(_ value: Any?) -> Bool {
            guard let object = value as? [String: Any], object["mean"] is NSNumber,
                let interval = object["ci95"] as? [Any], interval.count == 2
            else { return false }
            return true
        }
        let workloads = try #require(report["workloads"] as? [String: [String: Any]])
        #expect(workloads.keys.sorted() == ["job", "urgent"])
        for (name, workload) in workloads {
            let offered = try #require(workload["offered"] as? Int, "\(name)")
            let completed = try #require(workload["completed"] as? Int)
            let failed = try #require(workload["failed"] as? Int)
            let inFlight = try #require(workload["in_flight"] as? Int)
            #expect(offered == completed + failed + inFlight, "conservation for \(name)")
            let latency = try #require(workload["latency_ms"] as? [String: Any])
            for key in ["mean", "p50", "p95", "p99"] { #expect(statistic(latency[key]), "\(name).latency_ms.\(key)") }
            #expect(statistic(workload["throughput_rps"]) && statistic(workload["error_rate"]))
        }
        let components = try #require(report["components"] as? [String: [String: Any]])
        for name in ["front", "back-a", "back-b"] {
            #expect(statistic(components[name]?["utilization"]) && statistic(components[name]?["wait_ms"]), "\(name)")
        }
        let cost = try #require(report["cost"] as? [String: Any])
        #expect(statistic(cost["monthly_usd"]))
        #expect(statistic((cost["by_component"] as? [String: Any])?["front"]))
        let engine = try #require(report["engine"] as? [String: Any])
        #expect(engine["events"] is Int && engine["wall_s"] is NSNumber && engine["events_per_s"] is NSNumber)
    }

    @Test("run simulates cloud kinds and names, with their location, the sections it does not simulate yet")
    func runWarnsAboutLaterMilestones() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-warn-\(UUID().uuidString)").path
        let outcome = try Self.run([
            "run", "Topologies/image-pipeline.yaml", "--quiet", "--profile", "Topologies/profiles/reference.json", "--duration", "3min", "--replications", "1", "--out", directory,
        ])
        #expect(outcome.status == 0 || outcome.status == 1, "targets may fail; the run itself must not")
        #expect(outcome.stderr.contains("Topologies/image-pipeline.yaml:194:3: warning: faults are not simulated yet"))
        #expect(outcome.stderr.contains("autoscaling of `processor` is not simulated yet"))
        #expect(FileManager.default.fileExists(atPath: directory + "/report.json"))
    }

    @Test("run --diagram writes the architecture annotated with the run's utilization next to report.json")
    func runDiagram() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-diagram-\(UUID().uuidString)").path
        let outcome = try Self.run([
            "run", "Topologies/routing-sns-filters.yaml", "--quiet", "--profile", "Topologies/profiles/reference.json", "--duration", "3min", "--replications", "1", "--out", directory,
            "--diagram",
        ])
        #expect(outcome.status == 0 || outcome.status == 1)
        let svg = try String(contentsOfFile: directory + "/diagram.svg", encoding: .utf8)
        #expect(svg.contains("car&#45;backend") && svg.contains("utilization "))
        let missing = try Self.run(["run", "Topologies/routing-sns-filters.yaml", "--diagram"])
        #expect(missing.status == 2)
    }

    @Test("run: a failing target exits 1")
    func runTargetFails() throws {
        let path = try Self.temporaryFile("""
            archsim: 1
            name: slow
            simulation: { duration: 10min, replications: 2 }
            components:
              queue: { kind: service, servers: 1, service_time: { exponential: 100ms } }
            workloads:
              jobs: { entry: queue, arrival: { process: poisson, rate: 5/s } }
            targets:
              - p99(jobs) < 1ms
            """)
        let outcome = try Self.run(["run", path, "--quiet"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("FAIL"))
    }
}

extension CommandLineTests {
    @Test("calibrate --quick writes a profile of every kernel, keyed name@hash")
    func calibrateQuick() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("profile.json").path
        let outcome = try Self.run(["calibrate", "Topologies/image-sharing.yaml", "--quick", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty && outcome.stderr.contains("wrote \(out)"))
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pipelines = try #require(profile["pipelines"] as? [String: [String: Any]])
        #expect(pipelines.keys.sorted().map { $0.split(separator: "@").first.map(String.init) ?? "" } == ["compress", "filters"])
        #expect(pipelines.values.allSatisfy { ($0["b_s_per_mp"] as? Double ?? -1) >= 0 && $0["residuals"] is [Double] })
        #expect(profile["cpu"] is String && profile["created"] is String && profile["libraries"] is [String: String])
    }

    @Test("calibrate exits 2 on bad input and on files without kernels")
    func calibrateBadInput() throws {
        let broken = try Self.run(["calibrate", "docs/examples/broken.yaml", "--quick"])
        #expect(broken.status == 2 && broken.stdout.isEmpty)
        let none = try Self.run(["calibrate", "Topologies/service-network.yaml", "--quick"])
        #expect(none.status == 2 && none.stderr.contains("no kernels"))
    }
}

extension CommandLineTests {
    static let goldenReport = root.appendingPathComponent("Tests/archsimTests/Fixtures/golden-report.json")

    /// The whole report.json of a small topology, byte for byte (but the engine timings):
    /// any change to what the report says, or to a number in it, shows in the diff. Re-record
    /// with `ARCHSIM_RECORD_GOLDEN=1` (or `make golden`) and read the diff.
    @Test("run: report.json of a small architecture is the golden file")
    func goldenReportFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-golden-\(UUID().uuidString)").path
        let outcome = try Self.run([
            "run", "Tests/archsimTests/Fixtures/golden-run.yaml", "--quiet", "--profile", "Topologies/profiles/reference.json",
            "--out", directory,
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try Self.reportWithoutEngine(directory)
        if ProcessInfo.processInfo.environment["ARCHSIM_RECORD_GOLDEN"] == "1" {
            try report.write(to: Self.goldenReport, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.goldenReport, encoding: .utf8)
        #expect(report == golden, "report.json changed; re-record with ARCHSIM_RECORD_GOLDEN=1 if intended")
    }
}

extension CommandLineTests {
    @Test("a command line that can't be parsed is bad input: exit 2 with the reason and the usage")
    func unparsableCommandLine() throws {
        for arguments in [["--bogus"], ["run", "Topologies/service-network.yaml", "--kernels", "bogus"], ["run"]] {
            let outcome = try Self.run(arguments)
            #expect(outcome.status == 2, "\(arguments): \(outcome.status)")
            #expect(outcome.stderr.contains("Error:") && outcome.stderr.contains("Usage:"), "\(outcome.stderr)")
        }
        #expect(try Self.run(["run", "--help"]).status == 0)
    }
}
