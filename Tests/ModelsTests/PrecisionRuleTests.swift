import SimKit
import Testing

@testable import Models

@Suite("Sequential replications")
struct PrecisionRuleTests {
    @Test("replications are added until the metric's CI half-width is within the relative precision")
    func addsReplications() async throws {
        let yaml = """
            archsim: 1
            name: precise
            simulation:
              duration: 2000s
              warmup: 100s
              replications: 2
              seed: 8
              precision: { target: "mean(jobs) < 1s", relative: 2%, max_replications: 60 }
            components:
              queue: { kind: service, servers: 1, service_time: { exponential: 1s } }
            workloads:
              jobs: { entry: queue, arrival: { process: poisson, rate: 0.7/s }, timeout: 1d }
            """
        let plan = try SimulationHarness.plan(yaml)
        let result = try await Runner.run(plan, options: .init(replications: plan.replications, seed: plan.seed, duration: plan.duration, parallelism: 2))
        let values = result.replications.map(\.workloads[0].latencyMean)
        let interval = ConfidenceInterval.of(values)
        #expect(result.replications.count > 2)
        #expect(interval.relativeHalfWidth <= 0.02 || result.replications.count == 60)
        // It stops soon after reaching the precision: one batch earlier, it was not yet there.
        let earlier = ConfidenceInterval.of(Array(values.dropLast(2)))
        #expect(earlier.relativeHalfWidth > 0.02 || result.replications.count <= 4)
        #expect(result.replications.map(\.index) == Array(0..<result.replications.count))
    }
}
