// The engine's benchmarks, run by package-benchmark (release build):
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
//
// 1. Event-queue designs: the hold model (pop the earliest, push one at now + Exp(1)) with
//    10^2 … 10^6 pending events, on SimKit's 4-ary heap and on swift-collections' `Heap`.
//    10^6 holds per iteration (scaling factor mega); package-benchmark divides the scaled
//    metrics by it, so the wall clock's p50 is the median ns per hold operation. (With 10^3
//    holds per iteration the 10^6-event heaps measured 4-5× slower: the harness's own work
//    between iterations evicts the heap from the caches.)
// 2. M/M/1 at ρ = 0.9 with 10^6 customers on `Simulation` (4-ary heap) and on the same loop
//    over swift-collections' `Heap`, with events/s and the mean wait as custom metrics.
//
// `peers/run.sh` measures the same with the `MM1` executable side by side with SimPy and Ciw.

import Benchmark
import BenchSupport
import SimKit

/// Keeps a hold model between iterations, so the prefill and warm-up are paid once and every
/// iteration measures the queue in its steady state.
final class HoldBox<Queue: EventQueue> {
    let pending: Int
    lazy var hold = Hold<Queue>(pending: pending)
    init(pending: Int) { self.pending = pending }
}

func registerHold<Queue: EventQueue>(_ design: QueueDesign, _ queue: Queue.Type, pending: Int) {
    let box = HoldBox<Queue>(pending: pending)
    Benchmark(
        "hold \(design.rawValue) n=\(pending)",
        configuration: .init(
            metrics: [.wallClock, .throughput],
            warmupIterations: 2,
            scalingFactor: .mega,
            maxDuration: .seconds(3),
            maxIterations: 100_000,
            setup: { _ = box.hold.pending }
        )
    ) { benchmark in
        Benchmark.blackHole(box.hold.run(operations: benchmark.scaledIterations.count))
    }
}

let engineEvents = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
let meanWait = BenchmarkMetric.custom("mean wait ×1000 (Erlang 9000)", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    for pending in [100, 1_000, 10_000, 100_000, 1_000_000] {
        registerHold(.quaternary, QuaternaryHeap.self, pending: pending)
        registerHold(.collections, CollectionsHeapQueue.self, pending: pending)
    }

    for engine in [MM1Engine.quaternary, .collections] {
        Benchmark(
            "M/M/1 rho=0.9 1e6 customers, \(engine.rawValue)",
            configuration: .init(
                metrics: [.wallClock, .throughput, .peakMemoryResident, engineEvents, meanWait],
                warmupIterations: 1,
                maxDuration: .seconds(10),
                maxIterations: 15
            )
        ) { benchmark in
            let result = runMM1(customers: 1_000_000, engine: engine)
            benchmark.measurement(engineEvents, Int(result.eventsPerSecond))
            benchmark.measurement(meanWait, Int((result.meanWait * 1000).rounded()))
        }
    }
}
