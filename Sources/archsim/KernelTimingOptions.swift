import ArgumentParser
import Foundation
import Kernels
import Models
import Topology

/// `run --kernels`.
enum KernelMode: String, ExpressibleByArgument, CaseIterable {
    case calibrated, live
}

extension Run {
    /// Where this run's kernel steps take their times from; nil when the topology has no
    /// kernels (nothing to calibrate). Calibrates into the machine's cache when needed.
    func kernelTiming(_ topology: Topology, _ loaded: LoadResult) throws -> KernelTiming? {
        if kernels == .live {
            if profile != nil { throw usage("--profile gives calibrated times: it can't be used with --kernels live") }
            return .live
        }
        if let profile {
            do {
                return .calibrated(try CalibrationProfile.load(path: profile), source: profile)
            } catch {
                throw usage("--profile: \(error)")
            }
        }
        let definitions: KernelPlan
        do {
            definitions = try KernelPlan.compile(topology)
        } catch {
            DiagnosticPrinter.print(error.diagnostics, source: loaded)
            throw ExitStatus.badInput
        }
        guard !definitions.kernels.isEmpty else { return nil }
        let cache = ProfileCache(archsimVersion: ArchSim.configuration.version)
        var progress: (@Sendable (String) -> Void)?
        if !quiet { progress = Self.printProgress }
        let calibrator = Calibrator(
            grid: .standard, seed: 42, clock: .threadCPU, versions: ["archsim": ArchSim.configuration.version], progress: progress)
        let pipelines = Dictionary(definitions.kernels.map { ($0.profileKey, $0.pipeline) }, uniquingKeysWith: { first, _ in first })
        do {
            let profile = try cache.profile(covering: pipelines, calibrator: calibrator) { missing in
                guard !quiet else { return }
                FileHandle.standardError.write(Data(
                    "calibrating \(missing.joined(separator: ", ")) on this machine (once: cached in \(cache.path))\n".utf8))
            }
            return .calibrated(profile, source: cache.path)
        } catch let error as KernelError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.badInput
        } catch {
            FileHandle.standardError.write(Data("error: can't keep the calibration in \(cache.path): \(error.localizedDescription)\n".utf8))
            throw ExitStatus.internalError
        }
    }

    @Sendable static func printProgress(_ line: String) {
        FileHandle.standardError.write(Data("  \(line)\n".utf8))
    }
}
