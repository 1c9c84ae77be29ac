import SimKit
import Testing

@testable import Models

/// Are the reported confidence intervals honest? Over many independent experiments, a 95%
/// interval should contain the true value about 95% of the time.
@Suite("Confidence interval coverage")
struct CoverageTests {
    @Test("95% CIs of the M/M/1 mean wait cover the Erlang value 95% ± 3σ of the time")
    func coverage() throws {
        let experiments = 200
        let plan = try SimulationHarness.plan(SimulationHarness.station(
            servers: 1, arrivalRate: 0.5, serviceTime: "exponential(mean: 1s)", duration: 4000,
            warmup: "200s", replications: 10))
        let truth = QueueingTheory.mmc(lambda: 0.5, mu: 1, servers: 1).wq
        var covered = 0
        for experiment in 0..<experiments {
            let waits = (0..<plan.replications).map {
                Runner.replicate(plan, index: $0, seed: 1_000 + UInt64(experiment)).stations[0].waitMean
            }
            let interval = ConfidenceInterval.of(waits, level: 0.95)
            if interval.lower <= truth && truth <= interval.upper { covered += 1 }
        }
        // Binomial: 200 trials at p = 0.95 have σ = √(200·0.95·0.05) ≈ 3.08 hits; accept ±3σ.
        let sigma = (Double(experiments) * 0.95 * 0.05).squareRoot()
        #expect(abs(Double(covered) - 0.95 * Double(experiments)) <= 3 * sigma,
            "\(covered) of \(experiments) intervals covered the true mean wait")
    }
}
