import Foundation
import Kernels
import SimKit
import Testing
import Topology

@testable import Models

/// The run budget: runs that cannot finish are refused before they start, the estimate is
/// near what runs really cost, and a run that reaches the memory ceiling anyway is stopped.
@Suite("Run budget")
struct RunBudgetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every committed topology: the examples and the benchmarks'.
    static var files: [String] {
        ["Topologies", "Benchmarks/topologies"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
        }
    }

    static func plan(_ file: String) throws -> NetworkPlan {
        let loaded = TopologyLoader.load(path: root.appendingPathComponent(file).path)
        let topology = try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
        let reference = try CalibrationProfile.load(path: root.appendingPathComponent("Topologies/profiles/reference.json").path)
        return try NetworkCompiler.compile(topology, kernels: .calibrated(reference, source: "reference.json"))
    }

    static func options(_ plan: NetworkPlan, parallelism: Int = 8) -> Runner.Options {
        Runner.Options(replications: plan.replications, seed: plan.seed, duration: plan.duration, parallelism: parallelism)
    }

    @Test("the estimate of 2 simulated minutes is within 0.5x-5x of the events really handled", arguments: files)
    func estimateNearActual(file: String) throws {
        var plan = try Self.plan(file)
        // Two minutes: the examples' steady rates reach every path by then (data-pipeline's
        // hourly Glue job starts at 0), and the test stays a few seconds long.
        plan.duration = 120
        plan.warmup = .fixed(0)
        let estimate = RunEstimate.of(plan, options: Runner.Options(replications: 1, seed: 3, duration: 120, parallelism: 1))
        let actual = Double(Runner.replicate(plan, index: 0, seed: 3).events)
        print("estimate \(file): \(estimate.events) events, handled \(actual), ratio \(estimate.events / actual)")
        #expect(estimate.events >= 0.5 * actual && estimate.events <= 5 * actual, "\(file): estimated \(estimate.events), handled \(actual)")
    }
}

extension RunBudgetTests {
    @Test("every committed topology fits the default budget, at its own duration and replications, with half of it to spare", arguments: files)
    func committedTopologiesFit(file: String) throws {
        let plan = try Self.plan(file)
        // 8 replications at once: more than most machines that run them, so more memory.
        let estimate = RunEstimate.of(plan, options: Self.options(plan, parallelism: 8))
        #expect(estimate.events <= RunBudget.defaultMaxEvents / 2, "\(file): \(estimate.events) events")
        #expect(estimate.memory <= RunBudget.defaultMaxMemory / 2, "\(file): \(estimate.memory) bytes")
    }
}

// MARK: - Refusals

extension RunBudgetTests {
    /// Valid topologies far too big to simulate (a 999,999,999/s workload, a 10^6-way
    /// fan-out), shared with the command-line tests.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Tests/Fixtures/run-budget/\(name).yaml"), encoding: .utf8)
    }

    /// The refusal comes from the estimate alone; 1 s is a deliberately loose bound (the walk
    /// takes milliseconds) so that a loaded 2-core CI machine does not fail it, while a run
    /// that started simulating would take hours.
    static func refusedQuickly(_ yaml: String) async throws -> (RunRefusal, Duration) {
        let plan = try SimulationHarness.plan(yaml)
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await Runner.run(plan, options: Self.options(plan, parallelism: 2))
        } catch {
            return (error, clock.now - started)
        }
        Issue.record("the run was not refused")
        throw HarnessError(message: "not refused")
    }

    @Test("a 999,999,999/s workload is refused in under a second, naming the estimate, the budget and --max-events")
    func hugeRateRefused() async throws {
        let (refusal, elapsed) = try await Self.refusedQuickly(Self.fixture("huge-rate"))
        guard case .tooManyEvents(let estimate, let budget) = refusal else {
            Issue.record("refused for another reason: \(refusal)")
            return
        }
        #expect(elapsed < .seconds(1))
        #expect(estimate.events > 1e13)
        #expect(budget.maxEvents == RunBudget.defaultMaxEvents)
        #expect(refusal.description.contains("--max-events"))
        #expect(refusal.description.contains("1.0×10^10"), "the budget: \(refusal.description)")
    }

    @Test("a 10^6-way fan-out through six nested fanouts is refused in under a second, each request counted as 10^6 calls")
    func millionFanOutRefused() async throws {
        let (refusal, elapsed) = try await Self.refusedQuickly(Self.fixture("million-fan-out"))
        guard case .tooManyEvents(let estimate, _) = refusal else {
            Issue.record("refused for another reason: \(refusal)")
            return
        }
        #expect(elapsed < .seconds(1))
        // 1 + 10 + … + 10^6 activations, each at least one event.
        #expect(estimate.eventsPerRequest >= 1_111_111)
        // Its memory is over budget too: 10^6 activations held per request in flight.
        #expect(estimate.memory > RunBudget.defaultMaxMemory)
    }

    @Test("a station offered more than it serves, with no timeout, whose clients wait a day, is refused for memory and names --max-memory")
    func overloadRefusedForMemory() async throws {
        // 3 jobs/s at a 1-server station taking 1 s each: two thirds of them pile up for the
        // day the clients wait (about 1.7×10^5 requests in flight).
        let yaml = """
            archsim: 1
            name: overload
            simulation: { duration: 2d, warmup: 0s, replications: 1, seed: 1 }
            components:
              slow: { kind: service, servers: 1, service_time: 1s }
            workloads:
              jobs: { entry: slow, arrival: { process: poisson, rate: 3/s }, timeout: 1d }
            """
        let plan = try SimulationHarness.plan(yaml)
        let estimate = RunEstimate.of(plan, options: Self.options(plan, parallelism: 1))
        #expect(estimate.overloaded == ["slow"])
        #expect(estimate.events < RunBudget.defaultMaxEvents)
        // The same station at 0.5 jobs/s keeps up and holds a few requests only.
        let stable = try SimulationHarness.plan(yaml.replacingOccurrences(of: "3/s", with: "0.5/s"))
        #expect(RunEstimate.of(stable, options: Self.options(stable, parallelism: 1)).inFlight < 10)
        // A budget below the estimate refuses it, with the flag to raise it.
        let budget = RunBudget(maxEvents: RunBudget.defaultMaxEvents, maxMemory: estimate.memory / 2)
        #expect(throws: RunRefusal.self) { try estimate.check(budget) }
        do {
            try estimate.check(budget)
        } catch {
            guard case .tooMuchMemory = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("--max-memory"))
        }
        #expect(estimate.inFlight > 1.6e5 && estimate.inFlight < 1.8e5, "\(estimate.inFlight)")
    }

    @Test("a run whose records reach the memory ceiling anyway is stopped with memoryCeiling, not finished")
    func ceilingStopsRun() async throws {
        // Service times with an infinite mean: the estimate passes, the queue grows.
        let plan = try SimulationHarness.plan(Self.fixture("heavy-tail"))
        let budget = RunBudget(maxEvents: RunBudget.defaultMaxEvents, maxMemory: 2 * 1_048_576)
        let options = Self.options(plan, parallelism: 2)
        // The estimate passes: the refusal must come from the running replications.
        try RunEstimate.of(plan, options: options).check(budget)
        do {
            _ = try await Runner.run(plan, options: options, budget: budget)
            Issue.record("the run finished")
        } catch {
            guard case .memoryCeiling(_, let bytes, let ceiling, _) = error else { Issue.record("\(error)"); return }
            #expect(ceiling == 1_048_576, "two replications at once share the budget")
            #expect(bytes >= ceiling)
            #expect(error.description.contains("--max-memory"))
        }
    }

    @Test("running in slices for the memory check handles the same events as one run")
    func slicesChangeNothing() throws {
        var plan = try Self.plan("Topologies/service-network.yaml")
        plan.duration = 300
        plan.warmup = .fixed(60)
        let whole = Runner.replicate(plan, index: 0, seed: 5)
        let sliced = try Runner.replicate(plan, index: 0, seed: 5, memoryCeiling: 1e12, budget: RunBudget())
        #expect(whole.events == sliced.events)
        #expect(whole.workloads.map(\.completed) == sliced.workloads.map(\.completed))
        #expect(whole.workloads.map(\.latencyMean) == sliced.workloads.map(\.latencyMean))
    }
}
