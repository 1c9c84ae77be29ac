// MARK: - Dimension

/// What a quantity measures. Every dimension has one base unit that parsed values are converted
/// to, so nothing after the decoder ever sees a unit.
package enum Dimension: String, Sendable, CaseIterable, Hashable {
    /// Base unit: seconds. Units: ns us µs ms s m min h d w (`m` means minutes, as in `at: 40m`).
    case duration
    /// Base unit: events per second. Forms: `50/s`, `3000/min`, `10/ms`, `2/h`, `100/d`
    /// (any duration unit after `/`), `50 rps`.
    case rate
    /// Base unit: bytes. B; KB MB GB TB PB (10^3); KiB MiB GiB TiB PiB (2^10). Case-sensitive.
    case size
    /// Base unit: bits per second. bps Kbps Mbps Gbps Tbps; byte forms B/s KB/s … MiB/s (×8).
    case bandwidth
    /// Base unit: megapixels. `12MP`, or a pixel box `3000x4000` (12.0).
    case megapixels
    /// Base unit: a fraction. `75%` is 0.75; the `%` sign is required.
    case percentage
    /// Base unit: US dollars. `4000 USD`, `USD 4000`, `$4000`, `$4,000.50`, `4000USD`.
    case money
    /// A dimensionless plain number, e.g. a shape parameter.
    case count
}

// MARK: - Wording

extension Dimension {
    /// How messages name the dimension, with its article:
    /// "`50MB` is a size, but a duration is expected here".
    var phrase: String {
        switch self {
        case .duration: "a duration"
        case .rate: "a rate"
        case .size: "a size"
        case .bandwidth: "a bandwidth"
        case .megapixels: "a resolution in megapixels"
        case .percentage: "a percentage"
        case .money: "an amount of money"
        case .count: "a plain number"
        }
    }

    /// Two valid texts, smaller first (used as `low` and `high` in examples).
    var examples: (String, String) {
        switch self {
        case .duration: ("250ms", "2s")
        case .rate: ("50/s", "3000/min")
        case .size: ("512MB", "2GiB")
        case .bandwidth: ("100Mbps", "50MB/s")
        case .megapixels: ("12MP", "3000x4000")
        case .percentage: ("0.1%", "75%")
        case .money: ("4000 USD", "$4000")
        case .count: ("2.5", "3")
        }
    }

    /// What to write, ending every "this is not a …" message.
    var advice: String {
        let (first, second) = examples
        let what = switch self {
        case .megapixels: "a resolution"
        default: phrase
        }
        return "write \(what) like `\(first)` or `\(second)`"
    }
}

// MARK: - Quantity

/// A number with its dimension, the value already converted to the dimension's base unit.
package struct Quantity: Sendable, Hashable {
    /// In the base unit of `dimension`.
    package var value: Double
    package var dimension: Dimension

    package init(value: Double, dimension: Dimension) {
        self.value = value
        self.dimension = dimension
    }
}

// MARK: - CustomStringConvertible

extension Quantity: CustomStringConvertible {
    package var description: String { UnitParser.format(value, dimension) }
}

/// `Dimension` under a name Foundation doesn't also use (it has a `Dimension` class), for
/// modules that import both.
package typealias UnitDimension = Dimension
