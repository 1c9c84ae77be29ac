import DequeModule
import SimKit

package struct ObjectStorePlan: Sendable {
    struct Notification: Sendable {
        var target: NetworkPlan.Step.Target
        var guardCondition: NetworkPlan.Guard
    }

    var prefixes: Int
    var putLimit: Double
    var getLimit: Double
    var firstByte: Variate
    /// Bytes per second of one connection.
    var transferRate: Double
    var expireAfter: Double?
    var storedAtStart: Double
    var notifications: [Notification]
}

/// A bucket of one replication.
struct ObjectStoreState {
    var latency: Variate
    var transferRate: Double
    var expireAfter: Double
    /// Per prefix: writes [2 × prefix] and reads [2 × prefix + 1] per second.
    var limits: [TokenBucket] = []
    var storedBytes: TimeWeighted
    var hasNotifications: Bool
    /// Written objects' expiry times and sizes, oldest first (one constant `expire_after`).
    var expiries: Deque<(time: Double, bytes: Double)> = []
    var access = AccessCounts()
    var bytes = 0.0
    var notifications = 0

    mutating func resetStatistics(at time: Double) {
        access = AccessCounts()
        bytes = 0
        notifications = 0
        storedBytes.reset(at: time)
    }
}

extension NetworkModel {
    mutating func buildObjectStore(_ store: ObjectStorePlan) -> Int32 {
        var state = ObjectStoreState(
            latency: store.firstByte, transferRate: store.transferRate, expireAfter: store.expireAfter ?? .infinity,
            storedBytes: TimeWeighted(value: store.storedAtStart, at: 0), hasNotifications: !store.notifications.isEmpty)
        for _ in 0..<store.prefixes {
            state.limits.append(TokenBucket(rate: store.putLimit, burst: store.putLimit))
            state.limits.append(TokenBucket(rate: store.getLimit, burst: store.getLimit))
        }
        objectStores.append(state)
        return Int32(objectStores.count - 1)
    }

    /// S3: the key's prefix has a request-rate limit per second (503 SlowDown beyond it); the
    /// time is the first-byte latency plus the object's bytes at one connection's rate.
    mutating func arriveAtObjectStore(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let write = tables.isWrite[Int(record.operation)]
        let prefixes = objectStores[slot].limits.count / 2
        let prefix = min(prefixes - 1, Int(routingStreams[component].nextUniform() * Double(prefixes)))
        guard objectStores[slot].limits[2 * prefix + (write ? 0 : 1)].take(at: simulation.now) else {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        objectStores[slot].access.count(write: write)
        let bytes = write ? record.bytes : record.responseBytes
        objectStores[slot].bytes += bytes
        let time = objectStores[slot].latency.sample(&serviceStreams[component]) + bytes / objectStores[slot].transferRate
        activations.records[Int(activation)].state = .serving
        simulation.schedule(after: time, kind: Kind.stepDone.rawValue, token: queueToken(activation))
    }

    /// A write completed: the bytes are stored (until the lifecycle expires them) and
    /// matching notifications are published.
    mutating func objectStoreDone(_ activation: Int32, slot: Int, _ simulation: inout Simulation) {
        let record = activations.records[Int(activation)]
        let component = Int(record.station)
        guard tables.isWrite[Int(record.operation)] else { return }
        let now = simulation.now
        expireObjects(slot, now: now)
        objectStores[slot].storedBytes.add(record.bytes, at: now)
        if objectStores[slot].expireAfter.isFinite {
            objectStores[slot].expiries.append((now + objectStores[slot].expireAfter, record.bytes))
        }
        guard objectStores[slot].hasNotifications, case .objectStore(let store) = plan.stations[component].behaviour else { return }
        for notification in store.notifications where guardPasses(notification.guardCondition, activation) {
            let operation = notification.target.operation >= 0 ? Int32(notification.target.operation) : record.operation
            let child = newActivation(
                request: record.request, station: Int32(notification.target.station), operation: operation, parent: -1)
            activations.records[Int(child)].bytes = 1000
            objectStores[slot].notifications += 1
            arrive(child, &simulation)
        }
    }

    mutating func expireObjects(_ slot: Int, now: Double) {
        while let first = objectStores[slot].expiries.first, first.time <= now {
            objectStores[slot].expiries.removeFirst()
            objectStores[slot].storedBytes.add(-first.bytes, at: first.time)
        }
    }

    func objectStoreMetrics(_ slot: Int, _ counters: ComponentCounters, until end: Double, into result: inout ReplicationResult.Station) {
        let state = objectStores[slot]
        result.measures += [("stored_gb_mean", state.storedBytes.mean(until: end) / 1e9), ("stored_gb_end", state.storedBytes.value / 1e9)]
        result.counts += [("writes", state.access.writes), ("reads", state.access.reads), ("throttled", counters.throttled),
            ("notifications", state.notifications)]
    }
}
