// MARK: - MSER

/// MSER warm-up truncation (White 1997; White, Cobb & Spratt 2000).
///
/// The series (say per-minute mean latencies) is cut into batches of `batchSize`
/// observations (5 for MSER-5; a trailing partial batch is dropped), giving batch means
/// Y₁…Y_k. For each candidate d the statistic
///
///     MSER(d) = Σ_{i>d} (Y_i − Ȳ_d)² / (k − d)²
///
/// estimates the squared standard error of the mean that remains after deleting the
/// first d batches: deleting the transient lowers it, deleting steady-state data raises it
/// through the (k − d)² denominator. The d minimising it over 0 ≤ d ≤ k/2 is chosen; ties go
/// to the smallest d. Past k/2 the statistic gets noisy and a minimum there means the run
/// is too short to settle, which `Result.reachedLimit` reports.
public enum MSER {
    public struct Result: Sendable, Equatable {
        /// Number of ORIGINAL observations to delete (`batchSize · batchesDeleted`).
        public var truncation: Int
        /// The minimising d, in batches.
        public var batchesDeleted: Int
        /// k, the number of whole batches.
        public var batchCount: Int
        /// MSER(d) at the minimum (0 when there are too few batches to compute it).
        public var statistic: Double
        /// True when the minimum sits at the k/2 limit: the warm-up may be longer than
        /// half the run, so the run should be longer.
        public var reachedLimit: Bool
    }

    /// The number of original observations to delete from the start of `series`.
    /// Series shorter than 2 batches (10 values for MSER-5) → 0.
    public static func truncation(_ series: [Double], batchSize: Int = 5) -> Int {
        analyse(series, batchSize: batchSize).truncation
    }

    /// The full MSER result. Values must be finite (drop empty buckets first): a NaN would
    /// make every comparison false.
    public static func analyse(_ series: [Double], batchSize: Int = 5) -> Result {
        precondition(batchSize >= 1, "MSER: batchSize must be at least 1")
        assert(series.allSatisfy { $0.isFinite }, "MSER: series must be finite")
        let k = series.count / batchSize
        guard k >= 2 else {
            return Result(truncation: 0, batchesDeleted: 0, batchCount: k, statistic: 0, reachedLimit: false)
        }

        var batches = [Double](repeating: 0, count: k)
        for b in 0..<k {
            var sum = 0.0
            for j in (b * batchSize)..<((b + 1) * batchSize) { sum += series[j] }
            batches[b] = sum / Double(batchSize)
        }

        // One backward Welford pass gives Σ (Y_i − Ȳ_d)² for every suffix in O(k), without
        // the cancellation of the Σ Y² − (Σ Y)²/n shortcut.
        let limit = k / 2
        var statistics = [Double](repeating: 0, count: limit + 1)
        var suffix = Tally()
        for d in stride(from: k - 1, through: 0, by: -1) {
            suffix.add(batches[d])
            if d <= limit {
                let remaining = Double(k - d)
                statistics[d] = suffix.sumOfSquaredDeviations / (remaining * remaining)
            }
        }

        var best = 0
        for d in 1...limit where statistics[d] < statistics[best] {
            best = d
        }
        return Result(
            truncation: best * batchSize,
            batchesDeleted: best,
            batchCount: k,
            statistic: statistics[best],
            reachedLimit: best == limit
        )
    }
}
