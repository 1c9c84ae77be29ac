import Foundation
import Testing

@testable import SimKit

@Suite("LatencyHistogram")
struct StatisticsLatencyHistogramTests {
    @Test func emptyIsNaN() {
        let h = LatencyHistogram()
        #expect(h.count == 0 && h.clampedCount == 0)
        #expect(h.quantile(0.5).isNaN)
        #expect(h.mean.isNaN)
    }

    /// 10⁶ exponential latencies with mean 100 ms: quantiles within the 2-digit precision (1%)
    /// plus 4 standard errors of the sample quantile around the exact −ln(1−q)·0.1.
    @Test func exponentialQuantiles() {
        var rng = StatisticsTestRNG(seed: 42)
        var h = LatencyHistogram()
        let n = 1_000_000
        var belowOneMicrosecond = 0
        for _ in 0..<n {
            let x = rng.exponential(mean: 0.1)
            // P(X < 0.5 µs) = 5·10⁻⁶: a handful round to 0 µs and are clamped up to 1 µs.
            if x < 0.5e-6 { belowOneMicrosecond += 1 }
            h.record(seconds: x)
        }
        #expect(h.count == n)
        #expect(h.clampedCount == belowOneMicrosecond)
        for q in [0.5, 0.9, 0.99] {
            let exact = -log(1 - q) * 0.1
            // Standard error of the sample q-quantile: √(q(1−q)/n) / density(exact),
            // with density = 10·(1−q) for this exponential.
            let standardError = (q * (1 - q) / Double(n)).squareRoot() / (10 * (1 - q))
            let tolerance = 0.01 * exact + 4 * standardError
            let got = h.quantile(q)
            #expect(abs(got - exact) <= tolerance, "q=\(q): got \(got), exact \(exact) ± \(tolerance)")
        }
        #expect(abs(h.mean - 0.1) < 0.002)
        #expect(h.quantile(0) <= h.quantile(0.5) && h.quantile(0.99) <= h.quantile(1))
    }

    @Test func quantileOfKnownValues() {
        var h = LatencyHistogram()
        // 1 ms … 100 ms in 1 ms steps: each quantile is the bucket's midpoint, within half a
        // bucket (0.4% at 2 digits) of the exact order statistic; the extremes are exact.
        for i in 1...100 { h.record(seconds: Double(i) / 1000) }
        for (q, exact) in [(0.5, 0.050), (0.9, 0.090), (0.37, 0.037), (0.99, 0.099)] {
            #expect(abs(h.quantile(q) - exact) <= 0.004 * exact, "q=\(q): \(h.quantile(q))")
        }
        #expect(h.quantile(1) == 0.100)
        #expect(h.quantile(0) == 0.001)
        // Out-of-range q is clamped to [0, 1].
        #expect(h.quantile(2) == h.quantile(1))
        #expect(h.quantile(-1) == h.quantile(0))
    }

    @Test func mergeEqualsRecordingBoth() {
        var rng = StatisticsTestRNG(seed: 7)
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        var both = LatencyHistogram()
        for i in 0..<20_000 {
            let x = rng.exponential(mean: i.isMultiple(of: 2) ? 0.01 : 2)
            if i < 7_000 { a.record(seconds: x) } else { b.record(seconds: x) }
            both.record(seconds: x)
        }
        a.record(seconds: -1)
        both.record(seconds: -1)
        a.merge(b)
        #expect(a == both)
        #expect(a.count == 20_001 && a.clampedCount == 1)
        for q in [0.1, 0.5, 0.9, 0.999] { #expect(a.quantile(q) == both.quantile(q)) }
    }

    @Test func clampingIsCounted() {
        var h = LatencyHistogram()
        h.record(seconds: 0)  // below 1 µs
        h.record(seconds: -3)  // negative
        h.record(seconds: 4e-7)  // rounds to 0 µs
        h.record(seconds: 1e5)  // 10¹¹ µs, above the range
        h.record(seconds: .infinity)
        h.record(seconds: 0.002)  // fine
        h.record(seconds: .nan)  // not recorded at all
        #expect(h.clampedCount == 5)
        #expect(h.invalidCount == 1)
        #expect(h.count == 6)
        #expect(h.quantile(0) == 1e-6)
        #expect(abs(h.quantile(1) - 1e4) <= 1e4 * 0.01)
    }

    @Test func footprintIsSmall() {
        let h = LatencyHistogram()
        #expect(h.footprintBytes > 0)
        #expect(h.footprintBytes < 64 * 1024, "footprint \(h.footprintBytes) B")
        // One more digit costs about 10× more: the reason 2 is the default.
        #expect(LatencyHistogram(significantDigits: 3).footprintBytes > 4 * h.footprintBytes)
    }
}
