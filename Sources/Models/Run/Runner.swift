import Foundation
import SimKit
import Topology

/// Runs replications of a compiled network, in parallel on all cores, and collects them.
package enum Runner {
    package struct Options: Sendable {
        package var replications: Int
        package var seed: UInt64
        package var duration: Double
        /// Parallel replications at once (default: the machine's cores).
        package var parallelism: Int

        package init(replications: Int, seed: UInt64, duration: Double, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.replications = replications
            self.seed = seed
            self.duration = duration
            self.parallelism = max(1, parallelism)
        }
    }

    /// Runs `options.replications` replications (more if the plan's precision rule asks), calling
    /// `progress(done, total)` as each finishes. A run whose estimate is over `budget` is refused
    /// before anything is simulated; one whose records reach the memory budget is stopped.
    package static func run(
        _ plan: NetworkPlan, options: Options, budget: RunBudget = RunBudget(),
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws(RunRefusal) -> RunResult {
        var plan = plan
        plan.duration = options.duration
        try RunEstimate.of(plan, options: options).check(budget)
        let started = Date()
        var results = try await batch(plan, indices: 0..<options.replications, options: options, budget: budget, progress: progress)
        if let rule = plan.precision {
            // Sequential stopping: add a batch at a time until the CI is tight enough.
            while results.count < rule.maximumReplications {
                let values = results.compactMap { Metrics.value(rule.metric, in: $0, plan: plan) }
                let interval = ConfidenceInterval.of(values)
                if values.count >= 2, interval.relativeHalfWidth.isFinite, interval.relativeHalfWidth <= rule.relative { break }
                let next = results.count..<min(results.count + options.parallelism, rule.maximumReplications)
                results += try await batch(plan, indices: next, options: options, budget: budget, progress: progress)
            }
        }
        return RunResult(plan: plan, seed: options.seed, replications: results, wallSeconds: Date().timeIntervalSince(started))
    }

    static func batch(
        _ plan: NetworkPlan, indices: Range<Int>, options: Options, budget: RunBudget,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws(RunRefusal) -> [ReplicationResult] {
        // Each replication running at once gets an equal share of the memory budget.
        let ceiling = budget.maxMemory / Double(max(1, min(options.parallelism, indices.count)))
        var results: [ReplicationResult] = []
        var refusal: RunRefusal?
        var nextIndex = indices.lowerBound
        await withTaskGroup(of: Result<ReplicationResult, RunRefusal>.self) { group in
            func start(_ index: Int) {
                group.addTask { Result { () throws(RunRefusal) in try replicate(plan, index: index, seed: options.seed, memoryCeiling: ceiling, budget: budget) } }
            }
            // Keep at most `parallelism` replications running: each is one core's work.
            while nextIndex < indices.upperBound, nextIndex - indices.lowerBound < options.parallelism {
                start(nextIndex)
                nextIndex += 1
            }
            while let outcome = await group.next() {
                switch outcome {
                case .success(let result):
                    results.append(result)
                    progress(results.count + indices.lowerBound, indices.upperBound)
                    if refusal == nil, nextIndex < indices.upperBound {
                        start(nextIndex)
                        nextIndex += 1
                    }
                case .failure(let error):
                    // The others would reach it too: stop them (they check between slices).
                    if refusal == nil { refusal = error }
                    group.cancelAll()
                }
            }
        }
        if let refusal { throw refusal }
        return results.sorted { $0.index < $1.index }
    }

    /// One replication, start to end, on the calling thread. With `warmup: auto` it runs twice
    /// on the same random streams: a pilot finds the warm-up by MSER-5 on the number of
    /// requests in the system, the second run measures after it.
    package static func replicate(_ plan: NetworkPlan, index: Int, seed: UInt64) -> ReplicationResult {
        // No ceiling, so nothing to throw.
        try! replicate(plan, index: index, seed: seed, memoryCeiling: .infinity, budget: .unlimited)
    }

    /// `replicate`, stopped with `RunRefusal.memoryCeiling` when the records of its requests,
    /// activations and messages reach `memoryCeiling` bytes (or when its task is cancelled).
    static func replicate(
        _ plan: NetworkPlan, index: Int, seed: UInt64, memoryCeiling: Double, budget: RunBudget
    ) throws(RunRefusal) -> ReplicationResult {
        let streams = RandomStreams(seed: seed, replication: index)
        var pilotEvents = 0
        let warmup: Double
        switch plan.warmup {
        case .fixed(let time):
            warmup = min(time, plan.duration)
        case .auto:
            var pilot = NetworkModel(plan: plan, streams: streams)
            var simulation = Simulation()
            pilot.start(&simulation, warmup: 0)
            try advance(&simulation, &pilot, until: plan.duration, ceiling: memoryCeiling, index: index, budget: budget)
            pilot.inProgress.accumulate(until: plan.duration)
            let series = pilot.inProgress.means(until: plan.duration)
            warmup = Double(MSER.truncation(series)) * pilot.inProgress.width
            pilotEvents = simulation.handledEvents
        }
        var model = NetworkModel(plan: plan, streams: streams)
        var simulation = Simulation()
        model.start(&simulation, warmup: warmup)
        try advance(&simulation, &model, until: plan.duration, ceiling: memoryCeiling, index: index, budget: budget)
        // The last boundary is an event at `duration`; this only guards against rounding.
        while model.series.closed < model.series.bucketCount { model.closeBucket(at: plan.duration) }
        return collect(model, plan: plan, index: index, warmup: warmup, events: simulation.handledEvents + pilotEvents)
    }

    /// Slices a run checks its memory after: the events are the same, in the same order, as
    /// in one `run(until:)` (the clock only moves to each slice's end between events).
    static let slices = 1024

    /// Runs `model` to `end` in slices, checking its records against `ceiling` after each.
    static func advance(
        _ simulation: inout Simulation, _ model: inout NetworkModel, until end: Double, ceiling: Double, index: Int, budget: RunBudget
    ) throws(RunRefusal) {
        guard ceiling.isFinite else {
            simulation.run(&model, until: end)
            return
        }
        let start = simulation.now
        for slice in 1...slices {
            let until = slice == slices ? end : start + (end - start) * Double(slice) / Double(slices)
            simulation.run(&model, until: until)
            let bytes = model.recordBytes
            if bytes >= ceiling { throw .memoryCeiling(replication: index, bytes: bytes, ceiling: ceiling, budget: budget) }
            // A sibling reached it: this run's results would be thrown away.
            if Task.isCancelled { throw .memoryCeiling(replication: index, bytes: bytes, ceiling: ceiling, budget: budget) }
        }
    }

    static func collect(_ model: NetworkModel, plan: NetworkPlan, index: Int, warmup: Double, events: Int) -> ReplicationResult {
        let end = plan.duration
        let measured = max(end - warmup, 1e-12)
        let workloads = model.workloads.map { statistics -> ReplicationResult.Workload in
            let failed = statistics.failed.reduce(0, +)
            var byCause: [String: Int] = [:]
            for cause in FailureCause.allCases { byCause[cause.name] = statistics.failed[cause.rawValue] }
            let answered = statistics.completed + failed
            return ReplicationResult.Workload(
                offered: statistics.offered, completed: statistics.completed, failed: failed, failedByCause: byCause,
                inFlight: statistics.inFlight,
                latencyMean: statistics.latency.count > 0 ? statistics.latency.mean : .nan,
                latencyP50: statistics.latencyHistogram.quantile(0.5),
                latencyP90: statistics.latencyHistogram.quantile(0.9),
                latencyP95: statistics.latencyHistogram.quantile(0.95),
                latencyP99: statistics.latencyHistogram.quantile(0.99),
                latencyP999: statistics.latencyHistogram.quantile(0.999),
                latencyMax: statistics.latency.count > 0 ? statistics.latency.max : .nan,
                completionMean: statistics.completion.count > 0 ? statistics.completion.mean : .nan,
                completionP99: statistics.completionHistogram.quantile(0.99),
                throughput: Double(statistics.completed) / measured,
                errorRate: answered > 0 ? Double(failed) / Double(answered) : 0,
                seriesCounts: statistics.series.counts, seriesLatency: statistics.series.means)
        }
        let stations = plan.stations.indices.map { ComponentMetrics.collect(model, component: $0, until: end, measured: measured) }
        let network = ReplicationResult.Network(
            crossZoneBytes: model.network.crossZoneBytes, natBytes: model.network.natBytes,
            natUtilization: model.natStations.map { model.stations[Int($0)].utilization(until: end) })
        return ReplicationResult(
            index: index, seriesBucketWidth: model.workloads.first?.series.bucketWidth ?? plan.timeSeriesBucket,
            warmup: warmup, measured: measured, events: events, workloads: workloads, stations: stations,
            network: network)
    }
}
