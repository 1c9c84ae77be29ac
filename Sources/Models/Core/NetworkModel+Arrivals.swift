import Foundation
import SimKit

/// Arrival times of open workloads. Poisson and piecewise-constant rates are sampled by
/// inverting the cumulative rate (one uniform per arrival, so common random numbers hold);
/// the diurnal sinusoid by thinning against its peak rate.
extension NetworkModel {
    mutating func nextArrival(workload index: Int, after time: Double) -> Double? {
        switch arrivalPlans[index] {
        case .poisson(let rate):
            guard rate > 0 else { return nil }
            return time - log(arrivalStreams[index].nextUniform()) / rate
        case .piecewise(let starts, let rates, let period):
            return Self.nextPiecewise(after: time, starts: starts, rates: rates, period: period, &arrivalStreams[index])
        case .diurnal(let mean, let peakFactor, let period, let peakAt):
            let peak = mean * peakFactor
            guard peak > 0 else { return nil }
            var t = time
            // Thinning: candidates at the peak rate, each kept with probability rate(t)/peak.
            for _ in 0..<1_000_000 {
                t -= log(arrivalStreams[index].nextUniform()) / peak
                let rate = max(0, mean * (1 + (peakFactor - 1) * cos(2 * Double.pi * (t - peakAt) / period)))
                if arrivalStreams[index].nextUniform() * peak <= rate { return t }
            }
            return nil
        case .trace(let times, let loop):
            guard !times.isEmpty else { return nil }
            let span = max(times.last! - times.first!, 1e-9)
            let cursor = traceCursor[index]
            traceCursor[index] += 1
            let lap = cursor / times.count
            if lap > 0, !loop { return nil }
            let next = times[cursor % times.count] + Double(lap) * (span + (times.count > 1 ? span / Double(times.count - 1) : 1))
            return max(next, time)
        case .periodic(let every, let offset):
            if time < offset { return offset }
            return offset + (floor((time - offset) / every) + 1) * every
        case .closed:
            return nil
        }
    }

    /// The time at which the cumulative rate since `time` reaches an exponential(1) draw.
    static func nextPiecewise(
        after time: Double, starts: [Double], rates: [Double], period: Double?, _ generator: inout Xoshiro256StarStar
    ) -> Double? {
        guard rates.contains(where: { $0 > 0 }) else { return nil }
        var remaining = -log(generator.nextUniform())
        var t = time
        // At most a few laps of the profile before giving up (only if every rate ahead is 0).
        for _ in 0..<(starts.count * 4 + 8) {
            let offset = period.map { Double(Int(t / $0)) * $0 } ?? 0
            let local = t - offset
            var segment = starts.lastIndex { $0 <= local } ?? 0
            var segmentEnd = segment + 1 < starts.count ? starts[segment + 1] : (period ?? .infinity)
            if local >= segmentEnd { segment = starts.count - 1; segmentEnd = period ?? .infinity }
            let rate = rates[segment]
            let length = segmentEnd - local
            if rate > 0, remaining <= rate * length {
                return t + remaining / rate
            }
            if !length.isFinite { return nil }
            remaining -= rate * length
            t = offset + segmentEnd
            if let period, t - offset >= period { t = offset + period }
        }
        return nil
    }
}
