import Foundation

/// The weights of a 1-D separable filter, computed once per output row or column.
///
/// Every output has the same number of taps (`taps`), zero-padded where the true window is
/// shorter, so the inner loops have a fixed trip count. `starts[i]` is the first source index
/// output `i` reads; the windows never leave the source (`start + taps <= sourceSize`) and
/// their starts never decrease, which lets the vertical pass keep a ring of source rows.
struct WeightTable: Sendable {
    let sourceSize: Int
    let count: Int
    let taps: Int
    let starts: [Int]
    /// `count × taps` weights, output-major; each output's weights sum to 1.
    let weights: [Float]

    /// Resampling `sourceSize` pixels to a scaled length `scaledSize`, of which outputs
    /// `offset ..< offset + count` are kept (a crop after the scale, for `fit: cover`).
    static func resample(
        sourceSize: Int, scaledSize: Int, offset: Int = 0, count: Int? = nil, filter: ResampleFilter
    ) -> WeightTable {
        let count = count ?? scaledSize
        let scale = Double(scaledSize) / Double(sourceSize)
        // Reducing widens the filter to cover every source pixel; enlarging interpolates.
        let filterScale = min(scale, 1)
        let support = filter.support / filterScale
        return build(sourceSize: sourceSize, count: count) { i in
            let center = (Double(i + offset) + 0.5) / scale
            // Source pixels whose centres lie within the support: [lo, hi).
            let lo = Int((center - support - 0.5).rounded(.down)) + 1
            let hi = Int((center + support - 0.5).rounded(.down)) + 1
            return (lo, hi, { j in filter.weight((Double(j) + 0.5 - center) * filterScale) })
        }
    }

    /// A Gaussian of standard deviation `sigma` pixels, truncated at 3σ, same size in and out.
    static func gaussian(size: Int, sigma: Double) -> WeightTable {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        let denominator = 2 * sigma * sigma
        return build(sourceSize: size, count: size) { i in
            (i - radius, i + radius + 1, { j in exp(-Double((j - i) * (j - i)) / denominator) })
        }
    }

    /// Builds a table from each output's window `[lo, hi)` and weight function; windows are
    /// clipped to the source and the clipped weights renormalised (so a constant stays constant).
    private static func build(
        sourceSize: Int, count: Int, window: (Int) -> (Int, Int, (Int) -> Double)
    ) -> WeightTable {
        var windows: [(lo: Int, hi: Int)] = []
        windows.reserveCapacity(count)
        var widest = 1
        for i in 0..<count {
            let (lo, hi, _) = window(i)
            let clipped = (max(lo, 0), min(max(hi, max(lo, 0) + 1), sourceSize))
            windows.append(clipped)
            widest = max(widest, clipped.1 - clipped.0)
        }
        let taps = min(widest, sourceSize)
        var starts = [Int](repeating: 0, count: count)
        var weights = [Float](repeating: 0, count: count * taps)
        var scratch = [Double](repeating: 0, count: taps)
        for i in 0..<count {
            let (lo, hi, weight) = window(i)
            var first = max(lo, 0)
            var last = min(hi, sourceSize)
            if last <= first {
                // A window that missed the source entirely (can't happen for sane sizes): nearest pixel.
                first = min(max(lo, 0), sourceSize - 1)
                last = first + 1
            }
            let start = min(first, sourceSize - taps)
            var total = 0.0
            for k in 0..<taps { scratch[k] = 0 }
            for j in first..<last {
                let w = weight(j)
                scratch[j - start] = w
                total += w
            }
            if total == 0 {
                // Only possible for a box filter narrower than a pixel: take the nearest source pixel.
                let nearest = min(max((first + last) / 2, start), start + taps - 1)
                scratch[nearest - start] = 1
                total = 1
            }
            starts[i] = start
            for k in 0..<taps { weights[i * taps + k] = Float(scratch[k] / total) }
        }
        return WeightTable(sourceSize: sourceSize, count: count, taps: taps, starts: starts, weights: weights)
    }
}
