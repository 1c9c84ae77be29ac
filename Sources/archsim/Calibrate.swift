import ArgumentParser
import Foundation
import Kernels
import Models
import Topology

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the image kernels of topologies on this machine and write a calibration profile.",
        discussion: """
            Runs every kernel of the given files on synthetic photos over a grid of sizes \
            (0.5 to 24MP, three timed runs each; --quick: 0.05 to 0.4MP, two runs), fits \
            time = a + b·MP per kernel by least squares and keeps the spread around the line. \
            Kernels are keyed `name@hash` (hash of the steps), so files that define a kernel of \
            the same name differently don't collide; identical definitions are timed once. \
            Times are CPU time of the calibrating thread. Progress goes to standard error; the \
            profile (JSON) to --out, written completely or not at all, or to standard output.

            Examples:
              archsim calibrate Topologies/image-pipeline.yaml --out profile.json
              archsim calibrate Topologies/*.yaml --out Topologies/profiles/reference.json
              archsim calibrate Topologies/image-sharing.yaml --quick
            """)

    @Argument(help: "Topology files (YAML) whose kernels are calibrated.")
    var files: [String]

    @Option(help: "Write the profile to this file (default: standard output).")
    var out: String?

    @Flag(help: "Small images and fewer runs: seconds instead of minutes, for smoke tests.")
    var quick = false

    @Option(parsing: .unconditional, help: "Seed of the synthetic images, 0 to 18446744073709551615.",
        transform: { try NumericFlag.whole($0, "--seed", as: UInt64.self, range: NumericFlag.seedRange) })
    var seed: UInt64 = 42

    func run() throws {
        var pipelines: [String: KernelPipeline] = [:]
        var failed = false
        for file in files {
            let loaded = TopologyLoader.load(path: file)
            DiagnosticPrinter.print(loaded)
            guard let topology = loaded.topology else {
                failed = true
                continue
            }
            do {
                for kernel in try KernelPlan.compile(topology).kernels {
                    pipelines[kernel.profileKey] = kernel.pipeline
                }
            } catch {
                DiagnosticPrinter.print(error.diagnostics, source: loaded)
                failed = true
            }
        }
        if failed { throw ExitStatus.badInput }
        guard !pipelines.isEmpty else {
            FileHandle.standardError.write(Data("error: no kernels in \(files.joined(separator: ", ")): nothing to calibrate\n".utf8))
            throw ExitStatus.badInput
        }
        for key in pipelines.keys.sorted() { note("\(key): \(pipelines[key]!)") }

        let calibrator = Calibrator(
            grid: quick ? .quick : .standard, seed: seed, clock: .threadCPU,
            versions: ["archsim": ArchSim.configuration.version],
            progress: { line in FileHandle.standardError.write(Data("  \(line)\n".utf8)) })
        let profile: CalibrationProfile
        do {
            profile = try calibrator.calibrate(pipelines)
        } catch let error as KernelError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.badInput
        }
        for key in profile.pipelines.keys.sorted() {
            let fit = profile.pipelines[key]!
            note(String(format: "%@: %.4f s + %.4f s/MP", key, fit.a, fit.b))
        }
        if let out {
            do {
                try profile.write(to: out)
            } catch {
                FileHandle.standardError.write(Data("error: can't write \(out): \(error.localizedDescription)\n".utf8))
                throw ExitStatus.internalError
            }
            note("wrote \(out)")
        } else {
            FileHandle.standardOutput.write(try profile.jsonData())
        }
    }

    private func note(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }
}
