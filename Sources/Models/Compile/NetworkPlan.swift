import SimKit
import Topology

/// A topology compiled for simulation: immutable, shared by every replication.
///
/// Names become indices; distributions become `Variate`s; handlers become flat step lists;
/// which handler serves which operation at which station is decided here, once.
package struct NetworkPlan: Sendable {
    package struct Station: Sendable {
        package var name: String
        package var servers: Int
        package var capacity: Int?
        package var usesPriority: Bool
        /// Work done on every request before its handler's steps (generic `service`).
        package var serviceTime: Variate?
        /// `handlerForOperation[op]`: index into `handlers`, or -1 (the request does only `serviceTime`).
        var handlerForOperation: [Int]
        package var kind: String = "service"
        package var behaviour: Behaviour = .station
        /// Zones it runs in (indices into `zones`); empty for regional services.
        package var zones: [Int] = []
        /// Its subnet reaches regional services through a NAT gateway.
        var egressThroughNAT = false
        /// A regional service whose traffic from private subnets skips the NAT (a VPC endpoint).
        var hasEndpoint = false
        var isRegional = false
    }

    package struct Workload: Sendable {
        package var name: String
        var entry: Int
        var operation: Int
        var arrival: ArrivalPlan
        var timeout: Double
        /// Request attribute combinations and their cumulative probabilities.
        var combinations: [AttributeCombination]
        var cumulative: [Double]
        var image: Variate?
        var bytes: Variate?
        /// Attribute holding the priority class, for stations with `discipline: priority`.
        var priorityAttribute: Int?
        var retry: RetryPlan?
        /// A `schedule` of a batch or Glue job rather than one of the topology's workloads.
        package var isSchedule = false
    }

    struct AttributeCombination: Sendable {
        var values: [String: String]
        /// The lane of a `discipline: priority` station it waits in (0 first): the topology's
        /// highest `priority` number gets lane 0 (`NetworkCompilerWorkloads.priorityLanes`).
        var priorityClass: Int
    }

    struct Handler: Sendable {
        var steps: [Step]
    }

    struct Step: Sendable {
        enum Action: Sendable {
            case work(Variate)
            /// An image kernel: `kernels[slot]` gives its time for the request's image; it holds
            /// `bytesPerMegapixel` × the image's megapixels of memory while it runs.
            case kernel(slot: Int, bytesPerMegapixel: Double)
            case call([Target])
            /// Like `call` with several targets, but one of them (uniformly) gets the request.
            case callOne([Target])
            case publish(Target)
        }

        struct Target: Sendable {
            var station: Int
            var operation: Int
        }

        var action: Action
        var guardCondition: Guard
        var probability: Double?
        /// Calls: the caller stops waiting after this long (a timeout error).
        var timeout: Double?
        var retry: RetryPlan?
        /// Bytes sent (nil: the request's payload) and returned.
        var bytes: Variate?
        var responseBytes: Variate?
        /// Fanout: bytes of each call (nil: the request's payload).
        var callBytes: [Variate?] = []
        /// Work: memory held while it runs.
        var memory: Double = 0
        /// Publish: partition/group key attribute, priority (number or attribute), delivery delay.
        var keyAttribute: String?
        var priority: Int?
        var priorityAttribute: String?
        var delay: Double = 0
        /// Pass-through handlers: this call runs only on a cache miss.
        var onlyOnMiss = false
    }

    /// Exponential backoff with jitter (AWS Architecture Blog, "Exponential Backoff and Jitter").
    struct RetryPlan: Sendable {
        enum Jitter: Sendable { case full, equal, none }
        var maximum: Int
        var backoff: Double
        var maximumBackoff: Double
        var jitter: Jitter
    }

    enum Guard: Sendable {
        case always
        /// Precomputed truth by [workload][combination] (conditions on mix attributes only).
        case table([[Bool]])
        /// Evaluated per request (conditions on payload sizes, operation or workload).
        case dynamic(Condition)
    }

    package var stations: [Station]
    package var workloads: [Workload]
    var handlers: [Handler]
    package var operations: [String]
    package var duration: Double
    package var warmup: WarmupPolicy
    package var replications: Int
    package var seed: UInt64
    package var timeSeriesBucket: Double
    package var precision: PrecisionRule?
    /// Things the topology says that this engine does not simulate yet, for `run` to warn about.
    package var notSimulated: [Diagnostic]
    package var zones: [String] = []
    /// The kernels `kernel` steps run, by slot, and where their times come from (nil: the
    /// topology has no kernel step).
    package var kernels: [KernelStepPlan] = []
    package var kernelTiming: KernelTiming?
    /// NAT gateways: their zone and bandwidth (bytes/s). Per-zone placement has one per zone.
    package var nats: [NAT] = []
    /// `natForZone[zone]`: index into `nats`, or -1 when the zone has none.
    var natForZone: [Int] = []
    /// Lanes of `discipline: priority` stations: one per distinct priority in the workloads.
    var priorityLanes = 1

    package struct NAT: Sendable {
        package var name: String
        package var zone: Int
        package var bytesPerSecond: Double
    }
}

package enum WarmupPolicy: Sendable, Equatable {
    /// MSER-5 on the number of requests in the system.
    case auto
    case fixed(Double)
}

/// Keep adding replications until the metric's CI half-width is below `relative` × mean.
package struct PrecisionRule: Sendable {
    package var metric: TargetMetric
    package var relative: Double
    package var maximumReplications: Int
}
