import Kernels
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
            case work, kernel, call, callOne, publish
        }

        var action: Action
        /// Kernel: index into `kernelTimes` (and the model's live kernels), and bytes of
        /// buffers held per megapixel of the request's image.
        var kernelSlot: Int32 = -1
        var bytesPerMegapixel: Double = 0
        var memory: Double = 0
        var timeout: Double = .infinity
        /// Index into `retries`, or -1.
        var retry: Int32 = -1
        /// Index into `variates` for the bytes sent (-1: the request's payload) and returned (-1: 1KB).
        var responseBytes: Int32 = -1
        /// Publish: slot of the key hash / priority in the per-combination tables (-1: none),
        /// or a fixed priority.
        var keySlot: Int32 = -1
        var prioritySlot: Int32 = -1
        var fixedPriority: Int32 = 0
        var delay: Double = 0
        var onlyOnMiss = false
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
        /// Index into `variates` for the bytes this call sends; -1: the request's payload.
        var bytes: Int32 = -1
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
    /// Plain values only, so reading one copies no reference count.
    var steps: [Step] = []
    /// Work steps' time distributions, by step index (kept apart: `Variate` holds references).
    var stepTimes: [Int: Variate] = [:]
    var workTimes: [Variate] = []
    /// Calibrated kernels' service-time models by slot (empty in live mode).
    var kernelTimes: [KernelTimeModel] = []
    var targets: [Target] = []
    var guardTruth: [Bool] = []
    var dynamicConditions: [Condition] = []
    var retries: [NetworkPlan.RetryPlan] = []
    var variates: [Variate] = []
    /// Per (workload, combination) slot: hashes of key attributes and numeric priorities.
    var keyTable: [Int32] = []
    var priorityTable: [Int32] = []
    var workloadRetry: [Int32] = []
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

    /// Operations whose name says they write (S3 limits, DynamoDB capacity, database replicas).
    var isWrite: [Bool] = []

    init(_ plan: NetworkPlan) {
        operationCount = plan.operations.count
        isWrite = plan.operations.map(OperationClass.isWrite)
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
            if let retry = workload.retry {
                workloadRetry.append(Int32(retries.count))
                retries.append(retry)
            } else {
                workloadRetry.append(-1)
            }
        }
        func variateIndex(_ variate: Variate?) -> Int32 {
            guard let variate else { return -1 }
            variates.append(variate)
            return Int32(variates.count - 1)
        }
        /// One slot per (workload, combination): the attribute's value, mapped by `map`.
        func perCombination(_ attribute: String, into table: inout [Int32], _ map: (String) -> Int32) -> Int32 {
            let slot = Int32(table.count)
            for workload in plan.workloads {
                for combination in workload.combinations {
                    table.append(combination.values[attribute].map(map) ?? 0)
                }
            }
            return slot
        }
        for handler in plan.handlers {
            handlerStart.append(Int32(steps.count))
            for step in handler.steps {
                var flat = Step(
                    action: .work, firstTarget: Int32(targets.count), targetCount: 0,
                    guardKind: 0, guardIndex: 0, probability: step.probability ?? -1)
                flat.memory = step.memory
                flat.timeout = step.timeout ?? .infinity
                if let retry = step.retry {
                    flat.retry = Int32(retries.count)
                    retries.append(retry)
                }
                flat.responseBytes = variateIndex(step.responseBytes)
                flat.delay = step.delay
                flat.onlyOnMiss = step.onlyOnMiss
                if let priority = step.priority { flat.fixedPriority = Int32(priority) }
                if let attribute = step.priorityAttribute {
                    flat.prioritySlot = perCombination(attribute, into: &priorityTable) { Int32($0) ?? 0 }
                }
                if let attribute = step.keyAttribute {
                    flat.keySlot = perCombination(attribute, into: &keyTable) { Int32(truncatingIfNeeded: KeyHash.of($0)) }
                }
                switch step.action {
                case .work(let time):
                    stepTimes[steps.count] = time
                case .kernel(let slot, let bytesPerMegapixel):
                    flat.action = .kernel
                    flat.kernelSlot = Int32(slot)
                    flat.bytesPerMegapixel = bytesPerMegapixel
                case .call(let calls), .callOne(let calls):
                    if case .callOne = step.action { flat.action = .callOne } else { flat.action = .call }
                    for (index, call) in calls.enumerated() {
                        let bytes = index < step.callBytes.count ? step.callBytes[index] : step.bytes
                        targets.append(Target(station: Int32(call.station), operation: Int32(call.operation), bytes: variateIndex(bytes)))
                    }
                    flat.targetCount = Int32(calls.count)
                case .publish(let target):
                    flat.action = .publish
                    targets.append(Target(station: Int32(target.station), operation: Int32(target.operation), bytes: variateIndex(step.bytes)))
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
        workTimes = steps.indices.map { stepTimes[$0] ?? .constant(0) }
        kernelTimes = plan.kernels.compactMap(\.times)
    }
}

/// FNV-1a of an attribute value: partition keys and FIFO groups, the same on every platform
/// (Swift's `hashValue` is seeded per process).
enum KeyHash {
    static func of(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash & 0x7FFF_FFFF
    }
}
