import DequeModule
import SimKit

/// Lays a replication's state out from the plan: SimKit stations for everything that has
/// servers, units for compute, queues, streams and their pollers.
extension NetworkModel {
    mutating func addStation(_ station: Station, component: Int) -> Int32 {
        stations.append(station)
        stationComponent.append(Int32(component))
        return Int32(stations.count - 1)
    }

    mutating func build() {
        for (index, plan) in plan.stations.enumerated() {
            var state = ComponentState()
            state.zones = plan.zones.map { Int32($0) }
            state.egressThroughNAT = plan.egressThroughNAT
            state.viaNAT = plan.isRegional && !plan.hasEndpoint
            switch plan.behaviour {
            case .station:
                state.code = .station
                state.station = addStation(
                    Station(servers: plan.servers, capacity: plan.capacity, priorityClasses: plan.usesPriority ? self.plan.priorityLanes : 1),
                    component: index)
                state.stationCount = 1
            case .compute(let compute):
                state.code = .compute
                state.firstUnit = Int32(units.count)
                state.unitCount = Int32(compute.units)
                state.coldStart = compute.startup
                // Whole vCPUs serve in parallel; a fraction of one is one slower server.
                let cpuServers = max(1, Int(compute.vcpu.rounded(.down)))
                let cpuSpeed = compute.vcpu / Double(cpuServers) * compute.vcpuSpeed
                for unit in 0..<compute.units {
                    let zone = plan.zones.isEmpty ? -1 : Int32(plan.zones[unit % plan.zones.count])
                    let slots = addStation(Station(servers: compute.concurrency), component: index)
                    let cpu = addStation(Station(servers: cpuServers), component: index)
                    units.append(UnitState(
                        component: Int32(index), zone: zone, slotStation: slots, cpuStation: cpu, cpuSpeed: cpuSpeed,
                        memoryLimit: compute.memory))
                }
            case .lambda(let lambda):
                state.code = .lambda
                state.station = addStation(Station(servers: lambda.concurrency), component: index)
                state.stationCount = 1
                state.timeout = lambda.timeout
                state.coldStart = lambda.coldStart
                state.idleLifetime = lambda.idleLifetime
                state.speed = lambda.speed
                state.lambdaMemory = lambda.memory
            case .passThrough(let pass):
                state.code = .passThrough
                state.role = pass.role
                state.leastOutstanding = pass.leastOutstanding
                state.crossZone = pass.crossZone
                state.detectAfter = pass.detectAfter
                state.hitRatio = pass.hitRatio ?? -1
                state.callerSkipsNextOnHit = pass.callerSkipsNextOnHit
                if let rate = pass.throttleRate { state.buckets = [TokenBucket(rate: rate, burst: max(1, pass.throttleBurst))] }
                if let latency = pass.authorizerLatency {
                    state.authorizerLatency = latency
                    state.authorizerTTL = pass.authorizerTTL
                    state.authorizerLastValidated = Array(repeating: -.infinity, count: max(1, pass.authorizerTokens))
                }
            case .queue(let queue):
                state.code = .queue
                state.queue = Int32(queues.count)
                var queueState = QueueState(
                    component: Int32(index), isRabbit: queue.isRabbit, fifo: queue.fifo,
                    visibilityTimeout: queue.visibilityTimeout, retention: queue.retention,
                    maxReceives: Int32(queue.maxReceives ?? Int(Int32.max)), deadLetter: Int32(queue.deadLetter ?? -1),
                    lanes: Array(repeating: Deque(), count: queue.isRabbit ? queue.maxPriority + 1 : 1))
                for consumer in queue.consumers {
                    for _ in 0..<consumer.pollers {
                        queueState.pollers.append(Int32(pollers.count))
                        queueState.idlePollers.append(Int32(pollers.count))
                        var poller = PollerState(
                            source: Int32(queues.count), isStream: false, group: 0, consumer: Int32(consumer.component),
                            operation: Int32(consumer.operation), batchSize: Int32(consumer.batchSize),
                            prefetch: queue.isRabbit ? Int32(queue.prefetch) : 0)
                        poller.idle = true
                        pollers.append(poller)
                    }
                }
                // Idle pollers are taken from the end: start with the first.
                queueState.idlePollers.reverse()
                queues.append(queueState)
                if let rate = queue.brokerRate {
                    // The broker: one server handling `throughput` messages a second.
                    state.station = addStation(Station(servers: 1), component: index)
                    state.stationCount = 1
                    state.brokerServiceTime = 1 / rate
                }
            case .topic(let topic):
                state.code = .topic
                state.latency = topic.latency
                if let throughput = topic.throughput { state.buckets = [TokenBucket(rate: throughput, burst: throughput)] }
            case .stream(let stream):
                state.code = .stream
                state.stream = Int32(streams.count)
                let groups = max(1, stream.groups.count)
                var streamState = StreamState(
                    component: Int32(index), partitions: Int32(stream.partitions), retention: stream.retention,
                    bytesPerSecond: stream.partitionBytesPerSecond ?? .infinity,
                    partitionBusyUntil: Array(repeating: 0, count: stream.partitions),
                    logs: Array(repeating: Array(repeating: Deque(), count: stream.partitions), count: groups),
                    owner: Array(repeating: Array(repeating: -1, count: stream.partitions), count: groups),
                    counts: Array(repeating: MessageCounts(), count: groups),
                    backlog: Array(repeating: TimeWeighted(), count: groups),
                    waiting: Array(repeating: 0, count: groups), inFlight: Array(repeating: 0, count: groups))
                if let records = stream.shardRecordsPerSecond, let bytes = stream.shardBytesPerSecond {
                    for _ in 0..<stream.partitions {
                        state.buckets.append(TokenBucket(rate: records, burst: records))
                        state.buckets.append(TokenBucket(rate: bytes, burst: bytes))
                    }
                }
                if let calls = stream.shardReadCallsPerSecond, let bytes = stream.shardReadBytesPerSecond {
                    streamState.readQuotas = Array(
                        repeating: ShardReadQuota(callsPerSecond: calls, bytesPerSecond: bytes), count: stream.partitions)
                }
                // Each group's partitions are dealt to its pollers (all consumers of the group).
                for group in stream.groups.indices {
                    var groupPollers: [Int32] = []
                    for consumer in stream.consumers where consumer.group == group {
                        for _ in 0..<consumer.pollers where groupPollers.count < stream.partitions {
                            groupPollers.append(Int32(pollers.count))
                            var poller = PollerState(
                                source: Int32(streams.count), isStream: true, group: Int32(group),
                                consumer: Int32(consumer.component), operation: Int32(consumer.operation),
                                batchSize: Int32(consumer.batchSize), prefetch: 0)
                            poller.idle = true
                            pollers.append(poller)
                        }
                    }
                    guard !groupPollers.isEmpty else { continue }
                    for partition in 0..<stream.partitions {
                        let poller = groupPollers[partition % groupPollers.count]
                        streamState.owner[group][partition] = poller
                        pollers[Int(poller)].partitions.append(Int32(partition))
                    }
                }
                streams.append(streamState)
            case .objectStore(let store):
                state.code = .objectStore
                state.latency = store.firstByte
                state.transferRate = store.transferRate
                state.expireAfter = store.expireAfter ?? .infinity
                state.hasNotifications = !store.notifications.isEmpty
                state.storedBytes = TimeWeighted(value: store.storedAtStart, at: 0)
                for _ in 0..<store.prefixes {
                    state.buckets.append(TokenBucket(rate: store.putLimit, burst: store.putLimit))
                    state.buckets.append(TokenBucket(rate: store.getLimit, burst: store.getLimit))
                }
            case .table(let table):
                state.code = .table
                state.latency = table.latency
                state.readUnits = table.readUnitsPerRequest
                state.writeUnits = table.writeUnitsPerRequest
                if let read = table.readCapacity, let write = table.writeCapacity {
                    // Provisioned DynamoDB keeps up to 300 s of unused capacity for bursts.
                    state.buckets = [
                        TokenBucket(rate: read, burst: read * table.burstSeconds),
                        TokenBucket(rate: write, burst: write * table.burstSeconds),
                    ]
                }
            case .database(let database):
                state.code = .database
                state.maxConnections = database.maxConnections
                state.replicas = database.replicas
                state.latency = database.queryTime
                state.station = addStation(Station(servers: database.vcpu), component: index)
                for _ in 0..<database.replicas { _ = addStation(Station(servers: database.vcpu), component: index) }
                state.stationCount = Int32(1 + database.replicas)
            }
            state.runsKernels = plan.handlerForOperation.contains { handler in
                handler >= 0 && self.plan.handlers[handler].steps.contains { step in
                    if case .kernel = step.action { true } else { false }
                }
            }
            components.append(state)
            behaviourCode.append(state.code)
        }
        // A NAT gateway is one server of its bandwidth: bytes queue through it.
        natStations = plan.nats.map { _ in addStation(Station(servers: 1), component: -1) }
        network = NetworkCounters(natBytes: Array(repeating: 0, count: plan.nats.count))
    }
}
