import DequeModule
import Kernels
import SimKit
import Topology

/// One replication of a compiled topology: components, requests flowing through handler
/// steps, messages in queues and streams, and what they measure. Events are dispatched on
/// `kind`; payloads are record indices (with their generation in the high 32 bits, so an event
/// for a record that was freed and reused is recognised as stale).
struct NetworkModel: SimulationModel {
    enum Kind: UInt32 {
        case arrival
        case stepDone
        case deadline
        case think
        case warmupEnd
        case callTimeout
        /// A retry, a delayed publish or a NAT transit reaches its target.
        case delayedArrival
        case clientRetry
        case unitUp
        case lambdaDeadline
        case visibility
        case deliver
        case messageReady
        case natDone
        /// A boundary of the per-component time series.
        case sample
        /// A Kinesis poller's shard read quota allows its next GetRecords call.
        case streamPoll
    }

    let plan: NetworkPlan
    let tables: Tables
    var arrivalPlans: [ArrivalPlan]
    /// Every SimKit station: generic stations, task slots and vCPUs, function instances,
    /// database servers, NAT gateways.
    var stations: [Station] = []
    var stationComponent: [Int32] = []
    /// What every component has; `components[c].slot` indexes its primitive's array below.
    var components: [ComponentCore] = []
    var behaviourCode: [BehaviourCode] = []
    // Each primitive's own state (Primitives/<name>/).
    var stationStates: [StationState] = []
    var computes: [ComputeState] = []
    var units: [UnitState] = []
    var functions: [FunctionState] = []
    var proxies: [ProxyState] = []
    var queues: [QueueState] = []
    var topics: [TopicState] = []
    var streams: [StreamState] = []
    var pollers: [PollerState] = []
    var objectStores: [ObjectStoreState] = []
    var tableStates: [TableState] = []
    var databases: [DatabaseState] = []
    var natStations: [Int32] = []
    var network = NetworkCounters()
    var requests = Pool(blank: RequestRecord())
    var activations = Pool(blank: ActivationRecord())
    var messages = Pool(blank: MessageRecord())
    var workloads: [WorkloadStatistics]
    var inProgress: WorkInProgressSeries
    var series: ComponentSeriesRecorder
    var measuringSince: Double = 0

    // Random streams: one per purpose and owner, so adding a component shifts nothing else.
    var arrivalStreams: [Xoshiro256StarStar]
    var attributeStreams: [Xoshiro256StarStar]
    var payloadStreams: [Xoshiro256StarStar]
    var serviceStreams: [Xoshiro256StarStar]
    var routingStreams: [Xoshiro256StarStar]
    var retryStreams: [Xoshiro256StarStar]
    var traceCursor: [Int]
    /// Live kernel mode: the pipelines, run for real, by kernel slot (empty when calibrated).
    let liveKernels: [LiveKernel]

    /// Client deadlines per workload, in arrival order. A workload's timeout is one constant,
    /// so its deadlines come in increasing order: only the earliest pending one needs an
    /// event, instead of one event per request sitting in the heap for the whole timeout.
    var deadlines: [Deque<Deadline>]
    var deadlineScheduled: [Bool]

    struct Deadline {
        var time: Double
        var token: Int64
    }

    init(plan: NetworkPlan, streams: RandomStreams) {
        self.plan = plan
        tables = Tables(plan)
        arrivalPlans = plan.workloads.map(\.arrival)
        workloads = plan.workloads.map { _ in WorkloadStatistics(duration: plan.duration, bucket: plan.timeSeriesBucket) }
        inProgress = WorkInProgressSeries(duration: plan.duration)
        series = ComponentSeriesRecorder(
            components: plan.stations.count, width: WorkloadStatistics.bucketWidth(plan.timeSeriesBucket, duration: plan.duration),
            duration: plan.duration)
        arrivalStreams = plan.workloads.map { streams.stream("arrivals/" + $0.name) }
        attributeStreams = plan.workloads.map { streams.stream("attributes/" + $0.name) }
        payloadStreams = plan.workloads.map { streams.stream("payload/" + $0.name) }
        serviceStreams = plan.stations.map { streams.stream("service/" + $0.name) }
        routingStreams = plan.stations.map { streams.stream("routing/" + $0.name) }
        retryStreams = plan.stations.map { streams.stream("retry/" + $0.name) } + [streams.stream("retry/clients")]
        traceCursor = Array(repeating: 0, count: plan.workloads.count)
        deadlines = Array(repeating: Deque(), count: plan.workloads.count)
        deadlineScheduled = Array(repeating: false, count: plan.workloads.count)
        if case .live? = plan.kernelTiming {
            liveKernels = plan.kernels.map { LiveKernel($0.pipeline, seed: plan.seed) }
        } else {
            liveKernels = []
        }
        build()
    }

    /// Schedules the first arrivals (or the closed population's first requests) and the warm-up end.
    mutating func start(_ simulation: inout Simulation, warmup: Double) {
        for index in plan.workloads.indices {
            switch arrivalPlans[index] {
            case .closed(let users, let thinkTime):
                for user in 0..<users {
                    let think = thinkTime.sample(&arrivalStreams[index])
                    simulation.schedule(at: think, kind: Kind.think.rawValue, target: UInt32(index), token: Int64(user))
                }
            case .periodic(_, let offset):
                simulation.schedule(at: offset, kind: Kind.arrival.rawValue, target: UInt32(index))
            default:
                if let first = nextArrival(workload: index, after: 0) {
                    simulation.schedule(at: first, kind: Kind.arrival.rawValue, target: UInt32(index))
                }
            }
        }
        if warmup > 0 {
            simulation.schedule(at: warmup, kind: Kind.warmupEnd.rawValue)
        }
        scheduleFirstSample(&simulation)
    }

    mutating func handle(_ event: Event, in simulation: inout Simulation) {
        switch Kind(rawValue: event.kind).unsafelyUnwrapped {
        case .arrival:
            let workload = Int(event.target)
            if let next = nextArrival(workload: workload, after: simulation.now) {
                simulation.schedule(at: next, kind: Kind.arrival.rawValue, target: event.target)
            }
            admit(workload: workload, user: -1, &simulation)
        case .think:
            admit(workload: Int(event.target), user: Int32(event.token), &simulation)
        case .stepDone:
            if let activation = live(event.token) { stepDone(activation, &simulation) }
        case .deadline:
            deadlineDue(workload: Int(event.target), &simulation)
        case .warmupEnd:
            resetStatistics(at: simulation.now)
        case .callTimeout:
            if let activation = live(event.token) { callTimedOut(activation, &simulation) }
        case .delayedArrival:
            if let activation = live(event.token) { send(activation, &simulation) }
        case .clientRetry:
            clientRetry(event.token, &simulation)
        case .unitUp:
            unitUp(Int(event.target), at: simulation.now)
        case .lambdaDeadline:
            functionDeadlineDue(slot: Int(event.target), &simulation)
        case .visibility:
            visibilityDue(queue: Int(event.target), &simulation)
        case .deliver:
            if let activation = live(event.token) { deliver(activation, &simulation) }
        case .messageReady:
            messageReady(Int32(truncatingIfNeeded: event.token), &simulation)
        case .natDone:
            if let activation = live(event.token) { natDone(activation, &simulation) }
        case .sample:
            sampleDue(&simulation)
        case .streamPoll:
            quotaAllows(poller: Int(event.target), &simulation)
        }
    }

    /// The activation an event refers to, if it is still the same one (not freed and reused).
    @inline(__always)
    func live(_ token: Int64) -> Int32? {
        let index = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
        let generation = UInt32(truncatingIfNeeded: token >> 32)
        let record = activations.records[Int(index)]
        return record.generation == generation && record.state != .free ? index : nil
    }

    /// What events and queues carry for an activation: its index and generation.
    @inline(__always)
    func queueToken(_ activation: Int32) -> Int64 {
        Int64(activation) | (Int64(activations.records[Int(activation)].generation) << 32)
    }

    mutating func resetStatistics(at time: Double) {
        // The open time-series bucket keeps what came before the reset.
        flushSeries(at: time)
        defer { rebaseSeries(at: time) }
        measuringSince = time
        for index in stations.indices { stations[index].resetStatistics(at: time) }
        for index in workloads.indices { workloads[index].reset() }
        for index in components.indices { components[index].resetStatistics() }
        for index in computes.indices { computes[index].resetStatistics() }
        for index in units.indices { units[index].resetStatistics(at: time) }
        for index in functions.indices { functions[index].resetStatistics() }
        for index in proxies.indices { proxies[index].resetStatistics() }
        for index in queues.indices { queues[index].resetStatistics(at: time) }
        for index in topics.indices { topics[index].resetStatistics() }
        for index in streams.indices { streams[index].resetStatistics(at: time) }
        for index in objectStores.indices { objectStores[index].resetStatistics(at: time) }
        for index in tableStates.indices { tableStates[index].resetStatistics() }
        for index in databases.indices { databases[index].resetStatistics() }
        network = NetworkCounters(natBytes: Array(repeating: 0, count: plan.nats.count))
    }

    // MARK: - Requests

    mutating func admit(workload index: Int, user: Int32, _ simulation: inout Simulation) {
        let request = requests.allocate()
        let now = simulation.now
        var record = requests.records[Int(request)]
        record.workload = Int32(index)
        record.generation &+= 1
        record.user = user
        record.start = now
        record.pending = 0
        record.responded = false
        record.succeeded = false
        record.firstActivation = -1
        record.attempt = 0
        record.combination = sampleCombination(workload: index)
        record.image = tables.hasImage[index] ? tables.image[index].sample(&payloadStreams[index]) : 0
        record.bytes = tables.hasBytes[index] ? tables.bytes[index].sample(&payloadStreams[index]) : 0
        requests.records[Int(request)] = record
        workloads[index].offered += 1
        workloads[index].inFlight += 1
        inProgress.change(by: 1, at: now)
        startAttempt(request, &simulation)
    }

    /// One try of the client: a deadline (if the workload has a timeout) and the entry activation.
    mutating func startAttempt(_ request: Int32, _ simulation: inout Simulation) {
        let now = simulation.now
        let index = Int(requests.records[Int(request)].workload)
        let timeout = tables.timeout[index]
        if timeout.isFinite {
            requests.records[Int(request)].deadline = now + timeout
            let token = Int64(request) | (Int64(requests.records[Int(request)].generation) << 32)
            deadlines[index].append(Deadline(time: now + timeout, token: token))
            if !deadlineScheduled[index] {
                deadlineScheduled[index] = true
                simulation.schedule(at: now + timeout, kind: Kind.deadline.rawValue, target: UInt32(index))
            }
        }
        let root = newActivation(
            request: request, station: tables.entry[index], operation: tables.operation[index], parent: -1, isRoot: true)
        activations.records[Int(root)].attempt = requests.records[Int(request)].attempt
        activations.records[Int(root)].bytes = requestBytes(request)
        activations.records[Int(root)].responseBytes = 1000
        arrive(root, &simulation)
    }

    /// Bytes a request carries: its payload `bytes`, else its image at ≈0.3 bytes per pixel
    /// (JPEG at quality 85).
    @inline(__always)
    func requestBytes(_ request: Int32) -> Double {
        let record = requests.records[Int(request)]
        return record.bytes > 0 ? record.bytes : record.image * 300_000
    }

    /// Inversion on the cumulative probabilities of the workload's attribute combinations.
    mutating func sampleCombination(workload index: Int) -> Int32 {
        let count = Int(tables.combinationCount[index])
        guard count > 1 else { return 0 }
        let base = Int(tables.combinationBase[index])
        let u = attributeStreams[index].nextUniform()
        var low = 0
        var high = count - 1
        while low < high {
            let middle = (low + high) / 2
            if tables.cumulative[base + middle] < u { low = middle + 1 } else { high = middle }
        }
        return Int32(low)
    }

    /// Times out the requests whose deadline has come and are still unanswered, forgets the
    /// answered ones, and schedules the next pending deadline.
    mutating func deadlineDue(workload index: Int, _ simulation: inout Simulation) {
        deadlineScheduled[index] = false
        while let head = deadlines[index].first {
            let request = Int(head.token & 0xFFFF_FFFF)
            let record = requests.records[request]
            let live = record.generation == UInt32(truncatingIfNeeded: head.token >> 32)
                && !record.responded && record.deadline == head.time
            if !live {
                deadlines[index].removeFirst()
            } else if head.time <= simulation.now {
                deadlines[index].removeFirst()
                clientTimeout(token: head.token, &simulation)
            } else {
                deadlineScheduled[index] = true
                simulation.schedule(at: head.time, kind: Kind.deadline.rawValue, target: UInt32(index))
                return
            }
        }
    }

    /// The client stops waiting: the attempt fails with `timeout`; its activations still
    /// waiting in queues give up (reneging); work already in service runs on.
    mutating func clientTimeout(token: Int64, _ simulation: inout Simulation) {
        let request = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
        guard !requests.records[Int(request)].responded, requests.records[Int(request)].pending > 0 else { return }
        var cursor = requests.records[Int(request)].firstActivation
        var waiting: [Int32] = []
        while cursor >= 0 {
            let record = activations.records[Int(cursor)]
            if record.state == .waiting, record.parent >= 0 || record.isRoot { waiting.append(cursor) }
            cursor = record.nextOfRequest
        }
        respond(request, attempt: requests.records[Int(request)].attempt, failure: .timeout, &simulation)
        for activation in waiting where activations.records[Int(activation)].state == .waiting {
            let station = Int(activations.records[Int(activation)].pendingStation)
            stations[station].abandon(token: queueToken(activation), at: simulation.now)
            activations.records[Int(activation)].state = .blocked
            finish(activation, failure: .timeout, &simulation)
        }
    }

    /// The synchronous answer reaches the client (once: a later answer after a timeout, or of
    /// an earlier attempt, is dropped). A failure with client retries left tries again later.
    mutating func respond(_ request: Int32, attempt: Int32, failure: FailureCause?, _ simulation: inout Simulation) {
        var record = requests.records[Int(request)]
        guard !record.responded, record.attempt == attempt else { return }
        let index = Int(record.workload)
        let retry = tables.workloadRetry[index]
        if failure != nil, retry >= 0, Int(record.attempt) < tables.retries[Int(retry)].maximum {
            // Hold the request open while the client backs off.
            record.attempt += 1
            record.pending += 1
            record.deadline = .infinity
            requests.records[Int(request)] = record
            let wait = backoff(tables.retries[Int(retry)], attempt: Int(record.attempt), &retryStreams[retryStreams.count - 1])
            simulation.schedule(
                after: wait, kind: Kind.clientRetry.rawValue, token: Int64(request) | (Int64(record.generation) << 32))
            return
        }
        record.responded = true
        record.succeeded = failure == nil
        requests.records[Int(request)] = record
        workloads[index].inFlight -= 1
        let now = simulation.now
        if let failure {
            workloads[index].failed[failure.rawValue] += 1
        } else {
            let latency = now - record.start
            workloads[index].completed += 1
            workloads[index].latency.add(latency)
            workloads[index].latencyHistogram.record(seconds: latency)
            workloads[index].series.count(at: now)
            workloads[index].series.observe(latency, at: now)
        }
        if record.user >= 0, case .closed(_, let thinkTime) = arrivalPlans[index] {
            let think = thinkTime.sample(&arrivalStreams[index])
            simulation.schedule(after: think, kind: Kind.think.rawValue, target: UInt32(index), token: Int64(record.user))
        }
    }

    mutating func clientRetry(_ token: Int64, _ simulation: inout Simulation) {
        let request = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
        guard requests.records[Int(request)].generation == UInt32(truncatingIfNeeded: token >> 32) else { return }
        startAttempt(request, &simulation)
        requests.records[Int(request)].pending -= 1
        if requests.records[Int(request)].pending == 0 { requestDone(request, now: simulation.now) }
    }

    /// Exponential backoff with jitter: base × 2^(attempt−1), capped, then randomised.
    func backoff(_ policy: NetworkPlan.RetryPlan, attempt: Int, _ generator: inout Xoshiro256StarStar) -> Double {
        let ceiling = min(policy.maximumBackoff, policy.backoff * Double(1 << min(attempt - 1, 30)))
        switch policy.jitter {
        case .full: return generator.nextUniform() * ceiling
        case .equal: return ceiling / 2 + generator.nextUniform() * ceiling / 2
        case .none: return ceiling
        }
    }

    /// Everything the request started has finished: record completion and free the record.
    mutating func requestDone(_ request: Int32, now: Double) {
        let record = requests.records[Int(request)]
        let index = Int(record.workload)
        if record.succeeded {
            let latency = now - record.start
            workloads[index].completion.add(latency)
            workloads[index].completionHistogram.record(seconds: latency)
        }
        inProgress.change(by: -1, at: now)
        requests.release(request)
    }
}
