import Foundation
import Kernels
import SimKit
import Testing
import Topology

@testable import Models

/// Kernel steps take calibrated times from a profile, or run the pipeline for real (live);
/// the two must agree.
@Suite("Kernel modes", .serialized)
struct KernelModeTests {
    /// One ECS task that only resizes, lightly loaded (ρ ≈ 0.1 even in a debug build) so the
    /// kernel's time is not mixed with queueing.
    static func resizer(replications: Int, vcpuSpeed: Double = 1, duration: String = "60s", rate: String = "1/s") -> String {
        ArchitectureRun.header(duration: duration, warmup: "0s").replacingOccurrences(of: "replications: 1", with: "replications: \(replications)")
            + """
            components:
              resizer:
                kind: ecs-service
                subnet: app
                count: 1
                task: { vcpu: 1, memory: 4GiB, concurrency: 1, vcpu_speed: \(vcpuSpeed) }
                handlers:
                  resize: [{ work: { kernel: web } }]
            kernels:
              web:
                - decode: jpeg
                - resize: { to: [0.08MP, 0.02MP], filter: lanczos3 }
                - encode: { quality: 85 }
            workloads:
              uploads:
                entry: resizer
                op: resize
                arrival: { process: poisson, rate: \(rate) }
                payload: { image: { uniform: [0.1MP, 0.4MP] } }
                timeout: 1h
            """
    }

    static func topology(_ yaml: String) throws -> Topology {
        let loaded = TopologyLoader.load(text: yaml, file: "kernel-modes.yaml")
        return try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
    }

    /// The point check that used to sit here (the calibrated mean inside the live run's 99%
    /// CI) failed CI on a loaded machine; it runs as a benchmark now,
    /// `Benchmarks/peers/kernel-modes.sh` (results in Benchmarks/README.md).
    @Test("calibrated and live agree: replication by replication, live / calibrated is within 1 ± 10% (99% CI), and a model 25% off is told apart")
    func calibratedMatchesLive() throws {
        // 40 replications of 30 s (about 30 images each): about 25 s in a debug build. Short
        // replications, so that one lasts about as long as a calibration pass (below).
        let replications = 40
        let topology = try Self.topology(Self.resizer(replications: replications, duration: "30s"))
        let kernel = try #require(try KernelPlan.compile(topology).kernel("web"))
        let live = try NetworkCompiler.compile(topology, kernels: .live)

        // This machine's speed drifts by tens of percent within seconds (a shared VM: passes a
        // second apart measured 6.1 and 3.9 ms for the same images), so the calibration is
        // interleaved with the live replications: a pass over the sizes the workload sends
        // before each replication and after the last. Both see the same drift, and what is
        // compared is the model.
        let grid = Calibrator.Grid(megapixels: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4], repeats: 3)
        var passes: [CalibrationProfile] = []
        var liveMeans: [Double] = []
        for index in 0...replications {
            passes.append(try Calibrator(grid: grid, seed: UInt64(index)).calibrate([kernel.profileKey: kernel.pipeline]))
            if index < replications {
                let result = Runner.replicate(live, index: index, seed: 5)
                liveMeans.append(result.stations[0].measures.first { $0.0 == "kernel_ms" }!.1 / 1000)
            }
        }
        /// One profile from the given passes' measurements pooled, each time multiplied by
        /// `scale` (1 for the model under test; otherwise a deliberately wrong one).
        func pooled(_ chosen: ArraySlice<CalibrationProfile>, scale: Double = 1) throws -> NetworkPlan {
            let points = grid.megapixels.indices.map { size in
                var point = chosen.first!.pipelines[kernel.profileKey]!.grid[size]
                point.seconds = chosen.flatMap { $0.pipelines[kernel.profileKey]!.grid[size].seconds.map { $0 * scale } }
                return point
            }
            var profile = chosen.first!
            profile.pipelines[kernel.profileKey] = PipelineCalibration.fit(grid: points, steps: kernel.pipeline.description, clock: .threadCPU)
            return try NetworkCompiler.compile(topology, kernels: .calibrated(profile, source: "test"))
        }

        // 1. Each live replication against the calibrated model of the two passes around it, on
        // the same random streams (the same images). Drift between replications cancels in the
        // ratio. What is shown is equivalence: the ratios' 99% CI lies inside 1 ± 0.10, so the
        // model is within 10% of what the images really cost. Not "the CI holds 1": besides the
        // model, live and calibration are two code paths timed at different moments, and on
        // this shared VM they differ by a few percent from one process to the next whatever
        // the model (paired means 0.96–1.06 over ten runs of this test, CIs ±0.03–0.10); a
        // 99% CI a few percent wide then excluded 1 in two of those ten runs. (Those runs were
        // before the calibrator timed a new image per run; since, six runs gave paired means
        // 0.994–1.004 and live CIs around the calibrated mean with 3% to spare or more.)
        let margin = 0.10
        func pairedRatios(scale: Double) throws -> ConfidenceInterval {
            let ratios = try (0..<replications).map { index in
                let calibrated = Runner.replicate(try pooled(passes[index...(index + 1)], scale: scale), index: index, seed: 5)
                return liveMeans[index] / (calibrated.stations[0].measures.first { $0.0 == "kernel_ms" }!.1 / 1000)
            }
            return ConfidenceInterval.of(ratios, level: 0.99)
        }
        func equivalent(_ paired: ConfidenceInterval) -> Bool { 1 - margin <= paired.lower && paired.upper <= 1 + margin }
        let paired = try pairedRatios(scale: 1)
        #expect(equivalent(paired), "live / calibrated per replication: 99% CI \(paired), not within 1 ± \(margin)")

        // 2. The check can fail: a model whose times are 25% too long (or too short) is not
        // equivalent. Without this a noisy machine could pass (1) with intervals too wide to
        // tell anything.
        for scale in [1.25, 1 / 1.25] {
            let wrong = try pairedRatios(scale: scale)
            #expect(!equivalent(wrong), "a model \(scale)× off is not told apart: paired 99% CI \(wrong)")
        }
    }

    @Test("a kernel's time is the profile's at the request's size, and vcpu_speed divides it")
    func calibratedTimesScale() throws {
        // 0.2 images a second for an hour: ~720 images, the task far from saturated even at half speed.
        let slow = try SimulationHarness.plan(Self.resizer(replications: 1, vcpuSpeed: 0.5, duration: "1h", rate: "0.2/s"))
        let fast = try SimulationHarness.plan(Self.resizer(replications: 1, vcpuSpeed: 1, duration: "1h", rate: "0.2/s"))
        let model = try #require(slow.kernels.first?.times)
        // Uniform 0.1–0.4MP: the expected time is the model's mean averaged over sizes.
        let expected = stride(from: 0.1, through: 0.4, by: 0.001).map { model.mean(megapixels: $0) }.reduce(0, +) / 301
        for plan in [slow, fast] {
            let result = Runner.replicate(plan, index: 0, seed: 9)
            let resizer = result.stations[0]
            let kernel = resizer.measures.first { $0.0 == "kernel_ms" }!.1 / 1000
            // ~720 images with a coefficient of variation under 0.5: within 4 standard errors.
            #expect(abs(kernel / expected - 1) < 4 * 0.5 / 600.0.squareRoot(), "\(kernel) vs \(expected)")
        }
        // Half a vCPU's speed doubles the busy time for the same images (same random streams).
        let slowBusy = Runner.replicate(slow, index: 0, seed: 9).stations[0].utilization
        let fastBusy = Runner.replicate(fast, index: 0, seed: 9).stations[0].utilization
        #expect(abs(slowBusy / fastBusy - 2) < 0.01, "\(slowBusy) vs \(fastBusy)")
    }

    @Test("a kernel missing from the profile, or no kernel timing at all, is an error at the kernel")
    func missingKernel() throws {
        let topology = try Self.topology(Self.resizer(replications: 1))
        let empty = CalibrationProfile(cpu: "x", created: "y", libraries: [:], pipelines: [:])
        #expect {
            _ = try NetworkCompiler.compile(topology, kernels: .calibrated(empty, source: "empty.json"))
        } throws: { error in
            let diagnostics = (error as? NetworkCompiler.Unsupported)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].message.contains("`web`")
                && diagnostics[0].message.contains("not in the calibration profile empty.json")
                && diagnostics[0].location.line > 1
        }
        #expect(throws: NetworkCompiler.Unsupported.self) { _ = try NetworkCompiler.compile(topology) }
        let plain = try Self.topology(SimulationHarness.station(servers: 1, arrivalRate: 1, serviceTime: "constant(1ms)", duration: 10))
        #expect(try NetworkCompiler.compile(plain).kernelTiming == nil)
    }

    @Test("live mode: a request whose image the pipeline refuses fails as invalid_image, and nothing crashes")
    func liveRefusesAbsurdImages() throws {
        // The language caps an image distribution's mean at 1000MP, but a heavy tail can pass
        // it; the plan is edited here to send only such images.
        var plan = try NetworkCompiler.compile(try Self.topology(Self.resizer(replications: 1)), kernels: .live)
        plan.workloads[0].image = .constant(5000)
        let result = Runner.replicate(plan, index: 0, seed: 1)
        let uploads = result.workloads[0]
        #expect(uploads.offered > 30)
        #expect(uploads.failedByCause["invalid_image"] == uploads.offered - uploads.inFlight)
        #expect(uploads.offered == uploads.completed + uploads.failed + uploads.inFlight)
    }
}
