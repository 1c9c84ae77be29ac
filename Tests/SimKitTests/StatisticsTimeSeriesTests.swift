import Testing

@testable import SimKit

@Suite("TimeSeries")
struct StatisticsTimeSeriesTests {
    @Test func countsAndMeansPerBucket() {
        var s = TimeSeries(bucketWidth: 60, duration: 300)
        #expect(s.bucketCount == 5 && s.bucketWidth == 60)
        s.count(at: 0)
        s.count(at: 59.999)
        s.count(at: 60)  // a boundary belongs to the next bucket
        s.count(at: 299, 3)
        s.count(at: 300)  // t == duration goes in the last bucket
        s.count(at: 301)  // outside: dropped and counted
        s.count(at: -1)
        s.observe(0.2, at: 10)
        s.observe(0.4, at: 50)
        s.observe(1.0, at: 130)
        #expect(s.counts == [2, 1, 0, 0, 4])
        #expect(s.outOfRangeCount == 2)
        let means = s.means
        #expect(abs(means[0] - 0.3) < 1e-15)
        #expect(means[1].isNaN)
        #expect(means[2] == 1.0)
        #expect(s.observationCounts == [2, 0, 1, 0, 0])
        let expectedRates: [Double] = [2.0 / 60, 1.0 / 60, 0, 0, 4.0 / 60]
        #expect(s.rates == expectedRates)
    }

    @Test func partialLastBucket() {
        var s = TimeSeries(bucketWidth: 10, duration: 25)
        #expect(s.bucketCount == 3)
        #expect(s.bucketLength(2) == 5)
        s.count(at: 25)
        #expect(s.counts == [0, 0, 1])
        #expect(s.rates[2] == 0.2)
    }

    @Test func timeWeightedLevelPerBucket() {
        var s = TimeSeries(bucketWidth: 10, duration: 30)
        s.update(to: 2, at: 5)  // 0 on [0,5), 2 on [5,25)
        s.update(to: 4, at: 25)  // 4 on [25, …)
        let full = s.timeAverages(until: 30)
        #expect(full == [1, 2, 3])
        // Until 20: the third bucket has not started.
        let partial = s.timeAverages(until: 20)
        #expect(partial[0] == 1 && partial[1] == 2 && partial[2].isNaN)
        // Until 27: the third bucket is averaged over its 7 covered seconds.
        let cut = s.timeAverages(until: 27)
        #expect(abs(cut[2] - (2.0 * 5 + 4 * 2) / 7) < 1e-12)
    }

    @Test func widensWhenTooManyBuckets() {
        // One-second buckets over a day would be 86 400; capped at 1 000 → 128 s buckets.
        let s = TimeSeries(bucketWidth: 1, duration: 86_400, maximumBuckets: 1_000)
        #expect(s.bucketWidth == 128)
        #expect(s.bucketCount == 675)
        #expect(s.bucketCount <= 1_000)
        // Exactly at the cap: no widening.
        #expect(TimeSeries(bucketWidth: 1, duration: 1_000, maximumBuckets: 1_000).bucketWidth == 1)
        #expect(TimeSeries(bucketWidth: 1, duration: 1_001, maximumBuckets: 1_000).bucketWidth == 2)
    }
}
