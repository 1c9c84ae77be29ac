import ArgumentParser
import Diagrams
import Foundation
import Models
import Reports
import Topology

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a topology and report latency, errors and utilization with 95% confidence intervals.",
        discussion: """
            Runs the replications in parallel on all cores, prints a summary table, and with \
            --out writes DIR/report.json (written completely or not at all). Same input, same \
            seed, same binary: the same report.json apart from `engine` timings. Exits 1 when a \
            target in the topology fails, 2 on bad input.

            A run that could not finish is refused before it starts (exit 2): its events and the \
            memory of its requests in flight are estimated from the topology against a budget of \
            10^10 events and 4 GiB (--max-events, --max-memory), and a run whose records reach \
            the memory budget anyway stops without writing --out. See docs/models.md, "Run budget".

            Every component kind is simulated. Sections whose behaviour comes with later \
            milestones (autoscaling policies, faults, cost) are kept and named in a warning: \
            fixed task counts (`count`, or `scaling.min`) apply.

            Kernel steps take their service times from a calibration profile: --profile FILE, \
            or else this machine's cached profile, calibrating (once, a few seconds per kernel) \
            the kernels it lacks. `--kernels live` runs every simulated image through the real \
            pipeline instead: slow, and not reproducible, for small runs and for checking the \
            calibrated times.

            Examples:
              archsim run Topologies/image-pipeline.yaml --duration 30min --replications 4
              archsim run Topologies/service-network.yaml
              archsim run Topologies/kafka-ecs-pipeline.yaml --out out/ --diagram
              archsim run Topologies/service-network.yaml --seed 7 --replications 16 --duration 2h --out out/
              archsim run Topologies/image-sharing.yaml --profile Topologies/profiles/reference.json
              archsim run Topologies/image-pipeline.yaml --kernels live --duration 2min --replications 4
            """)

    @Argument(help: "Topology file (YAML).")
    var file: String

    // `.unconditional`: `--replications -1` reaches the range check (and its message) instead
    // of ArgumentParser taking `-1` for an option and saying the value is missing.
    @Option(parsing: .unconditional, help: "Random seed, 0 to 18446744073709551615 (default: simulation.seed).",
        transform: { try NumericFlag.whole($0, "--seed", as: UInt64.self, range: NumericFlag.seedRange) })
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Replications, 1 to 10000 (default: simulation.replications).",
        transform: { try NumericFlag.whole($0, "--replications", as: Int.self, range: NumericFlag.replicationRange) })
    var replications: Int?

    @Option(parsing: .unconditional, help: "Simulated time per replication, e.g. 30min; more than 0s, at most 10 years (default: simulation.duration).")
    var duration: String?

    @Option(parsing: .unconditional, help: "Write DIR/report.json (checked writable before the run starts).")
    var out: String?

    @Option(parsing: .unconditional, help: "Replications run at once, 1 to 1024 (default: the number of cores).",
        transform: { try NumericFlag.whole($0, "--jobs", as: Int.self, range: NumericFlag.jobsRange) })
    var jobs: Int?

    @OptionGroup var fileAccess: FileAccessOptions

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Refuse a run estimated to handle more events than this, e.g. 5e10 (default: 1e10; see docs/models.md, Run budget).", valueName: "n"),
        transform: { try NumericFlag.count($0, "--max-events") })
    var maxEvents: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Refuse (or stop) a run whose records would hold more memory than this, e.g. 8GiB (default: 4GiB).", valueName: "size"),
        transform: { try NumericFlag.size($0, "--max-memory") })
    var maxMemory: Double?

    @Flag(help: "Print no progress line.")
    var quiet = false

    @Option(help: ArgumentHelp("Calibration profile for kernel steps (default: this machine's cached profile).", valueName: "file"))
    var profile: String?

    @Option(help: ArgumentHelp("Kernel service times: calibrated (from a profile) or live (run every image for real).", valueName: "mode"))
    var kernels: KernelMode = .calibrated

    @Flag(help: "Also write DIR/diagram.svg: the architecture annotated with this run's results (needs --out).")
    var diagram = false

    func run() async throws {
        let loaded = TopologyLoader.load(path: file, options: fileAccess.loadOptions)
        DiagnosticPrinter.print(loaded)
        guard let topology = loaded.topology else { throw ExitStatus.badInput }
        // Options first: a typo must not wait for a calibration.
        if diagram, out == nil { throw usage("--diagram writes DIR/diagram.svg: give --out DIR") }
        if let jobs, !(1...1024).contains(jobs) { throw usage("--jobs must be \(NumericFlag.jobsRange)") }
        if let replications, !(1...10_000).contains(replications) {
            throw usage("--replications must be \(NumericFlag.replicationRange)")
        }
        // Before the calibration and the run: a report that can't be written must not cost them.
        if let out {
            do { try OutputDirectory.checkWritable(out) } catch { throw usage(error.description) }
        }
        var durationOverride: Double?
        if let duration {
            switch UnitParser.parse(duration, as: .duration) {
            case .success(let quantity) where quantity.value > 0 && quantity.value <= 3.16e8:
                durationOverride = quantity.value
            case .success:
                throw usage("--duration must be more than 0s and at most 10 years")
            case .failure(let error):
                throw usage("--duration: \(error.message) (give a duration more than 0s and at most 10 years, e.g. 30min)")
            }
        }

        let timing = try kernelTiming(topology, loaded)
        let plan: NetworkPlan
        do {
            plan = try NetworkCompiler.compile(topology, kernels: timing)
        } catch {
            DiagnosticPrinter.print(error.diagnostics, source: loaded)
            throw ExitStatus.badInput
        }
        DiagnosticPrinter.print(plan.notSimulated, source: loaded)
        var options = Runner.Options(
            replications: replications ?? plan.replications, seed: seed ?? plan.seed, duration: durationOverride ?? plan.duration)
        if let jobs { options.parallelism = jobs }
        if case .fixed(let warmup) = plan.warmup, warmup >= options.duration {
            throw usage("the warm-up (\(UnitParser.format(warmup, .duration))) is not shorter than the run")
        }

        var budget = RunBudget()
        if let maxEvents { budget.maxEvents = maxEvents }
        if let maxMemory { budget.maxMemory = maxMemory }

        let showProgress = !quiet && isatty(STDERR_FILENO) == 1
        let result: RunResult
        do {
            result = try await Runner.run(plan, options: options, budget: budget) { done, total in
                if showProgress {
                    FileHandle.standardError.write(Data("\rreplication \(done)/\(total)".utf8))
                }
            }
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw usage(error.description)
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

        let targets = TargetOutcome.evaluate(topology, result)
        if let out {
            do {
                try ReportWriter.write(JSONReport.render(result, topology: topology, targets: targets), to: out)
            } catch {
                // Checked before the run, so the disk filled up or the folder changed since.
                throw usage("--out \(out): can't write report.json: \(ReportWriter.plain(error))")
            }
            if diagram { try writeDiagram(topology, directory: out) }
        }
        print(SummaryTable.render(result, targets: targets), terminator: "")
        if targets.contains(where: { $0.passed == false }) { throw ExitStatus.targetFailed }
    }

    /// The annotated diagram, read back from the report just written (the same path as
    /// `archsim diagram --results`). Faults are not simulated yet, so none is greyed.
    private func writeDiagram(_ topology: Topology, directory: String) throws {
        var options = Diagram.Options()
        options.annotations = try RunAnnotations.read(path: directory + "/report.json")
        options.faults = FaultSelection.none
        do {
            let data = try Diagram.render(topology, format: .svg, options: options)
            try AtomicFile.write(data, to: directory + "/diagram.svg")
        } catch {
            FileHandle.standardError.write(Data("error: diagram: \(error)\n".utf8))
            throw ExitStatus.internalError
        }
    }

    func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitStatus.badInput
    }
}

struct ReportError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension ReportWriter {
    /// The reason without Foundation's domain and code.
    static func plain(_ error: Error) -> String {
        if let error = error as? ReportError { return error.message }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Writes a report next to its final name, then renames it: readers see the whole file or none.
enum ReportWriter {
    static func write(_ text: String, to directory: String) throws {
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = folder.appendingPathComponent("report.json")
        let temporary = folder.appendingPathComponent(".report.json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        try Data(text.utf8).write(to: temporary)
        // rename(2) replaces the old report atomically.
        guard rename(temporary.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError(message: "can't write \(final.path): \(reason)")
        }
    }
}
