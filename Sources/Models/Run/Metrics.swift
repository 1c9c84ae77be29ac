import Topology

/// Reads a target's metric out of a replication (for targets and the precision rule).
package enum Metrics {
    /// nil when the metric names something this run does not measure.
    package static func value(_ metric: TargetMetric, in result: ReplicationResult, plan: NetworkPlan) -> Double? {
        func workload(_ name: String) -> ReplicationResult.Workload? {
            plan.workloads.firstIndex { $0.name == name }.map { result.workloads[$0] }
        }
        func station(_ name: String) -> ReplicationResult.Station? {
            plan.stations.firstIndex { $0.name == name }.map { result.stations[$0] }
        }
        switch metric {
        case .latency(let statistic, let name):
            guard let w = workload(name) else { return nil }
            switch statistic {
            case .mean: return w.latencyMean
            case .p50: return w.latencyP50
            case .p90: return w.latencyP90
            case .p95: return w.latencyP95
            case .p99: return w.latencyP99
            case .p999: return w.latencyP999
            case .max: return w.latencyMax
            }
        case .completionLatency(let statistic, let name):
            guard let w = workload(name) else { return nil }
            switch statistic {
            case .mean: return w.completionMean
            case .p99: return w.completionP99
            default: return nil
            }
        case .errors(let name): return workload(name)?.errorRate
        case .throughput(let name): return workload(name)?.throughput
        case .utilization(let name): return station(name)?.utilization
        case .queueWait(let name): return station(name)?.waitMean
        case .queueLength(let name): return station(name)?.queueLengthMean
        case .consumerLag(let name):
            // The p99 of the age of messages when consumers take them.
            return station(name)?.messages?.lagP99
        case .monthlyCost, .componentMonthlyCost: return nil
        }
    }
}
