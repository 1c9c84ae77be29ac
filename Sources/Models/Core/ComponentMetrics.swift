import SimKit

/// What one replication measured at each component: the figures every component has, then its
/// primitive's own (each primitive's folder has its `…Metrics`), then its kernels' time.
enum ComponentMetrics {
    static func collect(_ model: NetworkModel, component index: Int, until end: Double, measured: Double) -> ReplicationResult.Station {
        let core = model.components[index]
        let counters = core.counters
        var result = ReplicationResult.Station(
            utilization: .nan, waitMean: .nan, queueLengthMean: .nan, inSystemMean: .nan,
            throughput: Double(counters.arrivals) / measured, arrivals: counters.arrivals, dropped: 0, abandoned: 0)
        let slot = Int(core.slot)
        switch core.code {
        case .station: model.stationMetrics(slot, until: end, measured: measured, into: &result)
        case .compute: model.computeMetrics(slot, until: end, measured: measured, into: &result)
        case .function: model.functionMetrics(slot, counters, until: end, measured: measured, into: &result)
        case .proxy: model.proxyMetrics(slot, counters, measured: measured, into: &result)
        case .queue: model.queueMetrics(slot, until: end, into: &result)
        case .topic: model.topicMetrics(slot, counters, into: &result)
        case .stream: model.streamMetrics(slot, counters, until: end, into: &result)
        case .objectStore: model.objectStoreMetrics(slot, counters, until: end, into: &result)
        case .table: model.tableMetrics(slot, counters, into: &result)
        case .database: model.databaseMetrics(slot, counters, until: end, measured: measured, into: &result)
        }
        if core.runsKernels {
            // Per image, on the calibrating core: divide by `vcpu_speed` for this component's time.
            result.measures.append(("kernel_ms", counters.kernelTime.mean * 1000))
        }
        result.series = series(model, component: index)
        return result
    }

    /// The component's per-bucket figures from the recorder's differences.
    static func series(_ model: NetworkModel, component index: Int) -> ReplicationResult.ComponentSeries {
        let core = model.components[index]
        let recorder = model.series
        let buckets = (0..<recorder.closed).map { recorder.buckets[index * recorder.bucketCount + $0] }
        let lengths = buckets.indices.map { recorder.length(of: $0, duration: model.plan.duration) }
        func perSecond(_ value: KeyPath<ComponentGauges, Double>) -> [Double] {
            zip(buckets, lengths).map { $0[keyPath: value] / $1 }
        }
        func ratio(_ sum: KeyPath<ComponentGauges, Double>, _ count: KeyPath<ComponentGauges, Double>) -> [Double] {
            buckets.map { $0[keyPath: count] > 0 ? $0[keyPath: sum] / $0[keyPath: count] : .nan }
        }
        let servers = model.servers(of: index)
        var series = ReplicationResult.ComponentSeries(
            utilization: servers > 0 ? perSecond(\.busyArea).map { $0 / Double(servers) } : buckets.map { _ in .nan },
            waitMean: ratio(\.waitSum, \.waitCount), queueLength: perSecond(\.queueArea), throughput: perSecond(\.started),
            refused: buckets.map(\.refused))
        if core.code == .compute { series.runningUnits = perSecond(\.runningArea) }
        if core.code == .queue || core.code == .stream {
            series.lagMean = ratio(\.lagSum, \.lagCount)
            series.backlog = perSecond(\.backlogArea)
        }
        return series
    }
}

/// Statistics of a group of SimKit stations pooled: busy over servers, waits weighted by starts.
struct StationPool {
    var utilization: Double
    var wait: Double
    var queue: Double
    var inSystem: Double
    var started = 0
    var arrivals = 0
    var dropped = 0
    var abandoned = 0

    init(_ stations: [Station], until end: Double) {
        var busy = 0.0, servers = 0.0, queue = 0.0, waitSum = 0.0, waitCount = 0
        for station in stations {
            busy += station.busyServers.mean(until: end)
            servers += Double(station.servers)
            queue += station.queueLength.mean(until: end)
            waitSum += station.waits.count > 0 ? station.waits.mean * Double(station.waits.count) : 0
            waitCount += station.waits.count
            started += station.started
            arrivals += station.arrivals
            dropped += station.dropped
            abandoned += station.abandoned
        }
        utilization = servers > 0 ? busy / servers : .nan
        wait = waitCount > 0 ? waitSum / Double(waitCount) : .nan
        self.queue = queue
        inSystem = queue + busy
    }

    /// How busy the stations were and how long requests waited for them.
    func reportOccupancy(into result: inout ReplicationResult.Station) {
        result.utilization = utilization
        result.waitMean = wait
        result.queueLengthMean = queue
        result.inSystemMean = inSystem
    }

    /// The stations are the component: their occupancy, and their starts as its throughput.
    func report(into result: inout ReplicationResult.Station, measured: Double) {
        reportOccupancy(into: &result)
        result.throughput = Double(started) / measured
        result.arrivals = arrivals
        result.dropped = dropped
        result.abandoned = abandoned
    }
}

extension ComponentGauges {
    /// Busy area of `stations`; queue, waits, starts and refusals of `waitStations`.
    mutating func add(busy stations: [Station], waits waitStations: [Station], at time: Double) {
        for station in stations { busyArea += station.busyServers.area(until: time) }
        for station in waitStations {
            queueArea += station.queueLength.area(until: time)
            waitSum += station.waits.sum
            waitCount += Double(station.waits.count)
            started += Double(station.started)
            refused += Double(station.dropped)
        }
    }
}

extension MessageCounts {
    func balance(queued: Int, lag: Tally, lagHistogram: LatencyHistogram, backlog: Double) -> ReplicationResult.MessageBalance {
        ReplicationResult.MessageBalance(
            published: published, consumed: consumed, queued: queued, expired: expired,
            deadLettered: deadLettered, redelivered: redelivered, duplicates: duplicates,
            rejected: rejected, failedProcessing: failedProcessing,
            lagMean: lag.count > 0 ? lag.mean : .nan, lagP99: lagHistogram.quantile(0.99), backlogMean: backlog)
    }
}
