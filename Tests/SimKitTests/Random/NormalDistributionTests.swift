import Foundation
@testable import SimKit
import Testing

@Suite("NormalDistribution")
struct NormalDistributionTests {
    /// Reference values computed with mpmath at 60 digits (root of ln Φ(x) = ln p).
    static let quantiles: [(p: Double, x: Double)] = [
        (0.975, 1.9599639845400542355),
        (0.025, -1.9599639845400542355),
        (0.5, 0),
        (0.3, -0.52440051270804078404),
        (0.9, 1.281551565544600467),
        (0.999, 3.0902323061678135415),
        (1e-10, -6.3613409024040562047),
        (1e-20, -9.2623400897984075737),
        (1e-300, -37.04709629936119923722),
    ]

    /// AS 241 is accurate to about 1e-16 relative; allow a few ulps for the final rounding.
    @Test("Φ⁻¹ matches high-precision values", arguments: quantiles.indices)
    func knownQuantiles(_ index: Int) {
        let (p, x) = Self.quantiles[index]
        let computed = NormalDistribution.quantile(p)
        #expect(abs(computed - x) <= 4e-16 * max(1, abs(x)), "Φ⁻¹(\(p)) = \(computed), expected \(x)")
    }

    @Test("Φ⁻¹ at the ends and outside (0, 1)")
    func quantileEnds() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-1) == -.infinity)
        #expect(NormalDistribution.quantile(.nan).isNaN)
        #expect(NormalDistribution.quantile(.leastNonzeroMagnitude).isFinite)
    }

    @Test("Φ⁻¹ is odd about ½: Φ⁻¹(1 − p) = −Φ⁻¹(p) where 1 − p is exact")
    func symmetry() {
        for k in 1..<1024 {
            let p = Double(k) / 1024
            #expect(NormalDistribution.quantile(1 - p) == -NormalDistribution.quantile(p))
        }
    }

    @Test("Φ matches high-precision values")
    func knownCDF() {
        let cases: [(x: Double, p: Double)] = [
            (1.96, 0.97500210485177956586),
            (-3, 0.0013498980316300945267),
            (-10, 7.619853024160526066e-24),
            (-37, 5.7255712225245768227e-300),
            (0.5, 0.69146246127401310364),
        ]
        for (x, p) in cases {
            #expect(abs(NormalDistribution.cdf(x) - p) <= Self.tolerance(x) * p, "Φ(\(x))")
        }
    }

    /// Relative tolerance for Φ(x) and quantities like it in the lower tail. The condition number of
    /// Φ there is |x·φ(x)/Φ(x)| ≈ x², so an error of one ulp in x (or in x/√2 inside erfc) becomes
    /// ~x² ulps in Φ(x): allow 4·ε·(1 + x²).
    static func tolerance(_ x: Double) -> Double {
        4 * Double.ulpOfOne * (1 + x * x)
    }

    /// Round trip over the lower tail down to 1e-300, in relative terms (both Φ and Φ⁻¹ keep
    /// relative accuracy there, up to the conditioning above), and over the body in absolute terms.
    @Test("Φ(Φ⁻¹(p)) = p")
    func roundTrip() {
        for exponent in stride(from: -300.0, through: -1, by: 0.5) {
            let p = pow(10, exponent)
            let x = NormalDistribution.quantile(p)
            let back = NormalDistribution.cdf(x)
            #expect(abs(back - p) <= Self.tolerance(x) * p, "p = \(p)")
        }
        for k in 1..<1000 {
            let p = Double(k) / 1000
            #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(p)) - p) <= 1e-15)
        }
    }

    @Test("the far-tail helpers agree with erfc where both work")
    func farTail() {
        for x in stride(from: 25.0, through: 37, by: 0.5) {
            // The erfc/exp ratio is the less accurate side here (conditioning ~x², see `tolerance`).
            let ratio = NormalDistribution.survival(x) / NormalDistribution.density(x)
            #expect(abs(NormalDistribution.millsRatio(x) - ratio) <= Self.tolerance(x) * ratio)
            let hazard = NormalDistribution.density(x) / NormalDistribution.survival(x)
            #expect(abs(NormalDistribution.hazard(x) - hazard) <= Self.tolerance(x) * hazard)
        }
        // Asymptotically R(x) = 1/x − 1/x³ + 3/x⁵ − …
        let x = 1e4
        let series = 1 / x - 1 / (x * x * x) + 3 / (x * x * x * x * x)
        #expect(abs(NormalDistribution.millsRatio(x) - series) <= 1e-15 * series)
    }
}

@Suite("Incomplete gamma")
struct IncompleteGammaTests {
    /// Reference values from mpmath (regularized lower incomplete gamma).
    @Test("P(a, x) matches high-precision values")
    func knownValues() {
        let cases: [(a: Double, x: Double, p: Double)] = [
            (3, 2.5, 0.456186884116670482),
            (0.5, 0.1, 0.34527915398142297956),
            (10, 20, 0.99500458769169241283),
            (100, 90, 0.1582209891864301681),
        ]
        for (a, x, p) in cases {
            #expect(abs(IncompleteGamma.lower(a, x) - p) <= 1e-13 * p, "P(\(a), \(x))")
            #expect(abs(IncompleteGamma.upper(a, x) - (1 - p)) <= 1e-13)
        }
    }

    @Test("P(1, x) is the exponential CDF on both sides of the series/fraction switch")
    func exponential() {
        for x in stride(from: 0.01, through: 30, by: 0.37) {
            #expect(abs(IncompleteGamma.lower(1, x) - (-expm1(-x))) <= 1e-14)
        }
    }

    @Test("the gamma quantile inverts P across shapes and tails")
    func quantile() {
        // (Shapes far below 0.1 put the lower quantiles below the smallest double: see the edge tests.)
        for a in [0.1, 0.5, 1, 2.5, 30, 1e4] {
            for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-9] {
                let x = IncompleteGamma.quantile(a, p)
                #expect(x.isFinite && x >= 0)
                // Relative to the smaller tail, which is what each side computes directly.
                if p > 0.5 {
                    #expect(abs(IncompleteGamma.upper(a, x) - (1 - p)) <= 1e-10 * (1 - p), "a = \(a), p = \(p)")
                } else {
                    #expect(abs(IncompleteGamma.lower(a, x) - p) <= 1e-10 * p, "a = \(a), p = \(p)")
                }
            }
        }
    }
}
