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
    }

    struct AttributeCombination: Sendable {
        var values: [String: String]
        /// `priority` as a number when the priority attribute's value is numeric (else its rank).
        var priorityClass: Int
    }

    struct Handler: Sendable {
        var steps: [Step]
    }

    struct Step: Sendable {
        enum Action: Sendable {
            case work(Variate)
            case call([Target])
            case publish(Target)
        }

        struct Target: Sendable {
            var station: Int
            var operation: Int
        }

        var action: Action
        var guardCondition: Guard
        var probability: Double?
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
