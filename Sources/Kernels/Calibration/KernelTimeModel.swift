/// Service times of one calibrated pipeline, as the simulator samples them.
///
/// The straight line `a + b·MP` of the profile misses where a pipeline's work changes shape
/// (a resize to 10MP does nothing to a 4MP image, so the time jumps once the image passes
/// 10MP: residuals of −43%…+34% against the line). So the centre is the measured median at
/// each grid size, joined by straight segments, and the spread is the run-to-run scatter
/// around those medians: `time(MP, u) = median(MP) × (1 + r(u))`, with `r` the relative
/// residuals' quantile function (sampling by inversion). Below the smallest grid size the
/// centre falls linearly towards the fitted fixed cost `a` at 0MP; above the largest it
/// grows with the fitted slope `b`.
public struct KernelTimeModel: Sendable, Equatable {
    /// Grid sizes in MP, ascending, and the median seconds measured at each.
    public let megapixels: [Double]
    public let medians: [Double]
    /// Sorted `measured / median − 1` over every timed run.
    public let residuals: [Double]
    let intercept: Double
    let slope: Double

    public init(_ calibration: PipelineCalibration) {
        let points = calibration.grid.filter { !$0.seconds.isEmpty }.sorted { $0.megapixels < $1.megapixels }
        var megapixels: [Double] = []
        var medians: [Double] = []
        var residuals: [Double] = []
        for point in points {
            let sorted = point.seconds.sorted()
            let median = sorted.count % 2 == 1
                ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            guard median > 0 else { continue }
            megapixels.append(point.megapixels)
            medians.append(median)
            residuals += sorted.map { $0 / median - 1 }
        }
        self.megapixels = megapixels
        self.medians = medians
        self.residuals = residuals.sorted()
        self.intercept = max(0, calibration.a)
        self.slope = max(0, calibration.b)
    }

    /// The median time for an image of `size` megapixels (no spread).
    public func median(megapixels size: Double) -> Double {
        let size = max(0, size)
        guard let first = megapixels.first, let last = megapixels.last else {
            return intercept + slope * size
        }
        if size <= first {
            let start = min(intercept, medians[0])
            return start + (medians[0] - start) * (size / first)
        }
        if size >= last { return medians[medians.count - 1] + slope * (size - last) }
        // Binary search for the segment [k−1, k] holding `size`.
        var low = 0
        var high = megapixels.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if megapixels[middle] <= size { low = middle } else { high = middle }
        }
        let fraction = (size - megapixels[low]) / (megapixels[high] - megapixels[low])
        return medians[low] + (medians[high] - medians[low]) * fraction
    }

    /// Seconds for an image of `size` megapixels at quantile `u` ∈ [0, 1] of the measured
    /// spread; increasing in `u`, never negative.
    public func sample(megapixels size: Double, uniform u: Double) -> Double {
        median(megapixels: size) * max(0, 1 + PipelineCalibration.quantile(residuals, u))
    }

    /// The mean of `sample` over `u` at this size: the median times the residuals' mean
    /// (the piecewise-linear quantile function's mean is the trapezoid rule over its knots).
    public func mean(megapixels size: Double) -> Double {
        guard residuals.count > 1 else { return median(megapixels: size) * (1 + (residuals.first ?? 0)) }
        var area = 0.0
        for index in 1..<residuals.count { area += (residuals[index - 1] + residuals[index]) / 2 }
        return median(megapixels: size) * (1 + area / Double(residuals.count - 1))
    }
}
