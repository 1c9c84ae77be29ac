// MARK: - Unit definition

/// One unit symbol and how to convert an amount written in it to the base unit.
struct UnitDefinition: Sendable {
    let symbol: String
    let dimension: Dimension
    let factor: Double
    /// Sub-units divide by an exact power (`250ms` is 250 / 1000) instead of multiplying by an
    /// inexact one (250 × 0.001): division is correctly rounded, so `250us` is exactly the double
    /// nearest to 0.00025, which is what a test — or a user comparing outputs — expects.
    let divides: Bool

    init(_ symbol: String, _ dimension: Dimension, _ factor: Double, divides: Bool = false) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = factor
        self.divides = divides
    }

    func baseValue(of amount: Double) -> Double { divides ? amount / factor : amount * factor }
    func amount(of base: Double) -> Double { divides ? base * factor : base / factor }
}

// MARK: - Tables

enum UnitTable {
    static let durations: [UnitDefinition] = [
        .init("ns", .duration, 1e9, divides: true),
        .init("us", .duration, 1e6, divides: true),
        .init("\u{B5}s", .duration, 1e6, divides: true), // µ MICRO SIGN
        .init("\u{3BC}s", .duration, 1e6, divides: true), // μ GREEK SMALL LETTER MU: looks the same
        .init("ms", .duration, 1e3, divides: true),
        .init("s", .duration, 1),
        .init("m", .duration, 60),
        .init("min", .duration, 60),
        .init("h", .duration, 3600),
        .init("d", .duration, 86400),
        .init("w", .duration, 604_800),
    ]

    /// A rate is "so many per duration unit", so every duration unit works after `/`.
    static let rates: [UnitDefinition] =
        durations.map { UnitDefinition("/" + $0.symbol, .rate, $0.factor, divides: !$0.divides) }
        + [.init("rps", .rate, 1)]

    static let sizes: [UnitDefinition] = [
        .init("B", .size, 1),
        .init("KB", .size, 1e3), .init("MB", .size, 1e6), .init("GB", .size, 1e9),
        .init("TB", .size, 1e12), .init("PB", .size, 1e15),
        .init("KiB", .size, 1024), .init("MiB", .size, 1_048_576), .init("GiB", .size, 1_073_741_824),
        .init("TiB", .size, 1_099_511_627_776), .init("PiB", .size, 1_125_899_906_842_624),
    ]

    static let bandwidths: [UnitDefinition] = [
        .init("bps", .bandwidth, 1), .init("Kbps", .bandwidth, 1e3), .init("Mbps", .bandwidth, 1e6),
        .init("Gbps", .bandwidth, 1e9), .init("Tbps", .bandwidth, 1e12),
    ] + sizes.map { UnitDefinition($0.symbol + "/s", .bandwidth, $0.factor * 8) }

    static let others: [UnitDefinition] = [
        .init("MP", .megapixels, 1),
        .init("%", .percentage, 100, divides: true),
        .init("USD", .money, 1),
    ]

    static let all: [UnitDefinition] = durations + rates + sizes + bandwidths + others

    static let bySymbol: [String: UnitDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.symbol, $0) })

    static let byDimension: [Dimension: [UnitDefinition]] = Dictionary(grouping: all, by: \.dimension)

    static func units(of dimension: Dimension) -> [UnitDefinition] {
        byDimension[dimension] ?? []
    }

    /// The symbols an "expected one of" message lists; the Greek-mu spellings are accepted
    /// silently rather than shown twice.
    static func listedSymbols(of dimension: Dimension) -> [String] {
        units(of: dimension).map(\.symbol).filter { !$0.contains("\u{3BC}") }
    }

    // MARK: - Misspellings

    /// Spellings people write that are not units here, mapped to the unit to suggest. They are
    /// never accepted: being strict keeps `1m` from meaning a minute in one file and a month in another.
    static let misspellings: [Dimension: [String: String]] = [
        .duration: [
            "sec": "s", "secs": "s", "second": "s", "seconds": "s",
            "msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms",
            "usec": "us", "microsecond": "us", "microseconds": "us",
            "nsec": "ns", "nanosecond": "ns", "nanoseconds": "ns",
            "mins": "min", "minute": "min", "minutes": "min",
            "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
            "day": "d", "days": "d", "wk": "w", "week": "w", "weeks": "w",
        ],
        .rate: [
            "/sec": "/s", "/second": "/s", "/minute": "/min", "/hour": "/h", "/day": "/d",
            "req/s": "/s", "ops/s": "/s", "qps": "rps", "Hz": "/s",
        ],
        .size: [
            "byte": "B", "bytes": "B", "K": "KB", "M": "MB", "G": "GB", "T": "TB", "P": "PB",
            "Ki": "KiB", "Mi": "MiB", "Gi": "GiB", "Ti": "TiB", "Pi": "PiB",
        ],
        .bandwidth: [
            "bit/s": "bps", "Kbit/s": "Kbps", "Mbit/s": "Mbps", "Gbit/s": "Gbps", "Tbit/s": "Tbps",
            "Kb/s": "Kbps", "Mb/s": "Mbps", "Gb/s": "Gbps", "Tb/s": "Tbps",
        ],
        .megapixels: ["megapixel": "MP", "megapixels": "MP", "Mpx": "MP"],
        .percentage: ["percent": "%", "pct": "%"],
        .money: ["$": "USD", "dollar": "USD", "dollars": "USD"],
    ]

    /// The unit of `dimension` that `unit` was probably meant to be.
    static func suggestion(for unit: String, in dimension: Dimension) -> String? {
        let symbols = listedSymbols(of: dimension)
        let aliases = misspellings[dimension] ?? [:]
        guard let match = Suggestions.closest(to: unit, in: symbols + aliases.keys.sorted()) else { return nil }
        return aliases[match] ?? match
    }

    /// Every symbol and misspelling of every dimension, for places that do not know the dimension.
    /// Short words only match by letter case: with every unit as a candidate, any one- or
    /// two-letter word is one edit away from some unit, and `4K` should not suggest `s`.
    static func suggestion(forAnyDimension unit: String) -> String? {
        let aliases = misspellings.values.reduce(into: [String: String]()) { $0.merge($1) { first, _ in first } }
        let candidates = all.map(\.symbol) + aliases.keys.sorted()
        let maxDistance = unit.count < 3 ? 0 : 1
        guard let match = Suggestions.closest(to: unit, in: candidates, maxDistance: maxDistance) else { return nil }
        return aliases[match] ?? match
    }

    // MARK: - Formatting units

    /// The units `UnitParser.format` chooses from, preferred first on a tie. Rates stop at `/s`
    /// because `50000/s` reads better than `50/ms`; bandwidth stays in bits as networks are sold.
    static let formatSymbols: [Dimension: [String]] = [
        .duration: ["w", "d", "h", "min", "s", "ms", "\u{B5}s", "ns"],
        .rate: ["/s", "/min", "/h", "/d"],
        .size: ["PiB", "PB", "TiB", "TB", "GiB", "GB", "MiB", "MB", "KiB", "KB", "B"],
        .bandwidth: ["Tbps", "Gbps", "Mbps", "Kbps", "bps"],
        .megapixels: ["MP"],
        .percentage: ["%"],
    ]

    /// The unit zero is written in.
    static let zeroSymbol: [Dimension: String] = [
        .duration: "s", .rate: "/s", .size: "B", .bandwidth: "bps", .megapixels: "MP", .percentage: "%",
    ]
}
