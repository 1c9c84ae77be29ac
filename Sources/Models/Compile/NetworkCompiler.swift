import Foundation
import SimKit
import Topology

/// Compiles a checked `Topology` of generic `service` stations into a `NetworkPlan`.
///
/// Cloud kinds (ECS, SQS, S3…) are simulated by the architecture models (a later milestone);
/// until then `run` refuses them by name rather than pretending.
package enum NetworkCompiler {
    package struct Unsupported: Error, Sendable {
        package var diagnostics: [Diagnostic]
    }

    package static func compile(_ topology: Topology) throws(Unsupported) -> NetworkPlan {
        var compiler = Compiler(topology: topology)
        return try compiler.compile()
    }
}

private struct Compiler {
    let topology: Topology
    var problems: [Diagnostic] = []
    var notSimulated: [Diagnostic] = []
    var operations: [String] = []
    var handlers: [NetworkPlan.Handler] = []
    let directory: String

    init(topology: Topology) {
        self.topology = topology
        self.directory = (topology.file as NSString).deletingLastPathComponent.isEmpty
            ? "." : (topology.file as NSString).deletingLastPathComponent
    }

    mutating func compile() throws(NetworkCompiler.Unsupported) -> NetworkPlan {
        for component in topology.components where component.kind.name != "service" {
            problems.append(.error(
                "`archsim run` simulates networks of `service` stations for now; `\(component.name)` is a \(component.kind.name), whose model comes with the architecture-models milestone",
                at: component.location))
        }
        if !problems.isEmpty { throw .init(diagnostics: problems) }

        // Operations: every workload's and every explicit `op:`.
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
        }
        let stationIndex = Dictionary(uniqueKeysWithValues: topology.components.enumerated().map { ($1.name, $0) })
        let workloads = compileWorkloads(stationIndex)
        var stations: [NetworkPlan.Station] = []
        for component in topology.components {
            stations.append(compileStation(component, stationIndex, workloads))
        }
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
            notSimulated: notSimulated)
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
        let resolution = operations.map { handlerIndex[$0] ?? only ?? -1 }
        return NetworkPlan.Station(
            name: component.name, servers: component["servers"]?.int ?? 1, capacity: component["capacity"]?.int,
            usesPriority: component["discipline"]?.text == "priority",
            serviceTime: component["service_time"].flatMap { variate($0, .duration) },
            handlerForOperation: resolution)
    }

    mutating func compileStep(
        _ step: Step, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> NetworkPlan.Step? {
        let action: NetworkPlan.Step.Action
        switch step.action {
        case .work(let value):
            if value.object != nil {
                if value["kernel"] != nil {
                    problems.append(.error("image kernels run with the kernels milestone; this network's `work` needs a CPU time distribution", at: value.location))
                    return nil
                }
                guard let cpu = value["cpu"].flatMap({ variate($0, .duration) }) else { return nil }
                action = .work(cpu)
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
        for field in ["timeout", "retries", "bytes", "response_bytes", "key", "priority", "delay"] {
            if let value = step.value[field], !value.isDefault {
                notSimulated.append(.warning("`\(field)` of a step is not simulated yet for service networks; it is ignored", at: value.location))
            }
        }
        return NetworkPlan.Step(
            action: action, guardCondition: compileGuard(step.value["when"]?.condition, workloads),
            probability: step.value["p"]?.double)
    }

    mutating func variate(_ value: Value, _ dimension: UnitDimension) -> Variate? {
        guard let distribution = value.distribution else { return nil }
        do {
            return try VariateConversion.variate(distribution, dimension: dimension, directory: directory)
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
                arrival = try NetworkCompilerWorkloads.arrival(arrivalValue, directory: directory) { this.variate($0, $1) }
                problems = this.problems
            } catch let failure as CompileFailure {
                problems.append(.error(failure.message, at: failure.location))
                continue
            } catch {
                continue
            }
            let (combinations, cumulative) = NetworkCompilerWorkloads.combinations(workload.mix)
            let payload = workload.value["payload"]
            if let retries = workload.value["retries"], !retries.isDefault {
                notSimulated.append(.warning("client retries are not simulated yet; requests are tried once", at: retries.location))
            }
            result.append(NetworkPlan.Workload(
                name: workload.name, entry: entry, operation: intern(workload.op), arrival: arrival,
                timeout: workload.value["timeout"]?.double ?? 30,
                combinations: combinations, cumulative: cumulative,
                image: payload?["image"].flatMap { variate($0, .megapixels) },
                bytes: payload?["bytes"].flatMap { variate($0, .size) },
                priorityAttribute: workload.mix.contains { $0.attribute == "priority" } ? 0 : nil))
        }
        return result
    }

    /// Sections whose behaviour comes with later milestones: parsed, kept, and named in a warning.
    mutating func checkUnsimulatedSections() {
        if let faults = topology.root["faults"], !faults.elements.isEmpty {
            notSimulated.append(.warning("faults are not simulated yet; the run has none", at: faults.location))
        }
        if let network = topology.network {
            notSimulated.append(.warning("the network (zones, NAT, bytes) is not simulated for service networks", at: network.location))
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
