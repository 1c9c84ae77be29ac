import Foundation
import SimKit
import Topology

/// The most a run may cost: events handled and peak memory of its records. A run whose
/// estimate (`RunEstimate`) is over either is refused before it starts; a run that reaches
/// the memory ceiling anyway is stopped (docs/models.md, "Run budget").
package struct RunBudget: Sendable, Equatable {
    /// Events over all replications (pilot runs of `warmup: auto` included).
    package var maxEvents: Double
    /// Bytes of records held at once, over the replications that run at the same time.
    package var maxMemory: Double

    package static let defaultMaxEvents = 1e10
    package static let defaultMaxMemory = 4.0 * 1_073_741_824

    package init(maxEvents: Double = RunBudget.defaultMaxEvents, maxMemory: Double = RunBudget.defaultMaxMemory) {
        self.maxEvents = maxEvents
        self.maxMemory = maxMemory
    }

    /// No limits (tests that call the engine directly).
    package static let unlimited = RunBudget(maxEvents: .infinity, maxMemory: .infinity)
}

/// Why a run was refused or stopped. The messages name the estimate, the budget and the flag
/// that raises it, because the fix is usually a smaller run, sometimes a larger budget.
package enum RunRefusal: Error, Sendable, CustomStringConvertible {
    case tooManyEvents(estimate: RunEstimate, budget: RunBudget)
    case tooMuchMemory(estimate: RunEstimate, budget: RunBudget)
    /// A replication's records reached its share of the memory budget while it ran.
    case memoryCeiling(replication: Int, bytes: Double, ceiling: Double, budget: RunBudget)

    package var description: String {
        switch self {
        case .tooManyEvents(let estimate, let budget):
            "this run would handle about \(RunEstimate.scientific(estimate.events)) events (\(estimate.eventsExplanation)), "
                + "over the budget of \(RunEstimate.scientific(budget.maxEvents)); shorten it (--duration, --replications, "
                + "lower rates or fan-out) or raise the budget with --max-events N"
        case .tooMuchMemory(let estimate, let budget):
            "this run would hold about \(RunEstimate.bytes(estimate.memory)) of records at once (\(estimate.memoryExplanation)), "
                + "over the budget of \(RunEstimate.bytes(budget.maxMemory)); shorten it, add capacity or timeouts, "
                + "or raise the budget with --max-memory SIZE (e.g. --max-memory 8GiB)"
        case .memoryCeiling(let replication, let bytes, let ceiling, let budget):
            "replication \(replication + 1) stopped: its requests, activations and messages reached \(RunEstimate.bytes(bytes)), "
                + "its share (\(RunEstimate.bytes(ceiling))) of the memory budget of \(RunEstimate.bytes(budget.maxMemory)) — "
                + "work arrives faster than it is served; nothing was written. Raise the budget with --max-memory SIZE"
        }
    }
}

/// What a run will cost, estimated from the plan alone before anything is simulated.
///
/// Events: requests per replication (arrival rate × duration, or closed users × duration /
/// think time) × events per request (every activation a request makes, fan-out multiplied
/// through nested calls, publishes, subscriptions and consumer groups) × replications (× 2
/// for the pilot run of `warmup: auto`). Memory: requests in flight by Little's law — arrival
/// rate × the time a request stays, which is the client timeout (or the duration) when a
/// station is offered more work than it can serve — × the bytes of one request's records.
package struct RunEstimate: Sendable {
    package var events: Double
    package var memory: Double
    /// Per replication: requests arriving, events per request, requests in flight at the peak.
    package var requestsPerReplication: Double
    package var eventsPerRequest: Double
    package var inFlight: Double
    package var bytesPerRequest: Double
    package var replications: Int
    package var concurrentReplications: Int
    package var overloaded: [String]

    var eventsExplanation: String {
        "\(Self.scientific(requestsPerReplication)) requests per replication × \(Self.scientific(eventsPerRequest)) events each "
            + "× \(replications) replication\(replications == 1 ? "" : "s")"
    }

    var memoryExplanation: String {
        var text = "\(Self.scientific(inFlight)) requests in flight × \(Self.bytes(bytesPerRequest)) each "
            + "× \(concurrentReplications) replication\(concurrentReplications == 1 ? "" : "s") at once"
        if !overloaded.isEmpty { text += "; offered more than it serves: " + overloaded.prefix(3).joined(separator: ", ") }
        return text
    }

    /// `2.0e9`-style text for counts that may be astronomically large.
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "infinitely many" }
        if value < 10_000 { return String(Int(value.rounded())) }
        let exponent = Int(floor(log10(value)))
        let mantissa = value / pow(10, Double(exponent))
        return String(format: "%.1f×10^%d", mantissa, exponent)
    }

    static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return "unbounded memory" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var scaled = value
        var index = 0
        while scaled >= 1024, index < units.count - 1 {
            scaled /= 1024
            index += 1
        }
        if index == units.count - 1, scaled >= 1024 { return String(format: "%.1e B", value) }
        return String(format: index == 0 ? "%.0f %@" : "%.1f %@", scaled, units[index])
    }
}

// MARK: - Estimating

extension RunEstimate {
    /// The cost of running `plan` as `options` say.
    package static func of(_ plan: NetworkPlan, options: Runner.Options) -> RunEstimate {
        let duration = options.duration
        var requests = 0.0
        var events = 0.0
        var inFlight = 0.0
        var bytes = 0.0
        var load = Array(repeating: 0.0, count: plan.stations.count)
        var visits: [Visit] = []
        for (index, workload) in plan.workloads.enumerated() {
            var walker = VisitWalker(plan: plan, workload: index)
            let visit = walker.visit(station: workload.entry, operation: workload.operation, depth: 0)
            visits.append(visit)
            let rate = workload.arrival.meanRate(over: duration)
            for station in load.indices { load[station] += rate * visit.work[station] }
        }
        // The share of what each station is offered that it can't serve (0 when it keeps up):
        // that much of its arrivals piles up for the rest of the run. A queue nobody reads
        // keeps all of it.
        var excess = Array(repeating: 0.0, count: plan.stations.count)
        var overloaded: [String] = []
        for (index, station) in plan.stations.enumerated() {
            let servers = Double(max(station.servers, 1))
            if load[index] > servers { excess[index] = 1 - servers / load[index] }
            if case .queue(let queue) = station.behaviour, queue.consumers.isEmpty, visits.contains(where: { $0.visits[index] > 0 }) {
                excess[index] = 1
            }
            if excess[index] > 0 { overloaded.append(station.name) }
        }
        for (workload, visit) in zip(plan.workloads, visits) {
            let count = workload.arrival.requests(over: duration)
            requests += count
            // A request: its arrival, plus its activations (its end, and an event per step)
            // and messages (delivery, acknowledgement). Measured against real runs in
            // RunBudgetTests.
            events += count * (1 + visit.events)
            // In flight by Little's law: rate × time in the system. A request that keeps up
            // stays a generous multiple of the work on its path; the share that piles up at an
            // overloaded station stays until its client gives up (its timeout), or until the
            // end of the run when it left a message behind (a timeout does not take it back).
            let stays = visit.carriesMessages ? duration : min(workload.timeout, duration)
            let flowing = min(stays, 10 * visit.time + 1)
            let piling = min(1, zip(visit.visits, excess).reduce(0) { $0 + $1.0 * $1.1 })
            let rate = workload.arrival.peakRequestRate(over: duration)
            var present = rate * ((1 - piling) * flowing + piling * stays)
            if case .closed(let users, _) = workload.arrival { present = min(present, Double(users)) }
            inFlight += present
            bytes = max(bytes, visit.bytes)
        }
        // The time series: one sampling event per bucket.
        events += duration / max(plan.timeSeriesBucket, 1e-3)
        let passes = plan.warmup == .auto ? 2.0 : 1.0
        let concurrent = max(1, min(options.parallelism, options.replications))
        let perRequestBytes = Double(MemoryLayout<RequestRecord>.stride) + bytes
        return RunEstimate(
            events: events * Double(options.replications) * passes,
            memory: inFlight * perRequestBytes * Double(concurrent),
            requestsPerReplication: requests, eventsPerRequest: requests > 0 ? events / requests : 0,
            inFlight: inFlight, bytesPerRequest: perRequestBytes, replications: options.replications,
            concurrentReplications: concurrent, overloaded: overloaded)
    }

    /// Throws when the estimate is over the budget.
    package func check(_ budget: RunBudget) throws(RunRefusal) {
        if !(events <= budget.maxEvents) { throw .tooManyEvents(estimate: self, budget: budget) }
        if !(memory <= budget.maxMemory) { throw .tooMuchMemory(estimate: self, budget: budget) }
    }
}

/// What one visit of a request to a station costs, everything it calls and publishes included.
struct Visit {
    var events = 0.0
    /// Bytes of the activations, messages and pending events it holds at once (at most).
    var bytes = 0.0
    /// Mean seconds of work on the request's path (no queueing).
    var time = 0.0
    /// Server-seconds it asks of each station (for the offered load).
    var work: [Double]
    /// Visits it makes to each station.
    var visits: [Double]
    /// It leaves a message in a queue or stream: the request stays open until a consumer has
    /// it, which the client's timeout does not shorten.
    var carriesMessages = false

    mutating func add(_ other: Visit, times factor: Double) {
        events += factor * other.events
        bytes += factor * other.bytes
        time += factor * other.time
        for index in work.indices {
            work[index] += factor * other.work[index]
            visits[index] += factor * other.visits[index]
        }
        carriesMessages = carriesMessages || (factor > 0 && other.carriesMessages)
    }
}

/// Walks handlers as the engine routes them, memoised by (station, operation), so a fan-out
/// of k calls nested n deep costs k·n steps of the walk, not kⁿ.
struct VisitWalker {
    let plan: NetworkPlan
    let workload: Int
    /// Probability of each of the workload's attribute combinations.
    let shares: [Double]
    var memo: [Int: Visit] = [:]
    var onPath: Set<Int> = []

    static let activationBytes = Double(MemoryLayout<ActivationRecord>.stride + 2 * MemoryLayout<Event>.stride + 16)
    static let messageBytes = Double(MemoryLayout<MessageRecord>.stride + MemoryLayout<Event>.stride + 8)

    init(plan: NetworkPlan, workload: Int) {
        self.plan = plan
        self.workload = workload
        let cumulative = plan.workloads[workload].cumulative
        shares = cumulative.indices.map { cumulative[$0] - ($0 > 0 ? cumulative[$0 - 1] : 0) }
    }

    /// Share of this workload's requests a guard lets through (1 where it depends on more
    /// than the mix: payload sizes, operations).
    func share(_ condition: NetworkPlan.Guard) -> Double {
        guard case .table(let truth) = condition, workload < truth.count else { return 1 }
        let passes = truth[workload]
        return zip(passes, shares).reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
    }

    mutating func visit(station: Int, operation: Int, depth: Int) -> Visit {
        let key = station * (plan.operations.count + 1) + operation + 1
        if let known = memo[key] { return known }
        var result = Visit(work: Array(repeating: 0, count: plan.stations.count), visits: Array(repeating: 0, count: plan.stations.count))
        // A publish cycle (a consumer publishing back upstream) or absurd depth: counted once.
        guard depth < 64, !onPath.contains(key) else { return result }
        onPath.insert(key)
        defer { onPath.remove(key) }
        let target = plan.stations[station]
        result.events = 1
        result.bytes = Self.activationBytes
        result.visits[station] = 1
        // Work counts towards the offered load only where it holds a server; elsewhere
        // (balancers, gateways, CDNs, stores) it is a delay any number of requests share.
        let holdsServer: Bool = switch target.behaviour {
        case .station, .compute, .function, .database: true
        default: false
        }
        if let service = target.serviceTime?.mean {
            result.time += service
            result.work[station] += service
        }
        switch target.behaviour {
        case .database(let database):
            let query = database.queryTime.mean ?? 0
            result.time += query
            result.work[station] += query
        case .queue(let queue):
            // One consumer takes each message; without one, messages stay until the end.
            result.carriesMessages = true
            result.events += 2
            result.bytes += Self.messageBytes
            if let costliest = costliest(queue.consumers.map { consume($0, operation, depth) }) { result.add(costliest, times: 1) }
        case .stream(let stream):
            // Every consumer group reads every record; within a group, one consumer does.
            result.carriesMessages = !stream.consumers.isEmpty
            for group in Set(stream.consumers.map(\.group)) {
                result.events += 2
                result.bytes += Self.messageBytes
                let readers = stream.consumers.filter { $0.group == group }.map { consume($0, operation, depth) }
                if let costliest = costliest(readers) { result.add(costliest, times: 1) }
            }
        case .topic(let topic):
            for subscription in topic.subscriptions {
                result.add(visit(subscription.target, operation, depth), times: share(subscription.guardCondition))
            }
        case .objectStore(let store):
            for notification in store.notifications {
                result.add(visit(notification.target, operation, depth), times: share(notification.guardCondition))
            }
        default:
            break
        }
        let handler = operation >= 0 && operation < target.handlerForOperation.count ? target.handlerForOperation[operation] : -1
        if handler >= 0 {
            for step in plan.handlers[handler].steps {
                let p = (step.probability ?? 1) * share(step.guardCondition)
                result.events += p
                switch step.action {
                case .work(let time):
                    let mean = (time.mean ?? 0) * p
                    result.time += mean
                    if holdsServer { result.work[station] += mean }
                case .kernel:
                    break
                case .call(let targets):
                    for call in targets { result.add(visit(call, operation, depth), times: p) }
                case .callOne(let targets):
                    if let costliest = costliest(targets.map { visit($0, operation, depth) }) { result.add(costliest, times: p) }
                case .publish(let call):
                    result.add(visit(call, operation, depth), times: p)
                }
            }
        }
        memo[key] = result
        return result
    }

    /// A consumer's visit for a message of `operation` (its own handler, if it names one).
    private mutating func consume(_ consumer: ConsumerPlan, _ operation: Int, _ depth: Int) -> Visit {
        visit(station: consumer.component, operation: consumer.operation >= 0 ? consumer.operation : operation, depth: depth + 1)
    }

    /// Where one of several gets the request (a queue's consumers, `callOne`): the costliest.
    private func costliest(_ visits: [Visit]) -> Visit? {
        visits.max { $0.events < $1.events }
    }

    private mutating func visit(_ target: NetworkPlan.Step.Target, _ operation: Int, _ depth: Int) -> Visit {
        visit(station: target.station, operation: target.operation >= 0 ? target.operation : operation, depth: depth + 1)
    }
}

// MARK: - Arrivals

extension ArrivalPlan {
    /// Requests one replication of `duration` sends.
    func requests(over duration: Double) -> Double {
        switch self {
        case .closed(let users, let thinkTime):
            // Each user sends at most one request per think time (a floor of 1 ms for none).
            return Double(users) * duration / max(thinkTime.mean ?? 0, 1e-3)
        case .trace(let times, let loop):
            guard let last = times.last, !times.isEmpty else { return 0 }
            if loop { return Double(times.count) * ceil(duration / max(last, 1e-9)) }
            return Double(times.filter { $0 <= duration }.count)
        case .periodic(let every, let offset):
            return offset > duration ? 0 : floor((duration - offset) / max(every, 1e-9)) + 1
        default:
            return meanRate(over: duration) * duration
        }
    }

    /// Mean requests per second over the run.
    func meanRate(over duration: Double) -> Double {
        switch self {
        case .poisson(let rate): return rate
        case .diurnal(let mean, _, _, _): return mean
        case .piecewise(let starts, let rates, let period):
            return duration > 0 ? Self.integral(starts, rates, period, duration) / duration : 0
        case .closed, .trace, .periodic:
            return duration > 0 ? requests(over: duration) / duration : 0
        }
    }

    /// The rate at its highest (open workloads; closed ones are bounded by their users).
    func peakRequestRate(over duration: Double) -> Double {
        switch self {
        case .poisson, .piecewise, .diurnal: peakRate
        case .closed, .trace, .periodic: meanRate(over: duration)
        }
    }

    /// ∫ rate dt over [0, duration] of a piecewise-constant rate (0 before its first step).
    static func integral(_ starts: [Double], _ rates: [Double], _ period: Double?, _ duration: Double) -> Double {
        func within(_ end: Double) -> Double {
            var total = 0.0
            for index in starts.indices where starts[index] < end {
                let stop = min(index + 1 < starts.count ? starts[index + 1] : .infinity, end)
                total += rates[index] * max(0, stop - starts[index])
            }
            return total
        }
        guard let period, period > 0, period < duration else { return within(duration) }
        let cycles = floor(duration / period)
        return cycles * within(period) + within(duration - cycles * period)
    }
}

// MARK: - Memory held

extension NetworkModel {
    /// Bytes the record pools hold (their arrays' capacity: they never shrink).
    var recordBytes: Double {
        Double(requests.records.capacity * MemoryLayout<RequestRecord>.stride
            + activations.records.capacity * MemoryLayout<ActivationRecord>.stride
            + messages.records.capacity * MemoryLayout<MessageRecord>.stride)
    }
}
