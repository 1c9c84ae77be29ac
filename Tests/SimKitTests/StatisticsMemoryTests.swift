import Testing

@testable import SimKit

/// The statistics run once per simulated event for millions of events: their memory must
/// not grow with the number of observations.
@Suite("Statistics memory")
struct StatisticsMemoryTests {
    @Test func tenMillionObservationsDoNotGrowTheCollectors() {
        var tally = Tally()
        var histogram = LatencyHistogram()
        var series = TimeSeries(bucketWidth: 60, duration: 3_600)
        let histogramBytes = histogram.footprintBytes
        let seriesBytes = series.footprintBytes
        let buckets = series.bucketCount

        let n = 10_000_000
        for i in 0..<n {
            // Deterministic, cheap, spread over 1 µs … 10 s and over the hour.
            let x = Double(i % 9_973 + 1) * 1e-3
            let time = Double(i) * (3_600.0 / Double(n))
            tally.add(x)
            histogram.record(seconds: x)
            series.count(at: time)
            series.observe(x, at: time)
        }

        #expect(tally.count == n)
        #expect(histogram.count == n)
        #expect(histogram.footprintBytes == histogramBytes)
        #expect(series.bucketCount == buckets)
        #expect(series.footprintBytes == seriesBytes)
        #expect(series.counts.reduce(0, +) == Double(n))
        // Tally is a fixed-size value: ten words (settled count, mean, M2; the open block's
        // count, shift and two sums; sum, min, max), whatever it saw.
        #expect(MemoryLayout<Tally>.size == 10 * 8)
    }
}
