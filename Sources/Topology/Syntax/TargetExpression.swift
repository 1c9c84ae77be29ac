// MARK: - Target expression

/// A capacity target, e.g. `p99(upload) < 800ms`, `errors(upload) < 0.1%`,
/// `cost.monthly < 4000 USD`, `utilization(worker) < 75%`.
package struct TargetExpression: Sendable, Hashable {
    package var metric: TargetMetric
    /// Only `<`, `<=`, `>`, `>=`: a measured statistic never equals a threshold exactly.
    package var op: ComparisonOperator
    package var threshold: Quantity

    package init(metric: TargetMetric, op: ComparisonOperator, threshold: Quantity) {
        self.metric = metric
        self.op = op
        self.threshold = threshold
    }

    /// The target written back in the topology language, e.g. `p99(upload) < 800ms`.
    package var text: String {
        "\(metric.text) \(op.rawValue) \(UnitParser.format(threshold.value, threshold.dimension))"
    }
}

// MARK: - Metric

package enum TargetMetric: Sendable, Hashable {
    /// `p99(upload)`, `mean(upload)`; `p99.9(upload)` is `p999`.
    case latency(statistic: LatencyStatistic, workload: String)
    /// `errors(upload)`: the fraction of requests that failed, a percentage.
    case errors(workload: String)
    /// `throughput(upload)`: a rate.
    case throughput(workload: String)
    /// `completion.p99(upload)`: latency until asynchronous work finishes.
    case completionLatency(statistic: LatencyStatistic, workload: String)
    /// `utilization(worker)`: a percentage.
    case utilization(component: String)
    /// `wait(worker)`: the mean time waiting in the queue, a duration.
    case queueWait(component: String)
    /// `queue(worker)`: the mean number waiting, a plain number.
    case queueLength(component: String)
    /// `lag(events)`: how far consumers are behind, a duration.
    case consumerLag(component: String)
    /// `cost.monthly`: money.
    case monthlyCost
    /// `cost.monthly(db)`: money.
    case componentMonthlyCost(component: String)

    /// The dimension the threshold must have.
    package var dimension: Dimension {
        switch self {
        case .latency, .completionLatency, .queueWait, .consumerLag: .duration
        case .errors, .utilization: .percentage
        case .throughput: .rate
        case .queueLength: .count
        case .monthlyCost, .componentMonthlyCost: .money
        }
    }

    /// The workload or component the metric names, and which of the two it is, for reference checking.
    package var subject: (name: String, isWorkload: Bool)? {
        switch self {
        case .latency(_, let workload), .errors(let workload), .throughput(let workload),
             .completionLatency(_, let workload):
            (workload, true)
        case .utilization(let component), .queueWait(let component), .queueLength(let component),
             .consumerLag(let component), .componentMonthlyCost(let component):
            (component, false)
        case .monthlyCost:
            nil
        }
    }

    /// The metric's name without its subject: `p99`, `completion.p99`, `cost.monthly`.
    package var name: String {
        switch self {
        case .latency(let statistic, _): statistic.rawValue
        case .errors: "errors"
        case .throughput: "throughput"
        case .completionLatency(let statistic, _): "completion.\(statistic.rawValue)"
        case .utilization: "utilization"
        case .queueWait: "wait"
        case .queueLength: "queue"
        case .consumerLag: "lag"
        case .monthlyCost, .componentMonthlyCost: "cost.monthly"
        }
    }

    /// The metric as written: `p99(upload)`, `cost.monthly`.
    package var text: String {
        subject.map { "\(name)(\(TargetParser.written($0.name)))" } ?? name
    }
}

// MARK: - Latency statistic

package enum LatencyStatistic: String, Sendable, Hashable, CaseIterable {
    case mean, p50, p90, p95, p99, p999, max

    /// 0.5 … 0.999; nil for the mean, 1.0 for the maximum.
    package var quantile: Double? {
        switch self {
        case .mean: nil
        case .p50: 0.5
        case .p90: 0.9
        case .p95: 0.95
        case .p99: 0.99
        case .p999: 0.999
        case .max: 1.0
        }
    }
}
