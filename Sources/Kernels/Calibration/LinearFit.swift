/// `time = a + b · megapixels` by least squares, kept physical: b ≥ 0 (bigger images never
/// take less time) and a ≥ 0 (no negative times for small images).
public struct LinearFit: Sendable, Equatable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    public func predict(_ x: Double) -> Double { a + b * x }

    /// Ordinary least squares; if it gives a < 0 the line is refitted through the origin, if
    /// it gives b < 0 (or all x are equal) the fit is the mean.
    public static func fit(x: [Double], y: [Double]) -> LinearFit {
        precondition(x.count == y.count && !x.isEmpty, "a fit needs as many x as y, at least one")
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        guard sxx > 0 else { return LinearFit(a: max(0, meanY), b: 0) }
        let b = sxy / sxx
        if b < 0 { return LinearFit(a: max(0, meanY), b: 0) }
        let a = meanY - b * meanX
        if a >= 0 { return LinearFit(a: a, b: b) }
        let sumXY = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let sumXX = x.reduce(0) { $0 + $1 * $1 }
        return LinearFit(a: 0, b: max(0, sumXY / sumXX))
    }
}
