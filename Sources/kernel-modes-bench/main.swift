// kernel-modes-bench: the point check of calibrated against live kernel times, run by
// Benchmarks/peers/kernel-modes.sh (moved out of the test suite: on a loaded machine it
// failed CI from noise; the equivalence check stays in Tests/ModelsTests/KernelModeTests).
//
//   kernel-modes-bench [--replications 40] [--duration 30]
//
// One ECS task resizing small JPEGs, lightly loaded. Live replications run every image
// through the real pipeline; calibration passes over the workload's sizes are interleaved
// with them (one before each replication and one after the last) so both see the machine's
// drift. The check: the calibrated mean kernel time (every pass pooled into one profile)
// lies within the live replications' 99% CI. Its power: a model 25% too slow or too fast
// lies outside. Prints a Markdown report; exits 0 when the check holds, 1 when not.
import Foundation
import Kernels
import Models
import SimKit
import Topology

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kernel-modes-bench: \(message)\n".utf8))
    exit(2)
}

var options: [String: Int] = ["replications": 40, "duration": 30]
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2, arguments[0].hasPrefix("--"), let value = Int(arguments[1]), value > 0 {
    options[String(arguments[0].dropFirst(2))] = value
    arguments.removeFirst(2)
}
if !arguments.isEmpty { fail("usage: kernel-modes-bench [--replications N] [--duration SECONDS]") }
let replications = options["replications"]!
let duration = options["duration"]!

let yaml = """
    archsim: 1
    name: kernel-modes
    region: us-east-1
    simulation: { duration: \(duration)s, warmup: 0s, replications: \(replications), seed: 1 }
    network:
      zones: [a, b]
      subnets:
        app: { type: private, egress: none }
    components:
      resizer:
        kind: ecs-service
        subnet: app
        count: 1
        task: { vcpu: 1, memory: 4GiB, concurrency: 1 }
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
        arrival: { process: poisson, rate: 1/s }
        payload: { image: { uniform: [0.1MP, 0.4MP] } }
        timeout: 1h
    """

let loaded = TopologyLoader.load(text: yaml, file: "kernel-modes.yaml")
guard let topology = loaded.topology else { fail(loaded.renderedDiagnostics()) }
guard let kernel = try? KernelPlan.compile(topology).kernel("web") else { fail("kernel `web` does not compile") }
guard let live = try? NetworkCompiler.compile(topology, kernels: .live) else { fail("the live plan does not compile") }

func kernelSeconds(_ result: ReplicationResult) -> Double {
    (result.stations[0].measures.first { $0.0 == "kernel_ms" }?.1 ?? .nan) / 1000
}

let grid = Calibrator.Grid(megapixels: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4], repeats: 3)
var passes: [CalibrationProfile] = []
var liveMeans: [Double] = []
let started = Date()
for index in 0...replications {
    do {
        passes.append(try Calibrator(grid: grid, seed: UInt64(index)).calibrate([kernel.profileKey: kernel.pipeline]))
    } catch {
        fail("calibration: \(error)")
    }
    if index < replications { liveMeans.append(kernelSeconds(Runner.replicate(live, index: index, seed: 5))) }
}

/// One profile from every pass's measurements pooled, each time multiplied by `scale`.
@MainActor func pooled(scale: Double = 1) -> NetworkPlan {
    let points = grid.megapixels.indices.map { size in
        var point = passes[0].pipelines[kernel.profileKey]!.grid[size]
        point.seconds = passes.flatMap { $0.pipelines[kernel.profileKey]!.grid[size].seconds.map { $0 * scale } }
        return point
    }
    var profile = passes[0]
    profile.pipelines[kernel.profileKey] = PipelineCalibration.fit(grid: points, steps: kernel.pipeline.description, clock: .threadCPU)
    guard let plan = try? NetworkCompiler.compile(topology, kernels: .calibrated(profile, source: "pooled passes")) else {
        fail("the calibrated plan does not compile")
    }
    return plan
}

let calibratedPlan = pooled()
let calibratedMeans = (0..<replications).map { kernelSeconds(Runner.replicate(calibratedPlan, index: $0, seed: 5)) }
let calibratedMean = calibratedMeans.reduce(0, +) / Double(calibratedMeans.count)
let interval = ConfidenceInterval.of(liveMeans, level: 0.99)
let inside = interval.lower <= calibratedMean && calibratedMean <= interval.upper
var power: [String] = []
var powerHolds = true
for scale in [1.25, 1 / 1.25] {
    let wrong = calibratedMean * scale
    let outside = wrong < interval.lower || interval.upper < wrong
    powerHolds = powerHolds && outside
    power.append("| a model ×\(String(format: "%.2f", scale)) | \(String(format: "%.3f", wrong * 1000)) ms | \(outside ? "outside: told apart" : "INSIDE: not told apart") |")
}

func ms(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }
print("""
    ## Kernel modes: calibrated mean within the live 99% CI

    \(replications) live replications of \(duration) s (1 image/s, 0.1–0.4MP), \(replications + 1) interleaved \
    calibration passes pooled, \(String(format: "%.0f", Date().timeIntervalSince(started))) s on \(SystemInfo.cpuModel()).

    | | kernel time per image | against the live 99% CI |
    |---|---|---|
    | live mean, 99% CI | \(ms(interval.mean)) [\(ms(interval.lower)), \(ms(interval.upper))] | ±\(String(format: "%.1f", 100 * interval.halfWidth / interval.mean))% |
    | calibrated mean | \(ms(calibratedMean)) (\(String(format: "%+.1f", 100 * (calibratedMean / interval.mean - 1)))% from live) | \(inside ? "PASS: inside" : "FAIL: outside") |
    \(power.joined(separator: "\n"))
    """)
exit(inside && powerHolds ? 0 : 1)
