import Foundation
import SimKit
import Topology

/// Compiles a checked `Topology` into a `NetworkPlan`: every component becomes one of the
/// behaviours of `Behaviour`, every handler a flat list of steps.
package enum NetworkCompiler {
    package struct Unsupported: Error, Sendable {
        package var diagnostics: [Diagnostic]
    }

    /// `kernels` says where kernel steps take their times from; a topology with kernel
    /// steps and no `kernels` is an error naming the first such step.
    package static func compile(_ topology: Topology, kernels: KernelTiming? = nil) throws(Unsupported) -> NetworkPlan {
        var compiler = Compiler(topology: topology, kernelTiming: kernels)
        return try compiler.compile()
    }
}

struct Compiler {
    let topology: Topology
    var problems: [Diagnostic] = []
    var notSimulated: [Diagnostic] = []
    var operations: [String] = []
    var handlers: [NetworkPlan.Handler] = []
    let kernelTiming: KernelTiming?
    /// The topology's `kernels:` section, compiled on first use (nil: it had errors).
    var kernelDefinitions: KernelPlan??
    var kernels: [KernelStepPlan] = []
    var kernelSlots: [String: Int] = [:]

    init(topology: Topology, kernelTiming: KernelTiming?) {
        self.topology = topology
        self.kernelTiming = kernelTiming
    }

    mutating func compile() throws(NetworkCompiler.Unsupported) -> NetworkPlan {
        // Operations: every workload's, every explicit `op:`, every consumer's handler.
        for workload in topology.workloads { intern(workload.op) }
        for component in topology.components {
            for handler in component.handlers {
                intern(handler.name)
                for step in handler.steps {
                    switch step.action {
                    case .call(let call): if let op = call.op { intern(op) }
                    case .fanout(let calls): for call in calls { if let op = call.op { intern(op) } }
                    case .publish(_, let op): if let op { intern(op) }
                    case .work: break
                    }
                }
            }
            for consumer in component["consumers"]?.elements ?? [] {
                if let handler = consumer["handler"]?.text { intern(handler) }
            }
        }
        let stationIndex = Dictionary(uniqueKeysWithValues: topology.components.enumerated().map { ($1.name, $0) })
        var workloads = compileWorkloads(stationIndex)
        workloads += compileSchedules(stationIndex)
        let priorityLanes = NetworkCompilerWorkloads.priorityLanes(&workloads)
        var stations: [NetworkPlan.Station] = []
        for component in topology.components {
            stations.append(compileStation(component, stationIndex, workloads))
        }
        placeComponents(&stations)
        let (nats, natForZone) = compileNATs()
        checkUnsimulatedSections()
        if !problems.isEmpty { throw .init(diagnostics: problems) }

        let simulation = topology.simulation
        let warmup: WarmupPolicy = simulation["warmup"]?.text == "auto" ? .auto : .fixed(simulation["warmup"]?.double ?? 0)
        var precision: PrecisionRule?
        if let rule = simulation["precision"], case .target(let expression)? = rule["target"]?.content {
            precision = PrecisionRule(
                metric: expression.metric, relative: rule["relative"]?.double ?? 0.05,
                maximumReplications: rule["max_replications"]?.int ?? 100)
        }
        return NetworkPlan(
            stations: stations, workloads: workloads, handlers: handlers, operations: operations,
            duration: simulation["duration"]?.double ?? 3600, warmup: warmup,
            replications: simulation["replications"]?.int ?? 8,
            seed: UInt64(simulation["seed"]?.int ?? 1),
            timeSeriesBucket: simulation["time_series"]?.double ?? 60, precision: precision,
            notSimulated: notSimulated, zones: topology.zones, kernels: kernels,
            kernelTiming: kernels.isEmpty ? nil : kernelTiming, nats: nats, natForZone: natForZone,
            priorityLanes: priorityLanes)
    }

    @discardableResult
    mutating func intern(_ operation: String) -> Int {
        if let index = operations.firstIndex(of: operation) { return index }
        operations.append(operation)
        return operations.count - 1
    }

    // MARK: - Stations

    mutating func compileStation(
        _ component: Component, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> NetworkPlan.Station {
        var handlerIndex: [String: Int] = [:]
        for handler in component.handlers {
            handlerIndex[handler.name] = handlers.count
            handlers.append(NetworkPlan.Handler(steps: []))
        }
        for handler in component.handlers {
            let steps = handler.steps.compactMap { compileStep($0, stationIndex, workloads) }
            handlers[handlerIndex[handler.name]!] = NetworkPlan.Handler(steps: steps)
        }
        let only = component.handlers.count == 1 ? handlerIndex[component.handlers[0].name] : nil
        var resolution = operations.map { handlerIndex[$0] ?? only ?? -1 }
        let behaviour = compileBehaviour(component, stationIndex, workloads)
        if case .proxy(let proxy) = behaviour {
            // The compiler wrote one handler for it, serving every operation.
            let synthesized = handlers.count
            handlers.append(NetworkPlan.Handler(steps: proxySteps(component, proxy.role, stationIndex, workloads)))
            resolution = operations.map { _ in synthesized }
        }
        var servers = component["servers"]?.int ?? 1
        switch behaviour {
        case .compute(let plan): servers = max(1, plan.units * plan.concurrency)
        case .function(let plan): servers = plan.concurrency
        case .database(let plan): servers = plan.vcpu
        default: break
        }
        return NetworkPlan.Station(
            name: component.name, servers: servers, capacity: component["capacity"]?.int,
            usesPriority: component["discipline"]?.text == "priority",
            serviceTime: component["service_time"].flatMap { variate($0, .duration) },
            handlerForOperation: resolution, kind: component.kind.name, behaviour: behaviour)
    }

    mutating func compileStep(
        _ step: Step, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> NetworkPlan.Step? {
        let action: NetworkPlan.Step.Action
        var memory = 0.0
        switch step.action {
        case .work(let value):
            if value.object != nil {
                memory = value["memory"]?.double ?? 0
                if let kernel = value["kernel"], let name = kernel.text {
                    guard let slot = kernelSlot(name, at: kernel.location) else { return nil }
                    action = .kernel(slot: slot, bytesPerMegapixel: Compiler.kernelBytesPerMegapixel)
                } else {
                    guard let cpu = value["cpu"].flatMap({ variate($0, .duration) }) else { return nil }
                    action = .work(cpu)
                }
            } else {
                guard let time = variate(value, .duration) else { return nil }
                action = .work(time)
            }
        case .call(let call):
            guard let station = stationIndex[call.target] else { return nil }
            action = .call([.init(station: station, operation: call.op.map { intern($0) } ?? -1)])
        case .fanout(let calls):
            var targets: [NetworkPlan.Step.Target] = []
            for call in calls {
                guard let station = stationIndex[call.target] else { continue }
                targets.append(.init(station: station, operation: call.op.map { intern($0) } ?? -1))
            }
            action = .call(targets)
        case .publish(let target, let op):
            guard let station = stationIndex[target] else { return nil }
            action = .publish(.init(station: station, operation: op.map { intern($0) } ?? -1))
        }
        var compiled = NetworkPlan.Step(
            action: action, guardCondition: compileGuard(step.value["when"]?.condition, workloads),
            probability: step.value["p"]?.double)
        compiled.memory = memory
        compiled.timeout = step.value["timeout"]?.double
        compiled.retry = step.value["retries"].flatMap(retryPlan)
        compiled.bytes = step.value["bytes"].flatMap { variate($0, .size) }
        compiled.responseBytes = step.value["response_bytes"].flatMap { variate($0, .size) }
        compiled.keyAttribute = step.value["key"]?.text
        if let priority = step.value["priority"] {
            if let number = priority.int { compiled.priority = number } else { compiled.priorityAttribute = priority.text }
        }
        compiled.delay = step.value["delay"]?.double ?? 0
        if case .fanout(let calls) = step.action {
            // A fanout's calls share the step: the first call's timeout and retries apply to all.
            if !calls.isEmpty {
                let value = step.value["fanout"]?.elements.first
                compiled.timeout = value?["timeout"]?.double
                compiled.retry = value?["retries"].flatMap(retryPlan)
                compiled.responseBytes = value?["response_bytes"].flatMap { variate($0, .size) }
            }
            compiled.callBytes = step.value["fanout"]?.elements.map { element in
                element["bytes"].flatMap { variate($0, .size) }
            } ?? []
        }
        return compiled
    }

    /// `retries: 3` or the full policy; nil for no retries.
    func retryPlan(_ value: Value) -> NetworkPlan.RetryPlan? {
        if let count = value.int {
            return count > 0 ? NetworkPlan.RetryPlan(maximum: count, backoff: 0.1, maximumBackoff: 20, jitter: .full) : nil
        }
        let maximum = value["max"]?.int ?? 2
        guard maximum > 0 else { return nil }
        let jitter: NetworkPlan.RetryPlan.Jitter = switch value["jitter"]?.text {
        case "equal": .equal
        case "none": .none
        default: .full
        }
        return NetworkPlan.RetryPlan(
            maximum: maximum, backoff: value["backoff"]?.double ?? 0.1, maximumBackoff: value["max_backoff"]?.double ?? 20,
            jitter: jitter)
    }

    mutating func variate(_ value: Value, _ dimension: UnitDimension) -> Variate? {
        guard let distribution = value.distribution else { return nil }
        do {
            return try VariateConversion.variate(distribution, dimension: dimension, files: topology.files)
        } catch let failure as VariateConversion.Failure {
            problems.append(.error(failure.message, at: value.location))
            return nil
        } catch {
            problems.append(.error("\(error)", at: value.location))
            return nil
        }
    }

    // MARK: - Workloads

    mutating func compileWorkloads(_ stationIndex: [String: Int]) -> [NetworkPlan.Workload] {
        var result: [NetworkPlan.Workload] = []
        for workload in topology.workloads {
            guard let entry = stationIndex[workload.entry], let arrivalValue = workload.value["arrival"] else { continue }
            let arrival: ArrivalPlan
            do {
                var this = self
                arrival = try NetworkCompilerWorkloads.arrival(arrivalValue, files: topology.files) { this.variate($0, $1) }
                problems = this.problems
            } catch let failure as CompileFailure {
                problems.append(.error(failure.message, at: failure.location))
                continue
            } catch {
                continue
            }
            let (combinations, cumulative) = NetworkCompilerWorkloads.combinations(workload.mix)
            let payload = workload.value["payload"]
            result.append(NetworkPlan.Workload(
                name: workload.name, entry: entry, operation: intern(workload.op), arrival: arrival,
                timeout: workload.value["timeout"]?.double ?? 30,
                combinations: combinations, cumulative: cumulative,
                image: payload?["image"].flatMap { variate($0, .megapixels) },
                bytes: payload?["bytes"].flatMap { variate($0, .size) },
                priorityAttribute: workload.mix.contains { $0.attribute == "priority" } ? 0 : nil,
                retry: workload.value["retries"].flatMap(retryPlan)))
        }
        return result
    }

    /// Batch and Glue jobs: one request to their `run` handler per period of their schedule.
    mutating func compileSchedules(_ stationIndex: [String: Int]) -> [NetworkPlan.Workload] {
        var result: [NetworkPlan.Workload] = []
        for component in topology.components where component.kind.family == .job {
            guard let schedule = component["schedule"], let entry = stationIndex[component.name] else { continue }
            let (combinations, cumulative) = NetworkCompilerWorkloads.combinations([])
            var workload = NetworkPlan.Workload(
                name: "schedule:" + component.name, entry: entry, operation: intern("run"),
                arrival: .periodic(every: schedule["every"]?.double ?? 3600, offset: schedule["offset"]?.double ?? 0),
                timeout: .infinity, combinations: combinations, cumulative: cumulative, image: nil, bytes: nil,
                priorityAttribute: nil, retry: nil)
            workload.isSchedule = true
            result.append(workload)
        }
        return result
    }

    /// Sections whose behaviour comes with later milestones: parsed, kept, and named in a warning.
    mutating func checkUnsimulatedSections() {
        if let faults = topology.root["faults"], !faults.elements.isEmpty {
            notSimulated.append(.warning("faults are not simulated yet (the faults milestone); the run has none", at: faults.location))
        }
        for component in topology.components {
            if let scaling = component["scaling"], scaling["policy"] != nil {
                let fixed = scaling["min"]?.int ?? 1
                notSimulated.append(.warning(
                    "autoscaling of `\(component.name)` is not simulated yet (the autoscaling milestone); it runs a fixed \(fixed) (`scaling.min`)",
                    at: scaling.location))
            }
        }
    }

    // MARK: - Conditions

    /// Conditions on mix attributes only are decided per attribute combination now; others
    /// are evaluated per request.
    func compileGuard(_ condition: Condition?, _ workloads: [NetworkPlan.Workload]) -> NetworkPlan.Guard {
        guard let condition else { return .always }
        let mixAttributes = Set(topology.workloads.flatMap { $0.mix.map(\.attribute) })
        guard condition.attributes.allSatisfy(mixAttributes.contains) else { return .dynamic(condition) }
        return .table(workloads.map { workload in
            workload.combinations.map { combination in
                var attributes = ConditionAttributes()
                for (name, value) in combination.values { attributes[name] = .text(value) }
                return condition.evaluate(attributes)
            }
        })
    }
}

extension NetworkPlan.Step.Target {
    /// Operation encoding: `operation >= 0` is explicit; -1 means "the caller's current one".
    var inheritsOperation: Bool { operation < 0 }
}
