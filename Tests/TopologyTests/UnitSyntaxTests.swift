import Testing
@testable import Topology

// MARK: - Units

struct UnitSyntaxTests {
    /// Every unit of every dimension, with the exact base value expected.
    static let units: [(text: String, dimension: Dimension, value: Double)] = [
        // durations, in seconds
        ("10ns", .duration, 1e-8), ("250us", .duration, 0.00025), ("3\u{B5}s", .duration, 3e-6),
        ("3\u{3BC}s", .duration, 3e-6), ("250ms", .duration, 0.25), ("1.5s", .duration, 1.5),
        ("5m", .duration, 300), ("1min", .duration, 60), ("2h", .duration, 7200), ("7d", .duration, 604_800),
        ("1w", .duration, 604_800), ("  250 ms  ", .duration, 0.25), ("1_000ms", .duration, 1),
        ("1e3ms", .duration, 1), ("2.5E-3s", .duration, 0.0025), ("-5s", .duration, -5), ("+5s", .duration, 5),
        (".5s", .duration, 0.5), ("0s", .duration, 0),
        // rates, in events per second
        ("50/s", .rate, 50), ("3000/min", .rate, 50), ("60/m", .rate, 1), ("10/ms", .rate, 10_000),
        ("1/us", .rate, 1e6), ("1/\u{B5}s", .rate, 1e6), ("1/ns", .rate, 1e9), ("2/h", .rate, 2.0 / 3600),
        ("100/d", .rate, 100.0 / 86400), ("7/w", .rate, 7.0 / 604_800), ("50 rps", .rate, 50), ("50rps", .rate, 50),
        ("50 /s", .rate, 50), ("50 / s", .rate, 50),
        // sizes, in bytes
        ("1B", .size, 1), ("1KB", .size, 1000), ("1MB", .size, 1e6), ("1GB", .size, 1e9), ("1TB", .size, 1e12),
        ("1PB", .size, 1e15), ("1KiB", .size, 1024), ("1MiB", .size, 1_048_576), ("1GiB", .size, 1_073_741_824),
        ("1TiB", .size, 1_099_511_627_776), ("1PiB", .size, 1_125_899_906_842_624), ("2.5GB", .size, 2.5e9),
        ("512 MB", .size, 512e6), ("2GiB", .size, 2_147_483_648),
        // bandwidth, in bits per second
        ("100bps", .bandwidth, 100), ("1Kbps", .bandwidth, 1000), ("100Mbps", .bandwidth, 1e8),
        ("10Gbps", .bandwidth, 1e10), ("1Tbps", .bandwidth, 1e12), ("1B/s", .bandwidth, 8),
        ("1KB/s", .bandwidth, 8000), ("50MB/s", .bandwidth, 4e8), ("1GB/s", .bandwidth, 8e9),
        ("1TB/s", .bandwidth, 8e12), ("1KiB/s", .bandwidth, 8192), ("1MiB/s", .bandwidth, 8_388_608),
        ("1GiB/s", .bandwidth, 8_589_934_592), ("1TiB/s", .bandwidth, 8_796_093_022_208),
        // megapixels
        ("12MP", .megapixels, 12), ("0.5MP", .megapixels, 0.5), ("24 MP", .megapixels, 24),
        ("3000x4000", .megapixels, 12), ("3000\u{D7}4000", .megapixels, 12), ("640 x 480", .megapixels, 0.3072),
        // percentages, as fractions
        ("75%", .percentage, 0.75), ("0.1%", .percentage, 0.001), ("100 %", .percentage, 1), ("-5%", .percentage, -0.05),
        // money, in US dollars
        ("4000 USD", .money, 4000), ("USD 4000", .money, 4000), ("$4000", .money, 4000), ("$4,000.50", .money, 4000.5),
        ("4000USD", .money, 4000), ("USD4000", .money, 4000), ("$ 12", .money, 12), ("-$5", .money, -5),
        ("$-5", .money, -5), ("$1,234,567.89", .money, 1_234_567.89), ("1,000 USD", .money, 1000), ("$0.99", .money, 0.99),
        // plain numbers
        ("3", .count, 3), ("2.5", .count, 2.5), ("-1", .count, -1), ("1e6", .count, 1e6), ("10_000", .count, 10_000),
        ("2.5E-3", .count, 0.0025), ("+7", .count, 7), ("1e-400", .count, 0),
    ]

    @Test(arguments: units)
    func parsesEveryUnit(_ example: (text: String, dimension: Dimension, value: Double)) {
        let quantity = UnitParser.parse(example.text, as: example.dimension).syntaxValue
        #expect(quantity == Quantity(value: example.value, dimension: example.dimension), "\(example.text)")
        if example.dimension != .count {
            #expect(UnitParser.dimension(of: example.text) == example.dimension, "\(example.text)")
        }
    }

    // MARK: - Errors

    static let errors: [(text: String, dimension: Dimension, message: String, offset: Int)] = [
        ("", .duration, "empty value: write a duration like `250ms` or `2s`", 0),
        ("   ", .size, "empty value: write a size like `512MB` or `2GiB`", 0),
        ("abc", .duration, "expected a number but found `abc`: write a duration like `250ms` or `2s`", 0),
        (" ms", .duration, "expected a number but found `ms`: write a duration like `250ms` or `2s`", 1),
        ("-", .duration, "expected digits after `-`", 1),
        ("-ms", .duration, "expected digits after `-`", 1),
        ("250", .duration, "`250` has no unit: write a duration like `250ms` or `2s`", 3),
        ("50", .rate, "`50` has no unit: write a rate like `50/s` or `3000/min`", 2),
        ("512 ", .size, "`512` has no unit: write a size like `512MB` or `2GiB`", 3),
        ("100", .bandwidth, "`100` has no unit: write a bandwidth like `100Mbps` or `50MB/s`", 3),
        ("12", .megapixels, "`12` has no unit: write a resolution like `12MP` or `3000x4000`", 2),
        ("4000", .money, "`4000` has no unit: write an amount of money like `4000 USD` or `$4000`", 4),
        ("0.75", .percentage, "`0.75` has no unit: write it as a percentage, e.g. `75%`", 4),
        ("75", .percentage, "`75` has no unit: write it as a percentage, e.g. `75%`", 2),
        ("250mss", .duration, "unknown unit `mss` for a duration (did you mean `ms`?)", 3),
        ("2 sec", .duration, "unknown unit `sec` for a duration (did you mean `s`?)", 2),
        ("2 hours", .duration, "unknown unit `hours` for a duration (did you mean `h`?)", 2),
        ("5MS", .duration, "unknown unit `MS` for a duration (did you mean `ms`?)", 1),
        ("5 kb", .size, "unknown unit `kb` for a size (did you mean `KB`?)", 2),
        ("5 gib", .size, "unknown unit `gib` for a size (did you mean `GiB`?)", 2),
        ("5 mbps", .bandwidth, "unknown unit `mbps` for a bandwidth (did you mean `Mbps`?)", 2),
        ("5 Mbit/s", .bandwidth, "unknown unit `Mbit/s` for a bandwidth (did you mean `Mbps`?)", 2),
        ("5 mp", .megapixels, "unknown unit `mp` for a resolution in megapixels (did you mean `MP`?)", 2),
        ("5 percent", .percentage, "unknown unit `percent` for a percentage (did you mean `%`?)", 2),
        ("4000 usd", .money, "unknown unit `usd` for an amount of money (did you mean `USD`?)", 5),
        ("usd 4000", .money, "unknown unit `usd` for an amount of money (did you mean `USD`?)", 0),
        ("50/sec", .rate, "unknown unit `/sec` for a rate (did you mean `/s`?)", 2),
        ("5 zz", .duration, "unknown unit `zz` for a duration (expected one of: ns, us, \u{B5}s, ms, s, m, min, h, d, w)", 2),
        ("5 zz", .money, "unknown unit `zz` for an amount of money (expected one of: USD)", 2),
        ("50MB", .duration, "`50MB` is a size, but a duration is expected here", 0),
        ("  50 MB", .duration, "`50 MB` is a size, but a duration is expected here", 2),
        ("12MP", .duration, "`12MP` is a resolution in megapixels, but a duration is expected here", 0),
        ("$5", .duration, "`$5` is an amount of money, but a duration is expected here", 0),
        ("5m", .rate, "`5m` is a duration, but a rate is expected here", 0),
        ("10Mbps", .size, "`10Mbps` is a bandwidth, but a size is expected here", 0),
        ("3000x4000", .size, "`3000x4000` is a resolution in megapixels, but a size is expected here", 0),
        ("5ms", .count, "`5ms` is a duration, but a plain number is expected here", 0),
        ("5%", .count, "`5%` is a percentage, but a plain number is expected here", 0),
        ("5 apples", .count, "unexpected `apples` after `5`: a plain number is expected here", 2),
        ("1e999s", .duration, "number too large", 0),
        ("1e308w", .duration, "number too large", 0),
        ("inf", .count, "number too large", 0),
        ("-inf", .count, "number too large", 0),
        ("NaN", .duration, "number too large", 0),
        ("250ms extra", .duration, "unexpected `extra` after `250ms`", 6),
        ("5 rps now", .rate, "unexpected `now` after `5 rps`", 6),
        ("10,000ms", .duration, "a comma is only allowed in an amount of money: write `10000` or `10_000`", 2),
        ("$4,00", .money, "commas must separate groups of three digits, like `$4,000.50`", 2),
        ("$4000,000", .money, "commas must separate groups of three digits, like `$4,000.50`", 5),
        ("$", .money, "expected an amount after `$`, like `$4000`", 1),
        ("USD", .money, "expected an amount after `USD`, like `USD 4000`", 3),
        ("$4000 USD", .money, "unexpected `USD` after `$4000`", 6),
        ("0x4000", .megapixels, "width must be a whole number of pixels from 1 to 100000", 0),
        ("3000x", .megapixels, "expected a height after `x`, like `320x240`", 5),
        ("0x10", .count, "unexpected `x10` after `0`: a plain number is expected here", 1),
        ("5 K", .size, "unknown unit `K` for a size (did you mean `KB`?)", 2),
        ("3000x4000.5", .megapixels, "height must be a whole number of pixels from 1 to 100000", 5),
    ]

    @Test(arguments: errors)
    func reportsErrors(_ example: (text: String, dimension: Dimension, message: String, offset: Int)) {
        let error = UnitParser.parse(example.text, as: example.dimension).syntaxError
        #expect(error == SyntaxError(example.message, at: example.offset), "\(example.text)")
    }

    @Test func longInputsGiveShortMessages() {
        let text = "5" + String(repeating: "x", count: 100_000)
        let error = UnitParser.parse(text, as: .duration).syntaxError
        #expect(error?.offset == 1)
        #expect((error?.message.count ?? .max) < 200)
    }

    // MARK: - Dimension of a text

    static let dimensions: [(text: String, dimension: Dimension?)] = [
        ("250ms", .duration), ("50/s", .rate), ("50 rps", .rate), ("2GiB", .size), ("50MB/s", .bandwidth),
        ("100Mbps", .bandwidth), ("12MP", .megapixels), ("3000x4000", .megapixels), ("75%", .percentage),
        ("$4,000.50", .money), ("USD 5", .money), ("5", nil), ("5 mss", nil), ("", nil), ("CAR", nil), ("-", nil),
    ]

    @Test(arguments: dimensions)
    func recognisesDimensions(_ example: (text: String, dimension: Dimension?)) {
        #expect(UnitParser.dimension(of: example.text) == example.dimension, "\(example.text)")
    }

    // MARK: - Formatting

    static let formats: [(value: Double, dimension: Dimension, text: String)] = [
        (0.25, .duration, "250ms"), (1.5, .duration, "1.5s"), (90, .duration, "1.5min"), (45, .duration, "45s"), (100, .duration, "100s"), (600, .duration, "10min"), (864_000, .duration, "10d"), (316_000_000, .duration, "316000000s"), (0.0123456, .duration, "12.3456ms"), (7200, .duration, "2h"),
        (5400, .duration, "1.5h"), (9000, .duration, "2.5h"), (0.0015, .duration, "1.5ms"), (1e-6, .duration, "1\u{B5}s"), (86400, .duration, "1d"),
        (0, .duration, "0s"), (-0.25, .duration, "-250ms"), (1.0 / 3, .duration, "333.333333333ms"), (3e7, .duration, "500000min"), (3e7, .size, "30MB"),
        (50, .rate, "50/s"), (12.5, .rate, "12.5/s"), (0.5, .rate, "30/min"), (1.0 / 3600, .rate, "1/h"),
        (1_048_576, .size, "1MiB"), (1e6, .size, "1MB"), (2_147_483_648, .size, "2GiB"), (1536, .size, "1.5KiB"), (5e8, .size, "500MB"), (2e9, .size, "2GB"), (1e9, .rate, "1000000000/s"), (2000, .rate, "2000/s"),
        (0, .size, "0B"), (1e8, .bandwidth, "100Mbps"), (2.5e9, .bandwidth, "2.5Gbps"),
        (12, .megapixels, "12MP"), (0.75, .percentage, "75%"), (0.001, .percentage, "0.1%"),
        (4000, .money, "4000 USD"), (4000.5, .money, "4000.50 USD"), (0.1 + 0.2, .money, "0.30 USD"),
        (-5, .money, "-5 USD"), (2.5, .count, "2.5"), (1e20, .count, "1e20"), (1.5e-7, .count, "1.5e-7"),
        (0.1 + 0.2, .count, "0.3"),
    ]

    @Test(arguments: formats)
    func formatsReadably(_ example: (value: Double, dimension: Dimension, text: String)) {
        #expect(UnitParser.format(example.value, example.dimension) == example.text)
    }

    @Test(arguments: Dimension.allCases)
    func formatRoundTripsThroughParse(_ dimension: Dimension) {
        var random = SyntaxRandom(seed: 7)
        var values: [Double] = [0, 1, 0.5, 60, 3600, 1024, 1_048_576, 1e-9, 123.456, 99.99]
        for _ in 0..<2000 {
            let magnitude = Double.random(in: -9...12, using: &random)
            let sign: Double = Bool.random(using: &random) ? -1 : 1
            values.append(sign * pow10(magnitude) * Double.random(in: 1..<10, using: &random))
        }
        for value in values {
            let text = UnitParser.format(value, dimension)
            let parsed = UnitParser.parse(text, as: dimension).syntaxValue
            #expect(parsed.map { syntaxClose($0.value, value) } == true, "\(value) → \(text) → \(String(describing: parsed))")
        }
    }

    /// 10^x without Foundation.
    private func pow10(_ x: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(abs(x.rounded(.down))) { result *= x < 0 ? 0.1 : 10 }
        return result
    }
}
