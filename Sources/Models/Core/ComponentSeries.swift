import SimKit

/// What a component has accumulated since the last statistics reset, at one instant: the
/// per-component time series is made of differences of these, taken at bucket boundaries.
///
/// Sampling cumulative figures once per bucket costs one event per bucket, instead of a
/// per-bucket series updated on every state change of every station (the hot path stays as
/// it is).
struct ComponentGauges {
    /// Server-seconds busy (vCPUs for compute, instances for Lambda, query servers).
    var busyArea = 0.0
    /// Request-seconds waiting for a server or a slot.
    var queueArea = 0.0
    /// Unit-seconds running (compute).
    var runningArea = 0.0
    /// Message-seconds waiting in a queue or a stream (all consumer groups).
    var backlogArea = 0.0
    var waitSum = 0.0
    var waitCount = 0.0
    /// Requests started (servers, slots) or arrived (components without servers).
    var started = 0.0
    /// Turned away here: capacity drops, throttling, no healthy target.
    var refused = 0.0
    /// Age of messages when first taken.
    var lagSum = 0.0
    var lagCount = 0.0

    static let zero = ComponentGauges()

    static func + (lhs: Self, rhs: Self) -> Self { lhs.combined(with: rhs, by: +) }
    static func - (lhs: Self, rhs: Self) -> Self { lhs.combined(with: rhs, by: -) }

    private func combined(with other: Self, by operation: (Double, Double) -> Double) -> Self {
        Self(busyArea: operation(busyArea, other.busyArea), queueArea: operation(queueArea, other.queueArea),
            runningArea: operation(runningArea, other.runningArea), backlogArea: operation(backlogArea, other.backlogArea),
            waitSum: operation(waitSum, other.waitSum), waitCount: operation(waitCount, other.waitCount),
            started: operation(started, other.started), refused: operation(refused, other.refused),
            lagSum: operation(lagSum, other.lagSum), lagCount: operation(lagCount, other.lagCount))
    }
}

/// Per component, what each time-series bucket accumulated, from time 0 (the warm-up
/// included, as the workloads' series). Memory: components × buckets, fixed at the start.
struct ComponentSeriesRecorder {
    let width: Double
    let bucketCount: Int
    /// Buckets closed so far.
    var closed = 0
    /// Per component: the gauges at the last flush, and what the open bucket has gathered.
    var previous: [ComponentGauges]
    var open: [ComponentGauges]
    /// Per component, per closed bucket (component-major).
    var buckets: [ComponentGauges]

    init(components: Int, width: Double, duration: Double) {
        self.width = width
        bucketCount = max(1, Int((duration / width).rounded(.up)))
        previous = Array(repeating: .zero, count: components)
        open = previous
        buckets = Array(repeating: .zero, count: components * bucketCount)
    }

    func length(of bucket: Int, duration: Double) -> Double {
        min(width, duration - Double(bucket) * width)
    }
}

extension NetworkModel {
    /// Schedules the first bucket boundary.
    func scheduleFirstSample(_ simulation: inout Simulation) {
        simulation.schedule(at: min(series.width, plan.duration), kind: Kind.sample.rawValue)
    }

    /// A bucket boundary: closes the bucket and schedules the next boundary.
    mutating func sampleDue(_ simulation: inout Simulation) {
        closeBucket(at: simulation.now)
        if series.closed < series.bucketCount {
            simulation.schedule(at: min(Double(series.closed + 1) * series.width, plan.duration), kind: Kind.sample.rawValue)
        }
    }

    mutating func closeBucket(at time: Double) {
        guard series.closed < series.bucketCount else { return }
        flushSeries(at: time)
        let base = series.closed
        for component in components.indices {
            series.buckets[component * series.bucketCount + base] = series.open[component]
            series.open[component] = .zero
        }
        series.closed += 1
    }

    /// Adds what every component gathered since the last flush to the open bucket.
    mutating func flushSeries(at time: Double) {
        for component in components.indices {
            let now = gauges(component, at: time)
            series.open[component] = series.open[component] + (now - series.previous[component])
            series.previous[component] = now
        }
    }

    /// After the warm-up reset the cumulative figures restart: the next flush counts from them.
    mutating func rebaseSeries(at time: Double) {
        for component in components.indices { series.previous[component] = gauges(component, at: time) }
    }

    func gauges(_ component: Int, at time: Double) -> ComponentGauges {
        let core = components[component]
        var gauges = ComponentGauges()
        primitiveGauges(component, at: time, into: &gauges)
        gauges.refused += Double(core.counters.throttled)
        return gauges
    }
}
