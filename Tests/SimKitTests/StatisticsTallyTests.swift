import Testing

@testable import SimKit

@Suite("Tally")
struct StatisticsTallyTests {
    /// The textbook two-pass mean and sample variance, as the reference.
    static func twoPass(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, ss / Double(xs.count - 1))
    }

    @Test func emptyAndSingle() {
        var t = Tally()
        #expect(t.count == 0)
        #expect(t.mean.isNaN && t.min.isNaN && t.max.isNaN)
        #expect(t.variance == 0 && t.sum == 0)
        t.add(4)
        #expect(t.count == 1 && t.mean == 4 && t.variance == 0 && t.min == 4 && t.max == 4 && t.sum == 4)
    }

    @Test func handComputed() {
        let t = Tally([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(t.count == 8)
        #expect(t.mean == 5)
        #expect(abs(t.variance - 32.0 / 7) < 1e-12)
        #expect(t.min == 2 && t.max == 9 && t.sum == 40)
        #expect(abs(t.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(t.sumOfSquaredDeviations == 32)
    }

    @Test func matchesTwoPassOnRandomData() {
        var rng = StatisticsTestRNG(seed: 1)
        let xs = (0..<10_000).map { _ in rng.exponential(mean: 3) * 100 - 50 }
        let t = Tally(xs)
        let reference = Self.twoPass(xs)
        #expect(statisticsRelativelyClose(t.mean, reference.mean, 1e-12))
        #expect(statisticsRelativelyClose(t.variance, reference.variance, 1e-12))
        #expect(t.min == xs.min()! && t.max == xs.max()!)
        #expect(statisticsRelativelyClose(t.sum, xs.reduce(0, +), 1e-12))
    }

    @Test func mergeOfHalvesEqualsWhole() {
        var rng = StatisticsTestRNG(seed: 2)
        let xs = (0..<5_001).map { _ in rng.normal() * 7 + 30 }
        let whole = Tally(xs)
        var left = Tally(xs[..<1_234])
        left.merge(Tally(xs[1_234...]))
        #expect(left.count == whole.count)
        #expect(statisticsRelativelyClose(left.mean, whole.mean, 1e-12))
        #expect(statisticsRelativelyClose(left.variance, whole.variance, 1e-12))
        #expect(left.min == whole.min && left.max == whole.max)
        #expect(statisticsRelativelyClose(left.sum, whole.sum, 1e-12))
        // Merging with an empty tally, on either side, changes nothing.
        #expect(whole.merged(with: Tally()) == whole)
        #expect(Tally().merged(with: whole) == whole)
    }

    /// Values ≈ 10⁹ with uniform noise in [−1, 1]: variance 1/3. Σx² is ~10²⁴, where a
    /// double's spacing is ~10⁸, so the naive formula returns garbage; Welford does not.
    @Test func stableFarFromZero() {
        var rng = StatisticsTestRNG(seed: 3)
        var t = Tally()
        var naiveSum = 0.0
        var naiveSumOfSquares = 0.0
        var xs = [Double]()
        xs.reserveCapacity(1_000_000)
        for _ in 0..<1_000_000 {
            let x = 1e9 + (2 * rng.uniform() - 1)
            xs.append(x)
            t.add(x)
            naiveSum += x
            naiveSumOfSquares += x * x
        }
        let n = Double(xs.count)
        let naiveVariance = (naiveSumOfSquares - naiveSum * naiveSum / n) / (n - 1)
        let reference = Self.twoPass(xs)
        // Sampling error of the variance here is ~3·10⁻⁴.
        #expect(abs(t.variance - 1.0 / 3) < 3e-3)
        #expect(statisticsRelativelyClose(t.variance, reference.variance, 1e-6))
        #expect(abs(naiveVariance - 1.0 / 3) > 0.1, "the naive formula should have failed here")
    }

    /// Observations are settled in blocks (`Tally.blockSize`): every count on either side of a
    /// block boundary, and merges of tallies with open blocks, agree with the two-pass
    /// reference; so do values far from the first one (the first block's shift), where a shift
    /// that was never updated would cancel.
    @Test func blocksAtEveryBoundary() {
        var rng = StatisticsTestRNG(seed: 4)
        let xs = (0..<(3 * Tally.blockSize + 5)).map { _ in rng.normal() * 2 + 11 }
        for n in 2...xs.count {
            let t = Tally(xs[..<n])
            let reference = Self.twoPass(Array(xs[..<n]))
            #expect(t.count == n)
            #expect(statisticsRelativelyClose(t.mean, reference.mean, 1e-12), "n = \(n)")
            #expect(statisticsRelativelyClose(t.variance, reference.variance, 1e-12), "n = \(n)")
            #expect(statisticsRelativelyClose(t.sumOfSquaredDeviations, reference.variance * Double(n - 1), 1e-12))
            var merged = Tally(xs[..<(n / 3)])
            merged.merge(Tally(xs[(n / 3)..<n]))
            #expect(merged.count == n && statisticsRelativelyClose(merged.variance, reference.variance, 1e-12), "n = \(n)")
        }
        // A first value of 0, then values ≈ 10⁹ with noise in [−1, 1]. Deviations taken from
        // the first value would cancel in every later block (Σd² ≈ 3·10¹⁹, spaced 4096 apart,
        // for a block's true 10): their error, ~10⁻¹⁶ of 10¹⁸ per block, adds up over the
        // 6,000 blocks past the 10⁻¹² of the M2 (≈ 10¹⁸, the first value's own share).
        let jump = [0] + (0..<200_000).map { _ in 1e9 + (2 * rng.uniform() - 1) }
        let t = Tally(jump)
        let reference = Self.twoPass(jump)
        #expect(statisticsRelativelyClose(t.mean, reference.mean, 1e-12))
        #expect(statisticsRelativelyClose(t.variance, reference.variance, 1e-12), "\(t.variance) vs \(reference.variance)")
    }
}
