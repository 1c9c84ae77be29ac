import Foundation

/// Distributions whose mean or variance is infinite, or as good as infinite for a run of this
/// length: their averages are decided by draws too rare to be seen, so the estimates and
/// confidence intervals archsim reports would not converge however long it ran.
enum DistributionChecks {
    /// Above this coefficient of variation (lognormal sigma > 3.04) a mean is out of reach of
    /// sampling: the draws that make it up have probabilities near 10^-5 and below.
    static let maximumCV = 100.0

    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        let duration = topology.simulation["duration"]?.double ?? 3600
        for found in DistributionWalk.all(in: topology) where !found.value.isDefault {
            check(found, duration: duration, &diagnostics)
        }
    }

    /// `5366.74` → `5370`: enough digits to see the size, not a false precision.
    private static func threeDigits(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let scale = pow(10, floor(log10(value)) - 2)
        return (value / scale).rounded() * scale
    }

    private static func check(_ found: DistributionWalk.Found, duration: Double, _ diagnostics: inout Diagnostics) {
        var written: String { "`\(found.distribution.yamlText(in: found.dimension))`" }  // only when reporting: it is costly
        let location = found.value.location
        switch found.distribution {
        case .pareto(_, let shape) where shape <= 1:
            diagnostics.error(
                "\(written) has an infinite mean (a Pareto distribution's mean is finite only for shape > 1): every average would be set by the largest draw and never converge; use shape > 2 (finite variance), or at least > 1",
                at: location)
        case .pareto(_, let shape) where shape <= 2:
            diagnostics.warning(
                "\(written) has an infinite variance (a Pareto distribution's variance is finite only for shape > 2): its mean converges so slowly that confidence intervals won't shrink with more replications; use shape > 2",
                at: location)
        case .lognormal(let mu, let sigma):
            let mean = exp(mu + sigma * sigma / 2)
            if found.dimension == .duration, !(mean <= duration) {
                let shown = mean.isFinite ? "`\(UnitParser.format(Self.threeDigits(mean), .duration))`" : "infinite"
                diagnostics.error(
                    "\(written) has a mean (median·exp(sigma²/2)) of \(shown), longer than the whole run (`\(UnitParser.format(duration, .duration))`): the mean lies in draws too rare to occur, so no estimate would converge; lower sigma, or give the median and p99 you measured",
                    at: location)
                return
            }
            let cv = sqrt(expm1(sigma * sigma))
            if !(cv <= maximumCV) {
                let shown = cv.isFinite ? NumberText.format((cv * 10).rounded() / 10) : "infinite"
                diagnostics.warning(
                    "\(written) has a coefficient of variation of \(shown) (sqrt(exp(sigma²) − 1)): its mean and variance are set by draws too rare to sample, so confidence intervals won't converge; keep sigma ≤ 3 (CV ≤ \(NumberText.format(maximumCV)))",
                    at: location)
            }
        default:
            break
        }
    }
}
