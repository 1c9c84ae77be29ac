import SimKit

/// How a workload's requests arrive, compiled from the topology's `arrival`.
enum ArrivalPlan: Sendable {
    case poisson(rate: Double)
    /// Piecewise-constant rate: `rates[i]` from `starts[i]`; repeats every `period` when set.
    case piecewise(starts: [Double], rates: [Double], period: Double?)
    /// Sinusoidal rate with mean `mean`, peak `mean × peakFactor` at `peakAt` within `period`.
    case diurnal(mean: Double, peakFactor: Double, period: Double, peakAt: Double)
    case closed(users: Int, thinkTime: Variate)
    case trace(times: [Double], loop: Bool)
    /// A job's schedule: one request at `offset`, then every `every`.
    case periodic(every: Double, offset: Double)

    /// The largest rate the process reaches, for thinning.
    var peakRate: Double {
        switch self {
        case .poisson(let rate): rate
        case .piecewise(_, let rates, _): rates.max() ?? 0
        case .diurnal(let mean, let peakFactor, _, _): mean * peakFactor
        case .closed, .trace, .periodic: 0
        }
    }
}
