import Foundation
import Kernels
import SimKit
import Testing
import Topology

@testable import Models

/// Compiles a topology written inline and runs its replications in this process.
enum SimulationHarness {
    static func plan(_ yaml: String) throws -> NetworkPlan {
        let loaded = TopologyLoader.load(text: yaml, file: "test.yaml")
        guard let topology = loaded.topology else {
            throw HarnessError(message: loaded.renderedDiagnostics())
        }
        let timing = try kernelTiming(topology)
        do {
            return try NetworkCompiler.compile(topology, kernels: timing)
        } catch {
            throw HarnessError(message: error.diagnostics.map(\.message).joined(separator: "\n"))
        }
    }

    /// Kernel times for an inline topology: its kernels calibrated on this machine over the
    /// quick grid (small images, a second or so each in a debug build), once per test process.
    static func kernelTiming(_ topology: Topology) throws -> KernelTiming? {
        let kernels = try KernelPlan.compile(topology).kernels
        guard !kernels.isEmpty else { return nil }
        return .calibrated(try QuickProfiles.shared.profile(covering: kernels), source: "quick calibration (tests)")
    }

    static func run(_ yaml: String, seed: UInt64 = 1) throws -> RunResult {
        let plan = try plan(yaml)
        let replications = (0..<plan.replications).map { Runner.replicate(plan, index: $0, seed: seed) }
        return RunResult(plan: plan, seed: seed, replications: replications, wallSeconds: 0)
    }

    /// A single station fed by one Poisson workload. `serviceTime` is a distribution in the call
    /// form (`exponential(mean: 1s)`), which the topology carries as a quoted string.
    static func station(
        servers: Int, arrivalRate: Double, serviceTime: String, capacity: Int? = nil, duration: Double,
        warmup: String = "auto", replications: Int = 10, timeout: String = "1d"
    ) -> String {
        """
        archsim: 1
        name: station
        simulation: { duration: \(duration)s, warmup: \(warmup), replications: \(replications), seed: 1 }
        components:
          queue: { kind: service, servers: \(servers), service_time: \"\(serviceTime)\"\(capacity.map { ", capacity: \($0)" } ?? "") }
        workloads:
          jobs:
            entry: queue
            arrival: { process: poisson, rate: \(arrivalRate)/s }
            timeout: \(timeout)
        """
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Analytic results the simulator is checked against.
enum QueueingTheory {
    /// Erlang C: probability an arrival waits in M/M/c with offered load a = λ/μ.
    static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        for k in 1..<c {
            term *= a / Double(k)
            sum += term
        }
        let last = term * a / Double(c)
        let rho = a / Double(c)
        let top = last / (1 - rho)
        return top / (sum + top)
    }

    /// M/M/c mean number waiting and mean time in system.
    static func mmc(lambda: Double, mu: Double, servers c: Int) -> (lq: Double, wq: Double, w: Double) {
        let a = lambda / mu
        let rho = a / Double(c)
        let lq = erlangC(servers: c, offeredLoad: a) * rho / (1 - rho)
        let wq = lq / lambda
        return (lq, wq, wq + 1 / mu)
    }

    /// Pollaczek–Khinchine: M/G/1 mean wait from the service time's mean and squared CV.
    static func pollaczekKhinchine(lambda: Double, meanService: Double, scv: Double) -> Double {
        let rho = lambda * meanService
        return rho * meanService * (1 + scv) / (2 * (1 - rho))
    }

    /// M/M/1/K: probability an arrival finds K in the system and is dropped.
    static func blocking(rho: Double, capacity k: Int) -> Double {
        if abs(rho - 1) < 1e-12 { return 1 / Double(k + 1) }
        return (1 - rho) * pow(rho, Double(k)) / (1 - pow(rho, Double(k + 1)))
    }
}

/// `theory` must lie in the replications' confidence interval at `level` (99% by default:
/// with dozens of checks, a 95% interval would miss one now and then by design). The
/// tolerance is the interval itself, computed from the data, not a guessed percentage.
func expectWithinInterval(
    _ values: [Double], _ theory: Double, level: Double = 0.99, _ what: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let interval = ConfidenceInterval.of(values, level: level)
    #expect(
        interval.lower <= theory && theory <= interval.upper,
        "\(what): theory \(theory) outside [\(interval.lower), \(interval.upper)] (mean \(interval.mean))",
        sourceLocation: sourceLocation)
}

/// Quick calibrations shared by every test of the process (they run in parallel).
final class QuickProfiles: @unchecked Sendable {
    static let shared = QuickProfiles()
    private let lock = NSLock()
    private var profile = CalibrationProfile(cpu: "", created: "", libraries: [:], pipelines: [:])

    func profile(covering kernels: [KernelPlan.Kernel]) throws -> CalibrationProfile {
        lock.lock()
        defer { lock.unlock() }
        let missing = kernels.filter { profile.pipelines[$0.profileKey] == nil }
        if !missing.isEmpty {
            let measured = try Calibrator(grid: .quick).calibrate(
                Dictionary(missing.map { ($0.profileKey, $0.pipeline) }, uniquingKeysWith: { first, _ in first }))
            profile.cpu = measured.cpu
            profile.created = measured.created
            for (key, calibration) in measured.pipelines { profile.pipelines[key] = calibration }
        }
        return profile
    }
}
