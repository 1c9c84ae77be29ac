import Foundation
@testable import SimKit
import Testing

// MARK: - The distributions under test

/// One distribution under test, named by its language spelling in the test report.
struct VariateCase: Sendable, CustomTestStringConvertible {
    let variate: Variate

    var testDescription: String { variate.description }

    /// Its own stream, so adding a case never changes another case's samples.
    func stream(_ purpose: String) -> Xoshiro256StarStar {
        RandomStreams(seed: 20_250_611, replication: 0).stream("\(purpose)/\(variate.description)")
    }

    func draw(_ count: Int, _ purpose: String) -> [Double] {
        var generator = stream(purpose)
        var values = [Double]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(variate.sample(&generator)) }
        return values
    }
}

extension VariateCase {
    /// Every continuous case of the language, with parameters that exercise each code path:
    /// truncated normals from barely cut (5σ above 0) through half-normal to the far-tail branch
    /// (30σ below 0), gamma below, at and above shape 1 (boost and squeeze), pareto on both sides
    /// of every moment boundary (shape 6: all four moments; 2.5: variance but not μ₄; 1.5: mean
    /// only; 0.8: no mean).
    static let continuous: [VariateCase] = [
        .exponential(mean: 0.08),
        .uniform(low: 2, high: 5),
        .normal(mean: 0.05, standardDeviation: 0.01),
        .normal(mean: 1, standardDeviation: 1),
        .normal(mean: 0, standardDeviation: 2),
        .normal(mean: -1, standardDeviation: 0.5),
        .normal(mean: -30, standardDeviation: 1),
        .lognormal(mu: log(0.015), sigma: 0.5),
        .lognormal(mu: -4.2, sigma: 0.8),
        .gamma(shape: 0.5, scale: 2),
        .gamma(shape: 1, scale: 0.3),
        .gamma(shape: 3, scale: 0.1),
        .gamma(shape: 40, scale: 0.01),
        .pareto(scale: 1, shape: 6),
        .pareto(scale: 0.01, shape: 2.5),
        .pareto(scale: 1, shape: 1.5),
        .pareto(scale: 2, shape: 0.8),
        .empirical(measured),
    ].map(VariateCase.init)

    /// Distributions with atoms: the constant (0.25, a power of two, so sums of its samples are
    /// exact and the zero-width tolerances of the moment test are fair) and measurements with ties.
    static let withAtoms: [VariateCase] = [
        .constant(0.25),
        .empirical(try! EmpiricalSamples([0.01, 0.02, 0.02, 0.03, 0.05, 0.05, 0.05, 0.08])),
    ].map(VariateCase.init)

    static let all = continuous + withAtoms

    /// The inversion cases: all but gamma.
    static let inversion = all.filter {
        if case .gamma = $0.variate { return false }
        return true
    }

    /// Ten distinct measured latencies (distinct, so the interpolated distribution has no atoms).
    static let measured = try! EmpiricalSamples([0.012, 0.35, 0.015, 0.019, 0.021, 0.03, 0.032, 0.05, 0.08, 0.2])
}

// MARK: - Sample statistics

struct SampleSummary {
    let count: Int
    let mean: Double
    /// Unbiased (n − 1) sample variance, two-pass.
    let variance: Double

    init(_ values: [Double]) {
        count = values.count
        mean = values.reduce(0, +) / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        variance = squares / Double(values.count - 1)
    }
}

/// The Kolmogorov–Smirnov statistic D_n = sup_x |F_n(x) − F(x)| of `values` against `cdf`.
///
/// Both functions are monotone and F_n is constant between sample values, so the supremum is
/// reached at a sample value v, either at v (right limits, F_n(v) and F(v)) or just before it
/// (left limits, F_n(v−) and F(v−) ≈ F(v.nextDown)). Comparing left limits as well keeps the
/// statistic right for distributions with atoms (a constant, tied measurements), where the
/// textbook max((i+1)/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − i/n) would report a spurious distance of 1; for
/// continuous F the two coincide. (With atoms the continuous critical values are conservative.)
func kolmogorovSmirnov(_ values: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = values.sorted()
    let n = Double(sorted.count)
    var statistic = 0.0
    var start = 0
    while start < sorted.count {
        let value = sorted[start]
        var end = start
        while end < sorted.count && sorted[end] == value { end += 1 }
        let before = Double(start) / n
        let through = Double(end) / n
        statistic = max(statistic, abs(through - cdf(value)), abs(before - cdf(value.nextDown)))
        start = end
    }
    return statistic
}
