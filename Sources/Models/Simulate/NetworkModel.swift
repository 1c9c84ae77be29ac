import DequeModule
import SimKit
import Topology

/// One replication of a compiled network: stations, requests flowing through handler steps,
/// and what they measure. Events are dispatched on `kind`; payloads are record indices.
struct NetworkModel: SimulationModel {
    enum Kind: UInt32 {
        case arrival
        case stepDone
        case deadline
        case think
        case warmupEnd
    }

    let plan: NetworkPlan
    let tables: Tables
    var arrivalPlans: [ArrivalPlan]
    var stations: [Station]
    var requests = Pool(blank: RequestRecord())
    var activations = Pool(blank: ActivationRecord())
    var workloads: [WorkloadStatistics]
    var inProgress: WorkInProgressSeries
    var measuringSince: Double = 0

    // Random streams: one per purpose and owner, so adding a station shifts nothing else.
    var arrivalStreams: [Xoshiro256StarStar]
    var attributeStreams: [Xoshiro256StarStar]
    var payloadStreams: [Xoshiro256StarStar]
    var serviceStreams: [Xoshiro256StarStar]
    var routingStreams: [Xoshiro256StarStar]
    var traceCursor: [Int]

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
        stations = plan.stations.map {
            Station(servers: $0.servers, capacity: $0.capacity, priorityClasses: $0.usesPriority ? 8 : 1)
        }
        workloads = plan.workloads.map { _ in WorkloadStatistics(duration: plan.duration, bucket: plan.timeSeriesBucket) }
        inProgress = WorkInProgressSeries(duration: plan.duration)
        arrivalStreams = plan.workloads.map { streams.stream("arrivals/" + $0.name) }
        attributeStreams = plan.workloads.map { streams.stream("attributes/" + $0.name) }
        payloadStreams = plan.workloads.map { streams.stream("payload/" + $0.name) }
        serviceStreams = plan.stations.map { streams.stream("service/" + $0.name) }
        routingStreams = plan.stations.map { streams.stream("routing/" + $0.name) }
        traceCursor = Array(repeating: 0, count: plan.workloads.count)
        deadlines = Array(repeating: Deque(), count: plan.workloads.count)
        deadlineScheduled = Array(repeating: false, count: plan.workloads.count)
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
            default:
                if let first = nextArrival(workload: index, after: 0) {
                    simulation.schedule(at: first, kind: Kind.arrival.rawValue, target: UInt32(index))
                }
            }
        }
        if warmup > 0 {
            simulation.schedule(at: warmup, kind: Kind.warmupEnd.rawValue)
        }
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
            continueSteps(Int32(event.token), &simulation)
        case .deadline:
            deadlineDue(workload: Int(event.target), &simulation)
        case .warmupEnd:
            resetStatistics(at: simulation.now)
        }
    }

    mutating func resetStatistics(at time: Double) {
        measuringSince = time
        for index in stations.indices { stations[index].resetStatistics(at: time) }
        for index in workloads.indices { workloads[index].reset() }
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
        record.combination = sampleCombination(workload: index)
        record.image = tables.hasImage[index] ? tables.image[index].sample(&payloadStreams[index]) : 0
        record.bytes = tables.hasBytes[index] ? tables.bytes[index].sample(&payloadStreams[index]) : 0
        requests.records[Int(request)] = record
        workloads[index].offered += 1
        workloads[index].inFlight += 1
        inProgress.change(by: 1, at: now)
        let timeout = tables.timeout[index]
        if timeout.isFinite {
            let token = Int64(request) | (Int64(record.generation) << 32)
            deadlines[index].append(Deadline(time: now + timeout, token: token))
            if !deadlineScheduled[index] {
                deadlineScheduled[index] = true
                simulation.schedule(at: now + timeout, kind: Kind.deadline.rawValue, target: UInt32(index))
            }
        }
        let root = newActivation(
            request: request, station: tables.entry[index], operation: tables.operation[index], parent: -1, isRoot: true)
        arrive(root, &simulation)
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
            let live = requests.records[request].generation == UInt32(truncatingIfNeeded: head.token >> 32)
                && !requests.records[request].responded
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

    /// The client stops waiting: the request fails with `timeout`; its activations still
    /// waiting in queues give up (reneging); work already in service runs on.
    mutating func clientTimeout(token: Int64, _ simulation: inout Simulation) {
        let request = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
        let generation = UInt32(truncatingIfNeeded: token >> 32)
        guard requests.records[Int(request)].generation == generation, !requests.records[Int(request)].responded,
            requests.records[Int(request)].pending > 0
        else { return }
        respond(request, failure: .timeout, &simulation)
        var cursor = requests.records[Int(request)].firstActivation
        var waiting: [Int32] = []
        while cursor >= 0 {
            if activations.records[Int(cursor)].state == .waiting { waiting.append(cursor) }
            cursor = activations.records[Int(cursor)].nextOfRequest
        }
        for activation in waiting {
            let station = Int(activations.records[Int(activation)].station)
            stations[station].abandon(token: queueToken(activation), at: simulation.now)
            activations.records[Int(activation)].state = .blocked
            finish(activation, failure: .timeout, holdsServer: false, &simulation)
        }
    }

    /// The synchronous answer reaches the client (once: a later answer after a timeout is dropped).
    mutating func respond(_ request: Int32, failure: FailureCause?, _ simulation: inout Simulation) {
        var record = requests.records[Int(request)]
        guard !record.responded else { return }
        record.responded = true
        record.succeeded = failure == nil
        requests.records[Int(request)] = record
        let index = Int(record.workload)
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
}
