import Testing

@testable import SimKit

@Suite("ConfidenceInterval")
struct StatisticsConfidenceIntervalTests {
    @Test func handComputed() {
        // Mean 5, sample variance 32/7, n = 8: half-width t(0.975, 7)·√(32/7)/√8.
        let ci = ConfidenceInterval.of([2, 4, 4, 4, 5, 5, 7, 9])
        let expectedHalfWidth = 2.364624252 * (32.0 / 7).squareRoot() / 8.0.squareRoot()
        #expect(ci.mean == 5)
        #expect(ci.count == 8)
        #expect(abs(ci.halfWidth - expectedHalfWidth) < 1e-8)
        #expect(abs(ci.lower - (5 - expectedHalfWidth)) < 1e-8)
        #expect(abs(ci.upper - (5 + expectedHalfWidth)) < 1e-8)
        #expect(abs(ci.relativeHalfWidth - expectedHalfWidth / 5) < 1e-8)
        // A 90% interval is narrower.
        #expect(ConfidenceInterval.of([2, 4, 4, 4, 5, 5, 7, 9], level: 0.9).halfWidth < ci.halfWidth)
    }

    @Test func degenerateInputs() {
        let empty = ConfidenceInterval.of([])
        #expect(empty.mean.isNaN && empty.lower.isNaN && empty.upper.isNaN && empty.halfWidth.isNaN)
        #expect(empty.count == 0)

        let one = ConfidenceInterval.of([3.5])
        #expect(one.mean == 3.5 && one.lower == 3.5 && one.upper == 3.5 && one.halfWidth == 0)

        // NaNs are ignored.
        let withNaN = ConfidenceInterval.of([.nan, 1, 3, .nan])
        #expect(withNaN == ConfidenceInterval.of([1, 3]))
        #expect(withNaN.count == 2)
        #expect(ConfidenceInterval.of([.nan]).mean.isNaN)

        // Zero mean.
        #expect(ConfidenceInterval.of([0, 0, 0]).relativeHalfWidth == 0)
        #expect(ConfidenceInterval.of([-1, 1]).relativeHalfWidth == .infinity)
    }

    /// 2 000 experiments of 10 normal samples: the 95% interval should contain the true
    /// mean in 95% of them, within 3 binomial standard deviations.
    @Test func coverage() {
        var rng = StatisticsTestRNG(seed: 2024)
        let experiments = 2_000
        let trueMean = 10.0
        var covered = 0
        for _ in 0..<experiments {
            let sample = (0..<10).map { _ in trueMean + 3 * rng.normal() }
            if ConfidenceInterval.of(sample).contains(trueMean) { covered += 1 }
        }
        let fraction = Double(covered) / Double(experiments)
        let slack = 3 * (0.95 * 0.05 / Double(experiments)).squareRoot()
        #expect(abs(fraction - 0.95) <= slack, "coverage \(fraction)")
    }
}
