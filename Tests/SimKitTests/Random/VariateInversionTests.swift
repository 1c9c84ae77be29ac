import Foundation
@testable import SimKit
import Testing

@Suite("Variate inversion and common random numbers")
struct VariateInversionTests {
    /// Within [1e-4, 1 − 1e-4]: cdf is accurate to ~1e-15 in absolute terms, and the round trip
    /// is asked to hold to 1e-12 in p and 1e-9 relative in x (d ln x / dp is at most ~10⁴ here,
    /// about 1/min(p, 1 − p), so an error of 1e-15 in p moves x by at most ~1e-11·x).
    static let probabilities = [1e-4, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.9999]

    @Test("quantile(cdf(x)) = x and cdf(quantile(p)) = p", arguments: VariateCase.continuous)
    func roundTrip(_ testCase: VariateCase) {
        let variate = testCase.variate
        for p in Self.probabilities {
            let x = variate.quantile(p)
            #expect(x.isFinite && x >= 0)
            let back = variate.cdf(x)
            #expect(abs(back - p) <= 1e-12, "cdf(quantile(\(p))) = \(back)")
            let again = variate.quantile(back)
            #expect(abs(again - x) <= 1e-9 * x, "quantile(cdf(\(x))) = \(again)")
        }
    }

    @Test("quantile is increasing and spans the support", arguments: VariateCase.continuous)
    func quantileMonotone(_ testCase: VariateCase) {
        let variate = testCase.variate
        let grid = (0...1000).map { Double($0) / 1000 }
        let quantiles = grid.map(variate.quantile)
        #expect(zip(quantiles, quantiles.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(variate.cdf(quantiles[0]) == 0 || quantiles[0] == 0)
        #expect(variate.cdf(quantiles[1000]) == 1)
    }

    /// Inversion is what makes common random numbers work: every inversion case maps the stream's
    /// uniform through the same increasing F⁻¹, so a larger uniform gives a larger sample.
    @Test("sampling is F⁻¹ of the stream's uniform, so larger uniforms give larger samples",
          arguments: VariateCase.inversion)
    func monotoneCoupling(_ testCase: VariateCase) {
        let variate = testCase.variate
        var generator = testCase.stream("coupling")
        var pairs: [(u: Double, x: Double)] = []
        for _ in 0..<5_000 {
            var probe = generator
            let u = probe.nextUniform()
            let x = variate.sample(&generator)
            #expect(x == variate.inverse(u))
            // The fast form used while sampling agrees with the precise `quantile`.
            let q = variate.quantile(u)
            #expect(abs(x - q) <= 1e-12 * q)
            pairs.append((u, x))
        }
        pairs.sort { $0.u < $1.u }
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.x <= $1.x })
    }

    /// Two designs that differ in a service-time distribution, fed the same stream, see samples in
    /// exactly the same rank order: the strongest coupling common random numbers can give.
    @Test("two designs on the same stream see identically ranked samples")
    func designsAreRankCoupled() {
        let designs: [Variate] = [
            .exponential(mean: 0.1), .lognormal(mu: -2.5, sigma: 0.7),
            .normal(mean: 0.1, standardDeviation: 0.05), .pareto(scale: 0.05, shape: 3),
            .uniform(low: 0.05, high: 0.15), .empirical(VariateCase.measured),
        ]
        let runs = designs.map { variate in
            var generator = RandomStreams(seed: 9, replication: 1).stream("service.web")
            return (0..<2_000).map { _ in variate.sample(&generator) }
        }
        let order = runs[0].indices.sorted { runs[0][$0] < runs[0][$1] }
        for run in runs.dropFirst() {
            #expect(zip(order, order.dropFirst()).allSatisfy { run[$0] <= run[$1] })
        }
    }

    /// Every case consumes exactly one word of the stream (gamma too, through its private
    /// SplitMix64), so changing one distribution never shifts later draws of the same stream.
    @Test("each sample consumes exactly one next()", arguments: VariateCase.all)
    func oneDrawPerSample(_ testCase: VariateCase) {
        var generator = testCase.stream("alignment")
        for _ in 0..<1_000 {
            var expected = generator
            _ = expected.next()
            _ = testCase.variate.sample(&generator)
            #expect(generator == expected)
        }
    }
}
