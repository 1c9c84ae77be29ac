import Testing

@testable import SimKit

@Suite("MSER")
struct StatisticsMSERTests {
    @Test func shortSeriesTruncatesNothing() {
        #expect(MSER.truncation([]) == 0)
        #expect(MSER.truncation([100, 1, 1, 1, 1, 1, 1, 1, 1]) == 0)
    }

    @Test func handComputed() {
        // Batches [10, 0, 0, 0]: MSER(0) = 75/16, MSER(1) = MSER(2) = 0; the tie goes to d = 1.
        let series = [Double](repeating: 10, count: 5) + [Double](repeating: 0, count: 15)
        let result = MSER.analyse(series)
        #expect(result.batchCount == 4)
        #expect(result.batchesDeleted == 1)
        #expect(result.truncation == 5)
        #expect(result.statistic == 0)
        #expect(!result.reachedLimit)
        // A trailing partial batch is ignored: same answer with 3 extra values.
        #expect(MSER.truncation(series + [0, 0, 0]) == 5)
        // Another batch size deletes in its own units.
        #expect(MSER.truncation(series, batchSize: 1) == 5)
    }

    @Test func obviousTransient() {
        var rng = StatisticsTestRNG(seed: 11)
        // 200 values falling linearly from 50 to 0, then 2 000 of noise around 0.
        let transient = (0..<200).map { i in 50 * Double(200 - i) / 200 + rng.normal() }
        let steady = (0..<2_000).map { _ in rng.normal() }
        let result = MSER.analyse(transient + steady)
        #expect(abs(result.truncation - 200) <= 25, "truncated \(result.truncation)")
        #expect(!result.reachedLimit)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func stationarySeriesTruncatesLittle(seed: UInt64) {
        var rng = StatisticsTestRNG(seed: seed)
        let series = (0..<2_200).map { _ in 5 + rng.normal() }
        let truncation = MSER.truncation(series)
        #expect(truncation < 220, "truncated \(truncation)")
    }

    @Test func trendReachesTheLimit() {
        // A series that never settles: the minimum sits at k/2, flagged as too short.
        let series = (0..<100).map(Double.init)
        let result = MSER.analyse(series)
        #expect(result.batchesDeleted == 10)
        #expect(result.reachedLimit)
    }
}
