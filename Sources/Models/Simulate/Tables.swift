import SimKit
import Topology

/// The plan laid out flat, for the event handlers' hot paths.
///
/// Each replication builds its own copy: arrays of plain values, so reading them copies no
/// reference and touches no reference count. (Reading the shared `NetworkPlan`'s nested
/// arrays from several threads made the replications fight over the same counters: two
/// cores ran no faster than one.)
struct Tables {
    struct Step {
        enum Action: UInt8 {
            case work, call, publish
        }

        var action: Action
        var time: Variate
        var firstTarget: Int32
        var targetCount: Int32
        /// 0: always; 1: precomputed truth at `guardIndex` + the request's combination slot;
        /// 2: `dynamicConditions[guardIndex]`.
        var guardKind: UInt8
        var guardIndex: Int32
        /// Negative when the step has no `p:`.
        var probability: Double
    }

    struct Target {
        var station: Int32
        /// -1: the caller's current operation.
        var operation: Int32
    }

    let operationCount: Int
    // Stations
    var servers: [Int] = []
    var usesPriority: [Bool] = []
    var hasServiceTime: [Bool] = []
    var serviceTime: [Variate] = []
    /// `handlerFor[station * operationCount + operation]`, -1 for none.
    var handlerFor: [Int32] = []
    // Handlers: steps `handlerStart[h] ..< handlerStart[h + 1]`.
    var handlerStart: [Int32] = []
    var steps: [Step] = []
    var targets: [Target] = []
    var guardTruth: [Bool] = []
    var dynamicConditions: [Condition] = []
    // Workloads
    var entry: [Int32] = []
    var operation: [Int32] = []
    var timeout: [Double] = []
    /// Slot of a workload's first attribute combination in combination-indexed tables.
    var combinationBase: [Int32] = []
    var combinationCount: [Int32] = []
    var cumulative: [Double] = []
    var priorityClass: [Int32] = []
    var hasImage: [Bool] = []
    var image: [Variate] = []
    var hasBytes: [Bool] = []
    var bytes: [Variate] = []

    init(_ plan: NetworkPlan) {
        operationCount = plan.operations.count
        for station in plan.stations {
            servers.append(station.servers)
            usesPriority.append(station.usesPriority)
            hasServiceTime.append(station.serviceTime != nil)
            serviceTime.append(station.serviceTime ?? .constant(0))
            handlerFor += station.handlerForOperation.map { Int32($0) }
        }
        var base: Int32 = 0
        for workload in plan.workloads {
            entry.append(Int32(workload.entry))
            operation.append(Int32(workload.operation))
            timeout.append(workload.timeout)
            combinationBase.append(base)
            combinationCount.append(Int32(workload.combinations.count))
            base += Int32(workload.combinations.count)
            cumulative += workload.cumulative
            priorityClass += workload.combinations.map { Int32($0.priorityClass) }
            hasImage.append(workload.image != nil)
            image.append(workload.image ?? .constant(0))
            hasBytes.append(workload.bytes != nil)
            bytes.append(workload.bytes ?? .constant(0))
        }
        for handler in plan.handlers {
            handlerStart.append(Int32(steps.count))
            for step in handler.steps {
                var flat = Step(
                    action: .work, time: .constant(0), firstTarget: Int32(targets.count), targetCount: 0,
                    guardKind: 0, guardIndex: 0, probability: step.probability ?? -1)
                switch step.action {
                case .work(let time):
                    flat.time = time
                case .call(let calls):
                    flat.action = .call
                    for call in calls { targets.append(Target(station: Int32(call.station), operation: Int32(call.operation))) }
                    flat.targetCount = Int32(calls.count)
                case .publish(let target):
                    flat.action = .publish
                    targets.append(Target(station: Int32(target.station), operation: Int32(target.operation)))
                    flat.targetCount = 1
                }
                switch step.guardCondition {
                case .always:
                    break
                case .table(let truth):
                    flat.guardKind = 1
                    flat.guardIndex = Int32(guardTruth.count)
                    guardTruth += truth.flatMap { $0 }
                case .dynamic(let condition):
                    flat.guardKind = 2
                    flat.guardIndex = Int32(dynamicConditions.count)
                    dynamicConditions.append(condition)
                }
                steps.append(flat)
            }
        }
        handlerStart.append(Int32(steps.count))
    }
}
