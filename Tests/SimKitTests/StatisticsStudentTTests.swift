import Testing

@testable import SimKit

@Suite("StudentT")
struct StatisticsStudentTTests {
    /// Published two-sided 95% critical values (R's qt(0.975, df)).
    @Test(arguments: [
        (1, 12.706204736),
        (2, 4.302652730),
        (4, 2.776445105),
        (7, 2.364624252),
        (30, 2.042272456),
        (1000, 1.962339081),
    ])
    func knownValues(df: Int, expected: Double) {
        let t = StudentT.quantile(0.975, degreesOfFreedom: df)
        #expect(statisticsRelativelyClose(t, expected, 1e-6), "df=\(df): \(t) vs \(expected)")
    }

    @Test func monotoneInDegreesOfFreedom() {
        for p in [0.9, 0.975, 0.995] {
            var previous = Double.infinity
            for df in 1...300 {
                let t = StudentT.quantile(p, degreesOfFreedom: df)
                #expect(t < previous, "p=\(p) df=\(df)")
                previous = t
            }
        }
        // Tends to the normal quantile 1.959963985 from above.
        let large = StudentT.quantile(0.975, degreesOfFreedom: 1_000_000)
        #expect(large > 1.959963985 && large - 1.959963985 < 1e-5)
    }

    /// The quantile inverts the distribution: P(T > t_p) = 1 − p, checked against the tail
    /// the solver uses and, for 1 and 2 df, against closed forms it does not use.
    @Test func invertsTheDistribution() {
        for df in [3, 5, 10, 50, 200, 5_000] {
            for p in [0.5001, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 0.9999] {
                let t = StudentT.quantile(p, degreesOfFreedom: df)
                let tail = StudentT.upperTail(t, nu: Double(df))
                #expect(statisticsRelativelyClose(tail, 1 - p, 1e-9), "df=\(df) p=\(p)")
            }
        }
        for p in [0.6, 0.9, 0.9999] {
            let t1 = StudentT.quantile(p, degreesOfFreedom: 1)
            let t2 = StudentT.quantile(p, degreesOfFreedom: 2)
            #expect(statisticsRelativelyClose(StudentT.upperTail(t1, nu: 1), 1 - p, 1e-9))
            #expect(statisticsRelativelyClose(StudentT.upperTail(t2, nu: 2), 1 - p, 1e-9))
        }
    }

    @Test func symmetryAndEdges() {
        let upper = StudentT.quantile(0.975, degreesOfFreedom: 7)
        #expect(StudentT.quantile(0.025, degreesOfFreedom: 7) == -upper)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(StudentT.quantile(1, degreesOfFreedom: 3) == .infinity)
        #expect(StudentT.quantile(0, degreesOfFreedom: 3) == -.infinity)
        #expect(StudentT.quantile(0.975, degreesOfFreedom: 0).isNaN)
        #expect(StudentT.quantile(1.5, degreesOfFreedom: 3).isNaN)
    }
}
