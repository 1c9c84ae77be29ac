import SimKit

/// What one replication measures, in a form that streams (memory independent of requests).
struct WorkloadStatistics {
    var offered = 0
    var completed = 0
    var failed = Array(repeating: 0, count: FailureCause.allCases.count)
    /// Requests of this workload not answered yet (kept across the warm-up reset).
    var inFlight = 0
    var latency = Tally()
    var latencyHistogram = LatencyHistogram()
    /// Until everything a request started, published work included, has finished.
    var completion = Tally()
    var completionHistogram = LatencyHistogram()
    var series: TimeSeries

    init(duration: Double, bucket: Double) {
        series = TimeSeries(bucketWidth: bucket, duration: duration, maximumBuckets: Self.maximumBuckets)
    }

    /// At most this many buckets per series: a long run asked for fine buckets gets wider ones
    /// (doubled until they fit), so the per-component series stay a few MB per replication.
    static let maximumBuckets = 10_000

    /// The bucket width the series of a run use: `bucket`, doubled until it fits.
    static func bucketWidth(_ bucket: Double, duration: Double) -> Double {
        TimeSeries.width(bucket, duration: duration, maximumBuckets: maximumBuckets)
    }

    /// After the warm-up: counts restart; requests in flight count as offered now, so
    /// `offered == completed + failed + inFlight` keeps holding.
    mutating func reset() {
        offered = inFlight
        completed = 0
        failed = Array(repeating: 0, count: FailureCause.allCases.count)
        latency = Tally()
        latencyHistogram = LatencyHistogram()
        completion = Tally()
        completionHistogram = LatencyHistogram()
    }
}

/// Time-average of the number of requests in the system, per fixed bucket: the series MSER-5
/// reads to find the end of the warm-up.
struct WorkInProgressSeries {
    let width: Double
    var areas: [Double]
    var value: Double = 0
    var lastTime: Double = 0
    /// Current bucket and where it ends, so most changes skip the bucket arithmetic.
    var bucket = 0
    var bucketEnd: Double

    init(duration: Double, buckets: Int = 1000) {
        width = duration / Double(buckets)
        areas = Array(repeating: 0, count: buckets)
        bucketEnd = width
    }

    @inline(__always)
    mutating func change(by delta: Double, at time: Double) {
        if time < bucketEnd {
            areas[bucket] += value * (time - lastTime)
            lastTime = time
        } else {
            accumulate(until: time)
            bucket = min(Int(time / width), areas.count - 1)
            bucketEnd = bucket == areas.count - 1 ? .infinity : Double(bucket + 1) * width
        }
        value += delta
    }

    mutating func accumulate(until time: Double) {
        guard time > lastTime else { return }
        var start = lastTime
        while start < time {
            let bucket = min(Int(start / width), areas.count - 1)
            let end = min(time, Double(bucket + 1) * width)
            areas[bucket] += value * (max(end, start) - start)
            if end <= start { break }
            start = end
        }
        lastTime = time
    }

    func means(until time: Double) -> [Double] {
        areas.map { $0 / width }
    }
}
