import Foundation
@testable import SimKit
import Testing

@Suite("Variate edge cases")
struct VariateEdgeCaseTests {
    @Test("constant returns exactly its value", arguments: [0, 1e-300, 0.1, 0.25, 7, 1e300])
    func constant(_ value: Double) {
        let variate = Variate.constant(value)
        var generator = Xoshiro256StarStar(seed: 1)
        for _ in 0..<1_000 { #expect(variate.sample(&generator) == value) }
        #expect(variate.mean == value)
        #expect(variate.variance == 0)
        #expect(variate.cdf(value) == 1)
        #expect(variate.cdf(value.nextDown) == 0)
        #expect(variate.quantile(0.3) == value)
    }

    /// Parameters at the edges of what a topology could say: samples must stay finite and ≥ 0.
    static let extremes: [VariateCase] = [
        .exponential(mean: 1e-300), .exponential(mean: 1e300),
        .uniform(low: 0, high: 1e308), .uniform(low: 3, high: 3),
        .normal(mean: 1e-300, standardDeviation: 1e300), .normal(mean: 1e300, standardDeviation: 1e-300),
        .normal(mean: 0, standardDeviation: 1e-300), .normal(mean: -1e3, standardDeviation: 1),
        .normal(mean: -1e300, standardDeviation: 1), .normal(mean: 5, standardDeviation: 0),
        .lognormal(mu: -700, sigma: 1e-3), .lognormal(mu: 0, sigma: 20), .lognormal(mu: 650, sigma: 1),
        .lognormal(mu: 2, sigma: 0),
        .gamma(shape: 1e-3, scale: 1), .gamma(shape: 1e-8, scale: 1e8), .gamma(shape: 1e6, scale: 1e-6),
        .gamma(shape: 1, scale: 1e-300), .gamma(shape: 2, scale: 1e300),
        .pareto(scale: 1e-300, shape: 0.1), .pareto(scale: 1e300, shape: 100), .pareto(scale: 1, shape: 1e6),
        .empirical(try! EmpiricalSamples([0])), .empirical(try! EmpiricalSamples([0, 0, 1e300])),
    ].map(VariateCase.init)

    @Test("extreme parameters give finite, non-negative samples and moments", arguments: extremes)
    func extremeParameters(_ testCase: VariateCase) {
        let variate = testCase.variate
        #expect(variate.isValid)
        let values = testCase.draw(10_000, "extremes")
        #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, "\(values.first { !$0.isFinite || $0 < 0 } ?? 0)")
        if let mean = variate.mean { #expect(mean.isFinite && mean >= 0) }
        if let variance = variate.variance { #expect(variance.isFinite && variance >= 0) }
        for p in [0, 0.5, 0.999] { #expect(variate.quantile(p) >= 0) }
        for x in values.prefix(100) {
            let f = variate.cdf(x)
            #expect(f >= 0 && f <= 1)
        }
    }

    @Test("a normal far below zero is sampled from its far tail, not clamped to 0")
    func farTailNormal() {
        // Mean 1000σ below the cut: given X ≥ 0 the excess is nearly exponential with mean σ/1000.
        let variate = Variate.normal(mean: -1_000, standardDeviation: 1)
        var generator = Xoshiro256StarStar(seed: 4)
        let values = (0..<10_000).map { _ in variate.sample(&generator) }
        #expect(values.allSatisfy { $0 > 0 })
        #expect(abs(variate.mean! - 1e-3) <= 1e-8)
        let summary = SampleSummary(values)
        #expect(abs(summary.mean - variate.mean!) <= 5 * (variate.variance! / 10_000).squareRoot())
    }

    @Test("quantile outside [0, 1] is NaN; the ends are the ends of the support")
    func quantileEnds() {
        let exponential = Variate.exponential(mean: 2)
        #expect(exponential.quantile(-0.1).isNaN)
        #expect(exponential.quantile(1.1).isNaN)
        #expect(exponential.quantile(0) == 0)
        #expect(exponential.quantile(1) == .infinity)
        #expect(Variate.pareto(scale: 3, shape: 2).quantile(0) == 3)
        #expect(Variate.uniform(low: 1, high: 4).quantile(1) == 4)
        #expect(Variate.normal(mean: 1, standardDeviation: 1).quantile(0) == 0)
        #expect(Variate.normal(mean: 1, standardDeviation: 1).quantile(1) == .infinity)
        #expect(Variate.gamma(shape: 2, scale: 1).quantile(1) == .infinity)
        #expect(Variate.empirical(VariateCase.measured).quantile(1) == 0.35)
        #expect(Variate.empirical(VariateCase.measured).quantile(0) == 0.012)
    }

    @Test("moments that do not exist are nil")
    func missingMoments() {
        #expect(Variate.pareto(scale: 1, shape: 1).mean == nil)
        #expect(Variate.pareto(scale: 1, shape: 2).variance == nil)
        #expect(Variate.pareto(scale: 1, shape: 2).scv == nil)
        #expect(Variate.pareto(scale: 1, shape: 3).variance == 0.75)
        #expect(Variate.lognormal(mu: 0, sigma: 40).mean == nil)
        #expect(Variate.constant(0).scv == nil)
    }

    @Test("scv is variance / mean² with the known closed forms")
    func squaredCoefficientOfVariation() {
        #expect(Variate.exponential(mean: 3).scv == 1)
        #expect(Variate.constant(2).scv == 0)
        #expect(Variate.gamma(shape: 4, scale: 9).scv == 0.25)
        #expect(abs(Variate.uniform(low: 0, high: 2).scv! - 1.0 / 3) <= 1e-15)
        #expect(abs(Variate.lognormal(mu: 5, sigma: 0.5).scv! - expm1(0.25)) <= 1e-15)
        #expect(abs(Variate.pareto(scale: 1, shape: 3).scv! - 1.0 / 3) <= 1e-15)
        for testCase in VariateCase.continuous {
            guard let scv = testCase.variate.scv else { continue }
            let ratio = testCase.variate.variance! / (testCase.variate.mean! * testCase.variate.mean!)
            #expect(abs(scv - ratio) <= 1e-12 * ratio, "\(testCase.variate)")
        }
    }

    @Test("isValid rejects impossible parameters")
    func validity() {
        #expect(!Variate.exponential(mean: 0).isValid)
        #expect(!Variate.exponential(mean: .nan).isValid)
        #expect(!Variate.uniform(low: 2, high: 1).isValid)
        #expect(!Variate.normal(mean: 1, standardDeviation: -1).isValid)
        #expect(!Variate.gamma(shape: 0, scale: 1).isValid)
        #expect(!Variate.pareto(scale: 1, shape: -1).isValid)
        #expect(!Variate.constant(-1).isValid)
        #expect(VariateCase.continuous.allSatisfy { $0.variate.isValid })
    }

    @Test("an invalid gamma shape gives NaN instead of looping forever")
    func invalidGammaTerminates() {
        var generator = Xoshiro256StarStar(seed: 2)
        #expect(Variate.gamma(shape: 0, scale: 1).sample(&generator).isNaN)
        #expect(Variate.gamma(shape: .nan, scale: 1).sample(&generator).isNaN)
        #expect(Variate.gamma(shape: .infinity, scale: 1).sample(&generator).isNaN)
    }
}

@Suite("EmpiricalSamples")
struct EmpiricalSamplesTests {
    @Test("rejects empty, non-finite and negative input")
    func validation() {
        #expect(throws: EmpiricalSamplesError.empty) { try EmpiricalSamples([]) }
        #expect(throws: EmpiricalSamplesError.self) { try EmpiricalSamples([1, .nan]) }
        #expect(throws: EmpiricalSamplesError.self) { try EmpiricalSamples([1, .infinity]) }
        #expect(throws: EmpiricalSamplesError.negative(index: 1, value: -2)) { try EmpiricalSamples([1, -2]) }
    }

    @Test("sorts, and equality ignores the input order")
    func sorting() throws {
        let a = try EmpiricalSamples([3, 1, 2])
        let b = try EmpiricalSamples([1, 2, 3])
        #expect(a.sorted == [1, 2, 3])
        #expect(a == b)
        #expect(Variate.empirical(a) == Variate.empirical(b))
        #expect(a.hashValue == b.hashValue)
    }

    @Test("interpolates linearly between order statistics")
    func interpolation() throws {
        let samples = try EmpiricalSamples([0, 10, 20, 40])
        // Three pieces of probability 1/3 each.
        #expect(samples.inverse(0.5) == 15)
        #expect(samples.cdf(15) == 0.5)
        #expect(abs(samples.inverse(5.0 / 6) - 30) <= 1e-12)
        #expect(samples.cdf(-1) == 0 && samples.cdf(40) == 1 && samples.cdf(1e9) == 1)
        // Mean of the mixture of uniforms: (5 + 15 + 30) / 3.
        #expect(abs(samples.mean - 50.0 / 3) <= 1e-12)
    }

    @Test("a repeated value is an atom of mass 1/(n − 1)")
    func atoms() throws {
        let samples = try EmpiricalSamples([1, 2, 2, 3])
        #expect(samples.cdf(2.nextDown) < 1.0 / 3 + 1e-12)
        #expect(samples.cdf(2) == 2.0 / 3)
        #expect(samples.inverse(0.5) == 2)
        #expect(samples.inverse(0.4) == 2)
        #expect(samples.inverse(0.6) == 2)
    }

    @Test("one value is a constant")
    func single() throws {
        let variate = Variate.empirical(try EmpiricalSamples([4.5]))
        var generator = Xoshiro256StarStar(seed: 8)
        #expect((0..<100).allSatisfy { _ in variate.sample(&generator) == 4.5 })
        #expect(variate.mean == 4.5 && variate.variance == 0)
    }

    @Test("the largest uniform stays on the last piece")
    func topOfGrid() throws {
        let samples = try EmpiricalSamples((0..<1_000).map(Double.init))
        let top = UnitInterval.open(.max)
        #expect(samples.inverse(top) <= 999)
        #expect(samples.inverse(top) > 998.9)
    }
}
