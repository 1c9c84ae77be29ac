import Foundation
@testable import SimKit
import Testing

// MARK: - Tolerances
//
// Every check below compares a statistic of n samples with its exact value, allowing five
// standard errors of that statistic. Under the normal approximation a correct sampler fails one
// such check with probability 5.7e-7 (over the ~200 checks here, ~1e-4 in all), while a sampler
// whose mean is off by more than 5σ/√n ≈ 1.1% of σ (n = 200 000) is caught. Seeds are fixed, so
// a run is reproducible: a failure is a real defect or a one-in-a-million draw, never flakiness.
//
// - Sample mean: standard error σ/√n (needs a finite variance).
// - Sample variance: standard error √((μ₄ − σ⁴)/n), the leading term of Var(s²) (needs a finite
//   fourth central moment, computed in ReferenceMoments.swift independently of the library).
//   For the constant both errors are 0 and the check is exact equality (see `withAtoms`).
// - Where those moments are infinite (pareto shape ≤ 4 for μ₄, ≤ 2 for σ²), the sample quantiles
//   are tested instead, and they are tested for every case anyway: the number of samples ≤ the
//   exact quantile q is Binomial(n, F(q)) exactly, whatever the distribution, so it must lie
//   within 5·√(nF(1 − F)) of nF (F = p except at an atom).
// - Kolmogorov–Smirnov: D_n ≤ 1.949/√n, the asymptotic α = 0.001 critical value (conservative
//   for the cases with atoms).

@Suite("Variate sampling matches the distribution")
struct VariateStatisticalTests {
    static let momentCount = 200_000
    static let ksCount = 20_000
    /// The binomial check is exact at any n; 50 000 keeps it fast and still resolves ±1.3% at p = ½.
    static let quantileCount = 50_000

    @Test("sample mean and variance lie within 5 standard errors of the exact moments",
          arguments: VariateCase.all)
    func moments(_ testCase: VariateCase) throws {
        let variate = testCase.variate
        let n = Double(Self.momentCount)
        let values = testCase.draw(Self.momentCount, "moments")
        let summary = SampleSummary(values)
        #expect(values.allSatisfy { $0.isFinite && $0 >= 0 })

        var checked = 0
        if let mean = variate.mean, let variance = variate.variance {
            let standardError = (variance / n).squareRoot()
            #expect(abs(summary.mean - mean) <= 5 * standardError,
                    "mean \(summary.mean) vs \(mean) (SE \(standardError))")
            checked += 1
        }
        if let variance = variate.variance, let mu4 = fourthCentralMoment(variate) {
            let standardError = ((mu4 - variance * variance) / n).squareRoot()
            #expect(abs(summary.variance - variance) <= 5 * standardError,
                    "variance \(summary.variance) vs \(variance) (SE \(standardError))")
            checked += 1
        }
        // Which moments are testable is decided by the distribution, not by the test: only the
        // heavy-tailed pareto cases may skip them (and are covered by the quantile test below).
        if case .pareto(_, let shape) = variate {
            #expect(checked == (shape > 4 ? 2 : shape > 2 ? 1 : 0))
        } else {
            #expect(checked == 2)
        }
    }

    @Test("the count of samples below each exact quantile is within 5 binomial standard errors",
          arguments: VariateCase.all)
    func quantileCoverage(_ testCase: VariateCase) {
        let values = testCase.draw(Self.quantileCount, "quantiles")
        let n = Double(values.count)
        for p in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
            let quantile = testCase.variate.quantile(p)
            // F(quantile(p)) is p for continuous cases and exceeds it at an atom.
            let probability = testCase.variate.cdf(quantile)
            let below = Double(values.count { $0 <= quantile })
            let standardError = (n * probability * (1 - probability)).squareRoot()
            #expect(abs(below - n * probability) <= 5 * standardError,
                    "p = \(p): \(below) of \(n) below \(quantile)")
        }
    }

    @Test("Kolmogorov–Smirnov against cdf passes at α = 0.001", arguments: VariateCase.all)
    func kolmogorovSmirnovAgainstCDF(_ testCase: VariateCase) {
        let values = testCase.draw(Self.ksCount, "ks")
        let statistic = kolmogorovSmirnov(values, cdf: testCase.variate.cdf)
        let critical = 1.949 / Double(Self.ksCount).squareRoot()
        #expect(statistic <= critical, "D = \(statistic), critical \(critical)")
    }

    /// The KS test must be able to fail: samples of one case against a slightly different cdf,
    /// and a constant against a constant one ulp away.
    @Test("Kolmogorov–Smirnov rejects a 5% wrong scale and a misplaced atom")
    func kolmogorovSmirnovHasPower() {
        let critical = 1.949 / Double(Self.ksCount).squareRoot()
        let values = VariateCase(variate: .exponential(mean: 1)).draw(Self.ksCount, "ks-power")
        #expect(kolmogorovSmirnov(values, cdf: Variate.exponential(mean: 1.05).cdf) > critical)
        let constants = [Double](repeating: 0.25, count: 100)
        #expect(kolmogorovSmirnov(constants, cdf: Variate.constant(0.25).cdf) == 0)
        #expect(kolmogorovSmirnov(constants, cdf: Variate.constant(0.25.nextUp).cdf) == 1)
    }

    /// The truncated normal's mean and variance are the one non-textbook closed form (including
    /// the far-tail continued fraction): check them against quadrature (ReferenceMoments.swift).
    @Test("the truncated normal's exact mean and variance agree with quadrature",
          arguments: VariateCase.continuous.filter { if case .normal = $0.variate { true } else { false } })
    func truncatedNormalMomentsAgreeWithQuadrature(_ testCase: VariateCase) throws {
        guard case .normal(let mean, let standardDeviation) = testCase.variate else { return }
        let reference = TruncatedStandardNormalMoments(cut: -mean / standardDeviation)
        let expectedMean = mean + standardDeviation * reference.mean
        let expectedVariance = standardDeviation * standardDeviation * reference.variance
        let computedMean = try #require(testCase.variate.mean)
        let computedVariance = try #require(testCase.variate.variance)
        #expect(abs(computedMean - expectedMean) <= 1e-9 * expectedMean)
        #expect(abs(computedVariance - expectedVariance) <= 1e-8 * expectedVariance)
    }
}
