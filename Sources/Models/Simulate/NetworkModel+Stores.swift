import SimKit

/// Stores: S3 (latency by object size, per-prefix limits, stored bytes, notifications),
/// DynamoDB (capacity modes), RDS and Redshift (query servers behind a connection limit).
extension NetworkModel {
    /// S3: the key's prefix has a request-rate limit per second (503 SlowDown beyond it); the
    /// time is the first-byte latency plus the object's bytes at one connection's rate.
    mutating func arriveAtObjectStore(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let write = tables.isWrite[Int(record.operation)]
        let prefixes = components[component].buckets.count / 2
        let prefix = min(prefixes - 1, Int(routingStreams[component].nextUniform() * Double(prefixes)))
        guard components[component].buckets[2 * prefix + (write ? 0 : 1)].take(at: simulation.now) else {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        if write { components[component].counters.writes += 1 } else { components[component].counters.reads += 1 }
        let bytes = write ? record.bytes : record.responseBytes
        components[component].counters.bytes += bytes
        let time = components[component].latency.sample(&serviceStreams[component]) + bytes / components[component].transferRate
        activations.records[Int(activation)].state = .serving
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    /// A write completed: the bytes are stored (until the lifecycle expires them) and
    /// matching notifications are published.
    mutating func objectStoreDone(_ activation: Int32, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let component = Int(record.station)
        guard tables.isWrite[Int(record.operation)] else { return }
        let now = simulation.now
        expireObjects(component, now: now)
        components[component].storedBytes.add(record.bytes, at: now)
        if components[component].expireAfter.isFinite {
            components[component].expiries.append((now + components[component].expireAfter, record.bytes))
        }
        guard components[component].hasNotifications, case .objectStore(let store) = plan.stations[component].behaviour else { return }
        for notification in store.notifications where guardPasses(notification.guardCondition, activation) {
            let operation = notification.target.operation >= 0 ? Int32(notification.target.operation) : record.operation
            let child = newActivation(
                request: record.request, station: Int32(notification.target.station), operation: operation, parent: -1)
            activations.records[Int(child)].bytes = 1000
            components[component].counters.notifications += 1
            arrive(child, &simulation)
        }
    }

    mutating func expireObjects(_ component: Int, now: Double) {
        while let first = components[component].expiries.first, first.time <= now {
            components[component].expiries.removeFirst()
            components[component].storedBytes.add(-first.bytes, at: first.time)
        }
    }

    /// DynamoDB: in provisioned mode each request takes capacity units (reads per 4KB, writes
    /// per 1KB of item) from a bucket that keeps 300 s of unused capacity; past it, throttled.
    mutating func arriveAtTable(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        let write = tables.isWrite[Int(activations.records[Int(activation)].operation)]
        if !components[component].buckets.isEmpty {
            let units = write ? components[component].writeUnits : components[component].readUnits
            guard components[component].buckets[write ? 1 : 0].take(units, at: simulation.now) else {
                components[component].counters.throttled += 1
                fail(activation, .throttled, &simulation)
                return
            }
        }
        if write { components[component].counters.writes += 1 } else { components[component].counters.reads += 1 }
        activations.records[Int(activation)].state = .serving
        let time = components[component].latency.sample(&serviceStreams[component])
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    /// RDS/Redshift: a connection (refused past `max_connections`), then a query server: writes
    /// on the primary, reads spread over the primary and its replicas.
    mutating func arriveAtDatabase(_ activation: Int32, _ component: Int, _ simulation: inout Simulation) {
        guard components[component].connections < components[component].maxConnections else {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        components[component].connections += 1
        activations.records[Int(activation)].holdsConnection = true
        let write = tables.isWrite[Int(activations.records[Int(activation)].operation)]
        var server = 0
        let count = Int(components[component].stationCount)
        if !write, count > 1 {
            server = min(count - 1, Int(routingStreams[component].nextUniform() * Double(count)))
        }
        if write { components[component].counters.writes += 1 } else { components[component].counters.reads += 1 }
        let zones = components[component].zones
        if !zones.isEmpty { setZone(activation, zones[server % zones.count]) }
        queueAt(activation, station: components[component].station + Int32(server), &simulation)
    }
}
