import Foundation
import Testing

/// `archsim run` refuses what it can't do before it starts: runs over the budget, an `--out`
/// it can't write, numeric flags out of range. All exit 2 (bad input) with a plain message.
@Suite("Run command guards")
struct RunCommandGuardTests {
    typealias CLI = CommandLineTests

    /// A small run that takes seconds if it is simulated at all.
    static let small = """
        archsim: 1
        name: small
        simulation: { duration: 10min, warmup: 0s, replications: 2, seed: 1 }
        components:
          front: { kind: service, servers: 2, service_time: "exponential(mean: 10ms)" }
        workloads:
          jobs: { entry: front, arrival: { process: poisson, rate: 50/s } }
        """

    // MARK: - Budget

    /// 1 s, a loose bound for a debug binary on a loaded 2-core machine: the estimate takes
    /// milliseconds; simulating either topology would take hours and gigabytes.
    @Test("a 999,999,999/s workload and a 10^6-way fan-out are refused, exit 2, in under a second", arguments: ["huge-rate", "million-fan-out"])
    func refusedQuickly(which: String) throws {
        let path = "Tests/Fixtures/run-budget/\(which).yaml"
        let out = URL(fileURLWithPath: try CLI.temporaryFile(Self.small)).deletingLastPathComponent().appendingPathComponent("out").path
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try CLI.run(["run", path, "--quiet", "--out", out])
        #expect(clock.now - started < .seconds(1))
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("events"))
        #expect(outcome.stderr.contains("over the budget of 1.0×10^10"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--max-events N"))
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written to --out")
    }

    @Test("--max-events sets the budget the estimate is held to")
    func maxEventsFlag() throws {
        let path = try CLI.temporaryFile(Self.small)
        let refused = try CLI.run(["run", path, "--quiet", "--max-events", "1000"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("over the budget of 1000"), "\(refused.stderr)")
        let bad = try CLI.run(["run", path, "--quiet", "--max-events", "lots"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-events must be a number of events of at least 1"), "\(bad.stderr)")
    }

    @Test("a run that reaches --max-memory while it runs stops with exit 2 and writes nothing to --out")
    func memoryCeiling() throws {
        // Pareto service times with an infinite mean: the estimate sees no load, the queue grows.
        let path = "Tests/Fixtures/run-budget/heavy-tail.yaml"
        let out = URL(fileURLWithPath: try CLI.temporaryFile(Self.small)).deletingLastPathComponent().appendingPathComponent("out").path
        let outcome = try CLI.run(["run", path, "--quiet", "--jobs", "2", "--max-memory", "2MiB", "--out", out])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("stopped"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--max-memory"))
        #expect(outcome.stdout.isEmpty, "no summary of a run that did not finish")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written to --out")
    }

    // MARK: - --out

    /// Each is refused before the simulation: the message is the check's own (the old failure
    /// came from writing the report after the run, with Foundation's NSCocoaErrorDomain text).
    @Test("an --out that can't be written is refused before the run, exit 2, plain message", arguments: ["proc", "file", "under-file", "proc-parent"])
    func unwritableOut(which: String) throws {
        let path = try CLI.temporaryFile(Self.small)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let regular = folder.appendingPathComponent("regular.txt").path
        try "not a folder".write(toFile: regular, atomically: true, encoding: .utf8)
        let out = switch which {
        case "proc": "/proc/archsim-out"
        case "file": regular
        case "under-file": regular + "/out"
        default: "/proc/archsim-missing/deeper/out"
        }
        let outcome = try CLI.run(["run", path, "--quiet", "--out", out])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("error: --out \(out): can't write the report"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        #expect(!outcome.stderr.contains("Error Domain"))
        #expect(outcome.stdout.isEmpty, "nothing simulated")
        #expect(try String(contentsOfFile: regular, encoding: .utf8) == "not a folder")
    }

    @Test("a read-only --out directory is refused before the run (as a non-root user; root may write anywhere)")
    func readOnlyOut() throws {
        let path = try CLI.temporaryFile(Self.small)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let outcome = try CLI.run(["run", path, "--quiet", "--out", folder.path])
        if getuid() == 0 {
            // Root writes into a 0555 folder: the probe succeeds, the run goes ahead and writes.
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.json").path))
        } else {
            #expect(outcome.status == 2, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("Permission denied"), "\(outcome.stderr)")
        }
        // Either way the probe left nothing behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".archsim-probe") }
        #expect(left.isEmpty)
    }

    @Test("an --out whose parents are missing but can be made is created, and the report written")
    func missingParentsCreated() throws {
        let path = try CLI.temporaryFile(Self.small)
        let out = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("a/b/c").path
        let outcome = try CLI.run(["run", path, "--quiet", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/report.json"))
    }

    // MARK: - Numeric flags

    @Test("numeric flags out of range say which range is allowed, exit 2", arguments: [
        (["--replications", "-1"], "--replications must be a whole number from 1 to 10000"),
        (["--replications", "0"], "--replications must be a whole number from 1 to 10000"),
        (["--replications", "99999999999999999999"], "--replications must be a whole number from 1 to 10000"),
        (["--replications", "20000"], "--replications must be a whole number from 1 to 10000"),
        (["--jobs", "-3"], "--jobs must be a whole number from 1 to 1024"),
        (["--seed", "-1"], "--seed must be a whole number from 0 to 18446744073709551615"),
        (["--seed", "1.5"], "--seed must be a whole number from 0 to 18446744073709551615"),
        (["--duration", "-5min"], "--duration must be more than 0s and at most 10 years"),
        (["--duration", "0s"], "--duration must be more than 0s and at most 10 years"),
        (["--duration", "100y"], "--duration"),
        (["--max-memory", "-1GiB"], "--max-memory must be a size with its unit more than 0B"),
    ])
    func numericFlags(arguments: [String], message: String) throws {
        let path = try CLI.temporaryFile(Self.small)
        let outcome = try CLI.run(["run", path, "--quiet"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Missing value"))
    }
}

extension RunCommandGuardTests {
    @Test("calibrate --seed -1 names the allowed range too, exit 2")
    func calibrateSeed() throws {
        let outcome = try CLI.run(["calibrate", "Topologies/service-network.yaml", "--quick", "--seed", "-1"])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--seed must be a whole number from 0 to 18446744073709551615"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Missing value"))
    }
}
