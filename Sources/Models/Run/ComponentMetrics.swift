import SimKit

/// What one replication measured at each component, by its behaviour.
enum ComponentMetrics {
    static func collect(_ model: NetworkModel, component index: Int, until end: Double, measured: Double) -> ReplicationResult.Station {
        let state = model.components[index]
        let counters = state.counters
        var result = ReplicationResult.Station(
            utilization: .nan, waitMean: .nan, queueLengthMean: .nan, inSystemMean: .nan,
            throughput: Double(counters.arrivals) / measured, arrivals: counters.arrivals, dropped: 0, abandoned: 0)
        /// Statistics of a group of stations pooled: busy over servers, waits weighted by starts.
        func pool(_ stations: [Station]) -> (utilization: Double, wait: Double, queue: Double, inSystem: Double, started: Int, dropped: Int, abandoned: Int) {
            var busy = 0.0, servers = 0.0, queue = 0.0, waitSum = 0.0, started = 0, dropped = 0, abandoned = 0, waitCount = 0
            for station in stations {
                busy += station.busyServers.mean(until: end)
                servers += Double(station.servers)
                queue += station.queueLength.mean(until: end)
                waitSum += station.waits.count > 0 ? station.waits.mean * Double(station.waits.count) : 0
                waitCount += station.waits.count
                started += station.started
                dropped += station.dropped
                abandoned += station.abandoned
            }
            return (servers > 0 ? busy / servers : .nan, waitCount > 0 ? waitSum / Double(waitCount) : .nan, queue, queue + busy,
                started, dropped, abandoned)
        }
        switch state.code {
        case .station, .lambda, .database:
            let stations = (0..<Int(state.stationCount)).map { model.stations[Int(state.station) + $0] }
            let pooled = pool(stations)
            result.utilization = pooled.utilization
            result.waitMean = pooled.wait
            result.queueLengthMean = pooled.queue
            result.inSystemMean = pooled.inSystem
            result.throughput = Double(pooled.started) / measured
            result.arrivals = stations.reduce(0) { $0 + $1.arrivals }
            result.dropped = pooled.dropped
            result.abandoned = pooled.abandoned
        case .compute:
            let units = model.units[Int(state.firstUnit)..<Int(state.firstUnit + state.unitCount)]
            let slots = pool(units.map { model.stations[Int($0.slotStation)] })
            let cpus = pool(units.map { model.stations[Int($0.cpuStation)] })
            result.utilization = cpus.utilization
            result.slotUtilization = slots.utilization
            result.waitMean = slots.wait
            result.queueLengthMean = slots.queue
            result.inSystemMean = slots.inSystem
            result.throughput = Double(slots.started) / measured
            result.abandoned = slots.abandoned
            result.runningUnits = units.reduce(0) { $0 + $1.running.mean(until: end) }
            result.measures.append(("cpu_wait_ms", cpus.wait * 1000))
        case .queue where state.station >= 0:
            // RabbitMQ's broker: how busy it is and how long publishes wait for it.
            let broker = pool([model.stations[Int(state.station)]])
            result.utilization = broker.utilization
            result.waitMean = broker.wait
            result.queueLengthMean = broker.queue
            result.inSystemMean = broker.inSystem
        default:
            break
        }
        if state.runsKernels {
            // Per image, on the calibrating core: divide by `vcpu_speed` for this component's time.
            result.measures.append(("kernel_ms", counters.kernelTime.mean * 1000))
        }
        switch state.code {
        case .compute:
            result.counts += [("no_healthy_target", counters.noHealthyTarget), ("out_of_memory", counters.outOfMemory), ("tasks_killed", counters.kills)]
        case .lambda:
            result.counts += [("invocations", counters.invocations), ("cold_starts", counters.coldStarts),
                ("throttled", counters.throttled), ("timeouts", counters.timeouts), ("out_of_memory", counters.outOfMemory)]
        case .passThrough:
            result.counts += [("throttled", counters.throttled)]
            if state.hitRatio >= 0 || state.authorizerLatency != nil {
                result.counts += [("hits", counters.hits), ("misses", counters.misses)]
            }
            if state.role == .balancer {
                // LCU: the largest of its dimensions; one new connection per request assumed
                // (25 new connections/s or 1 GB/h processed per LCU).
                let connections = Double(counters.arrivals) / measured / 25
                let gigabytesPerHour = counters.bytes / measured * 3600 / 1e9
                result.measures += [("processed_gb", counters.bytes / 1e9), ("lcu", max(connections, gigabytesPerHour))]
            }
        case .objectStore:
            model.componentsStoredBytes(index, until: end, into: &result)
            result.counts += [("writes", counters.writes), ("reads", counters.reads), ("throttled", counters.throttled),
                ("notifications", counters.notifications)]
        case .table, .database:
            result.counts += [("writes", counters.writes), ("reads", counters.reads), ("throttled", counters.throttled)]
        case .topic:
            result.counts += [("delivered", counters.notifications), ("throttled", counters.throttled)]
        case .queue:
            let queue = model.queues[Int(state.queue)]
            result.messages = balance(queue.counts, queued: queue.visible + queue.inFlight, lag: queue.lag,
                lagHistogram: queue.lagHistogram, backlog: queue.backlog.mean(until: end))
        case .stream:
            let stream = model.streams[Int(state.stream)]
            var total = MessageCounts()
            var queued = 0
            var backlog = 0.0
            for group in stream.counts.indices {
                let counts = stream.counts[group]
                total.published += counts.published
                total.consumed += counts.consumed
                total.expired += counts.expired
                total.rejected += counts.rejected
                total.failedProcessing += counts.failedProcessing
                queued += stream.waiting[group] + stream.inFlight[group]
                backlog += stream.backlog[group].mean(until: end)
            }
            result.messages = balance(total, queued: queued, lag: stream.lag, lagHistogram: stream.lagHistogram, backlog: backlog)
            result.counts += [("throttled", counters.throttled)]
        case .station:
            break
        }
        result.series = series(model, component: index)
        return result
    }

    /// The component's per-bucket figures from the recorder's differences.
    static func series(_ model: NetworkModel, component index: Int) -> ReplicationResult.ComponentSeries {
        let state = model.components[index]
        let recorder = model.series
        let buckets = (0..<recorder.closed).map { recorder.buckets[index * recorder.bucketCount + $0] }
        let lengths = buckets.indices.map { recorder.length(of: $0, duration: model.plan.duration) }
        func perSecond(_ value: KeyPath<ComponentGauges, Double>) -> [Double] {
            zip(buckets, lengths).map { $0[keyPath: value] / $1 }
        }
        func ratio(_ sum: KeyPath<ComponentGauges, Double>, _ count: KeyPath<ComponentGauges, Double>) -> [Double] {
            buckets.map { $0[keyPath: count] > 0 ? $0[keyPath: sum] / $0[keyPath: count] : .nan }
        }
        var servers = 0
        switch state.code {
        case .station, .lambda, .database:
            servers = (0..<Int(state.stationCount)).reduce(0) { $0 + model.stations[Int(state.station) + $1].servers }
        case .compute:
            servers = model.units[Int(state.firstUnit)..<Int(state.firstUnit + state.unitCount)]
                .reduce(0) { $0 + model.stations[Int($1.cpuStation)].servers }
        case .queue where state.station >= 0:
            servers = model.stations[Int(state.station)].servers
        default:
            break
        }
        var series = ReplicationResult.ComponentSeries(
            utilization: servers > 0 ? perSecond(\.busyArea).map { $0 / Double(servers) } : buckets.map { _ in .nan },
            waitMean: ratio(\.waitSum, \.waitCount), queueLength: perSecond(\.queueArea), throughput: perSecond(\.started),
            refused: buckets.map(\.refused))
        if state.code == .compute { series.runningUnits = perSecond(\.runningArea) }
        if state.code == .queue || state.code == .stream {
            series.lagMean = ratio(\.lagSum, \.lagCount)
            series.backlog = perSecond(\.backlogArea)
        }
        return series
    }

    static func balance(_ counts: MessageCounts, queued: Int, lag: Tally, lagHistogram: LatencyHistogram, backlog: Double)
        -> ReplicationResult.MessageBalance
    {
        ReplicationResult.MessageBalance(
            published: counts.published, consumed: counts.consumed, queued: queued, expired: counts.expired,
            deadLettered: counts.deadLettered, redelivered: counts.redelivered, duplicates: counts.duplicates,
            rejected: counts.rejected, failedProcessing: counts.failedProcessing,
            lagMean: lag.count > 0 ? lag.mean : .nan, lagP99: lagHistogram.quantile(0.99), backlogMean: backlog)
    }
}

extension NetworkModel {
    func componentsStoredBytes(_ component: Int, until end: Double, into result: inout ReplicationResult.Station) {
        let stored = components[component].storedBytes
        result.measures += [("stored_gb_mean", stored.mean(until: end) / 1e9), ("stored_gb_end", stored.value / 1e9)]
    }
}
