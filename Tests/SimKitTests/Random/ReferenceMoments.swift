import Foundation
@testable import SimKit

// MARK: - Fourth central moments, computed independently of the library

/// μ₄ = E[(X − μ)⁴] of what `variate` draws, or nil where it is infinite. From textbook closed
/// forms, or (truncated normal) by quadrature of the density, so the tests do not check the
/// library's moment formulas against themselves.
func fourthCentralMoment(_ variate: Variate) -> Double? {
    switch variate {
    case .constant:
        return 0
    case .exponential(let mean):
        return 9 * pow(mean, 4)
    case .uniform(let low, let high):
        return pow(high - low, 4) / 80
    case .normal(let mean, let standardDeviation):
        let standard = TruncatedStandardNormalMoments(cut: -mean / standardDeviation)
        return standard.fourthCentral * pow(standardDeviation, 4)
    case .lognormal(_, let sigma):
        // Kurtosis of the lognormal: e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3.
        let s2 = sigma * sigma
        let variance = variate.variance!
        return variance * variance * (exp(4 * s2) + 2 * exp(3 * s2) + 3 * exp(2 * s2) - 3)
    case .gamma(let shape, let scale):
        // Excess kurtosis 6/k: μ₄ = σ⁴(3 + 6/k) = 3k(k + 2)θ⁴.
        return 3 * shape * (shape + 2) * pow(scale, 4)
    case .pareto(let scale, let shape):
        guard shape > 4 else { return nil }
        // Raw moments E[X^k] = α x_m^k / (α − k), then the binomial expansion about the mean.
        func raw(_ k: Double) -> Double { shape * pow(scale, k) / (shape - k) }
        let m = raw(1)
        return raw(4) - 4 * raw(3) * m + 6 * raw(2) * m * m - 3 * pow(m, 4)
    case .empirical(let samples):
        // A mixture of uniforms on consecutive order statistics: ∫(x − m)⁴ over [a, b] / (b − a)
        // = (b'⁵ − a'⁵) / (5(b − a)), or a'⁴ for a zero-width piece.
        let xs = samples.sorted
        guard xs.count > 1 else { return 0 }
        let mean = samples.mean
        var total = 0.0
        for i in 0..<(xs.count - 1) {
            let a = xs[i] - mean
            let b = xs[i + 1] - mean
            total += b == a ? pow(a, 4) : (pow(b, 5) - pow(a, 5)) / (5 * (b - a))
        }
        return total / Double(xs.count - 1)
    }
}

// MARK: - Truncated normal by quadrature

/// Moments of a standard normal conditioned on Z ≥ cut, by composite Simpson's rule on the
/// unnormalised density g(z) = exp(−(z − cut)(z + cut)/2) = φ(z)/φ(cut) (finite even where
/// φ(cut) underflows), normalised numerically. Uses no library function.
struct TruncatedStandardNormalMoments {
    let mean: Double
    let variance: Double
    let fourthCentral: Double

    init(cut: Double) {
        // Past max(cut, 0) + 12 the density is below e^-72 of its peak.
        let upper = max(cut, 0) + 12
        let intervals = 200_000
        let h = (upper - cut) / Double(intervals)
        func weight(_ i: Int) -> Double { i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2) }
        func density(_ z: Double) -> Double { exp(-0.5 * (z - cut) * (z + cut)) }
        var mass = 0.0
        var first = 0.0
        for i in 0...intervals {
            // About the cut, where the moments are of the size of the answer (no cancellation).
            let y = Double(i) * h
            let w = weight(i) * density(cut + y)
            mass += w
            first += w * y
        }
        let m1 = first / mass
        var central2 = 0.0
        var central4 = 0.0
        for i in 0...intervals {
            let y = Double(i) * h - m1
            let w = weight(i) * density(cut + Double(i) * h)
            central2 += w * y * y
            central4 += w * y * y * y * y
        }
        mean = cut + m1
        variance = central2 / mass
        fourthCentral = central4 / mass
    }
}
