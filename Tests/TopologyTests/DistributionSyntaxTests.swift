#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Topology

// MARK: - Distributions

struct DistributionSyntaxTests {
    static let forms: [(text: String, dimension: Dimension, expected: Distribution)] = [
        ("constant(5ms)", .duration, .constant(0.005)),
        ("constant(value: 5ms)", .duration, .constant(0.005)),
        ("5ms", .duration, .constant(0.005)),
        ("  $4,000 ", .money, .constant(4000)),
        ("USD 40", .money, .constant(40)),
        ("exponential(mean: 80ms)", .duration, .exponential(mean: 0.08)),
        ("exponential(80ms)", .duration, .exponential(mean: 0.08)),
        ("exponential(rate: 12.5/s)", .duration, .exponential(mean: 0.08)),
        ("exponential( mean : 80 ms )", .duration, .exponential(mean: 0.08)),
        ("uniform(low: 1ms, high: 5ms)", .duration, .uniform(low: 0.001, high: 0.005)),
        ("uniform(1ms, 5ms)", .duration, .uniform(low: 0.001, high: 0.005)),
        ("uniform(min: 1MB, max: 2MB)", .size, .uniform(low: 1e6, high: 2e6)),
        ("uniform(high: 5ms, low: 1ms)", .duration, .uniform(low: 0.001, high: 0.005)),
        ("uniform(2ms, 2ms)", .duration, .uniform(low: 0.002, high: 0.002)),
        ("uniform($1,000, $2,000.50)", .money, .uniform(low: 1000, high: 2000.5)),
        ("normal(mean: 20ms, sd: 5ms)", .duration, .normal(mean: 0.02, standardDeviation: 0.005)),
        ("normal(mean: 20ms, stddev: 0ms)", .duration, .normal(mean: 0.02, standardDeviation: 0)),
        ("normal(20ms, 5ms)", .duration, .normal(mean: 0.02, standardDeviation: 0.005)),
        ("lognormal(median: 12MP, sigma: 0.3)", .megapixels, .lognormal(mu: log(12), sigma: 0.3)),
        ("gamma(shape: 2, scale: 10ms)", .duration, .gamma(shape: 2, scale: 0.01)),
        ("gamma(2, 10ms)", .duration, .gamma(shape: 2, scale: 0.01)),
        ("gamma(shape: 2, mean: 20ms)", .duration, .gamma(shape: 2, scale: 0.01)),
        ("gamma(mean: 20ms, cv: 0.5)", .duration, .gamma(shape: 4, scale: 0.005)),
        ("pareto(scale: 1ms, shape: 2.5)", .duration, .pareto(scale: 0.001, shape: 2.5)),
        ("pareto(min: 1ms, alpha: 2.5)", .duration, .pareto(scale: 0.001, shape: 2.5)),
        ("pareto(1KB, 1.5)", .size, .pareto(scale: 1000, shape: 1.5)),
        ("empirical(file: \"samples/x.csv\")", .duration, .empirical(file: "samples/x.csv")),
        ("empirical(file: samples/x.csv)", .duration, .empirical(file: "samples/x.csv")),
        ("empirical('a, b (1).csv')", .size, .empirical(file: "a, b (1).csv")),
        ("empirical(file: \"say \\\"hi\\\".csv\")", .duration, .empirical(file: "say \"hi\".csv")),
        ("exponential(mean: 2s)", .duration, .exponential(mean: 2)),
        ("constant(75%)", .percentage, .constant(0.75)),
        ("exponential(mean: 50/s)", .rate, .exponential(mean: 50)),
    ]

    @Test(arguments: forms)
    func mapsEachFormToCanonicalParameters(_ example: (text: String, dimension: Dimension, expected: Distribution)) {
        let result = DistributionParser.parse(example.text, as: example.dimension)
        #expect(result.syntaxValue == example.expected, "\(example.text): \(result)")
    }

    @Test func lognormalFromP99HasThatP99() throws {
        let distribution = try #require(DistributionParser.parse("lognormal(median: 20ms, p99: 200ms)", as: .duration).syntaxValue)
        guard case .lognormal(let mu, let sigma) = distribution else {
            Issue.record("not a lognormal: \(distribution)")
            return
        }
        #expect(syntaxClose(mu, log(0.02), relative: 1e-12))
        #expect(syntaxClose(sigma, log(10) / 2.3263478740408408, relative: 1e-12))
        // The 99th percentile of a lognormal is exp(mu + z99 · sigma).
        #expect(syntaxClose(exp(mu + 2.3263478740408408 * sigma), 0.2, relative: 1e-9))
        #expect(syntaxClose(exp(mu), 0.02, relative: 1e-12))
    }

    @Test(arguments: [(20.0, 10.0), (80.0, 80.0), (1.0, 0.01), (5.0, 50.0)])
    func lognormalFromMomentsRoundTrips(_ moments: (mean: Double, sd: Double)) throws {
        let text = "lognormal(mean: \(moments.mean)ms, sd: \(moments.sd)ms)"
        let distribution = try #require(DistributionParser.parse(text, as: .duration).syntaxValue)
        let mean = try #require(distribution.mean)
        let variance = try #require(distribution.variance)
        #expect(syntaxClose(mean, moments.mean / 1000, relative: 1e-12))
        #expect(syntaxClose(variance.squareRoot(), moments.sd / 1000, relative: 1e-9))
    }

    // MARK: - Moments

    static let moments: [(distribution: Distribution, mean: Double?, variance: Double?)] = [
        (.constant(5), 5, 0),
        (.exponential(mean: 0.08), 0.08, 0.0064),
        (.uniform(low: 1, high: 5), 3, 16.0 / 12),
        (.normal(mean: 20, standardDeviation: 5), 20, 25),
        (.lognormal(mu: 1, sigma: 0.5), exp(1.125), (exp(0.25) - 1) * exp(2.25)),
        (.gamma(shape: 2, scale: 10), 20, 200),
        (.gamma(shape: 0.5, scale: 3), 1.5, 4.5),
        (.pareto(scale: 1, shape: 3), 1.5, 0.75),
        (.pareto(scale: 2, shape: 2.5), 10.0 / 3, 4 * 2.5 / (1.5 * 1.5 * 0.5)),
        (.pareto(scale: 1, shape: 2), 2, nil),
        (.pareto(scale: 1, shape: 1), nil, nil),
        (.pareto(scale: 1, shape: 0.5), nil, nil),
        (.empirical(file: "x.csv"), nil, nil),
        (.lognormal(mu: 800, sigma: 1), nil, nil),
    ]

    @Test(arguments: moments)
    func meanAndVarianceMatchClosedForms(_ example: (distribution: Distribution, mean: Double?, variance: Double?)) {
        let mean = example.distribution.mean
        let variance = example.distribution.variance
        #expect((mean == nil) == (example.mean == nil), "\(example.distribution)")
        #expect((variance == nil) == (example.variance == nil), "\(example.distribution)")
        if let mean, let expected = example.mean { #expect(syntaxClose(mean, expected, relative: 1e-12)) }
        if let variance, let expected = example.variance { #expect(syntaxClose(variance, expected, relative: 1e-12)) }
    }

    @Test func textRoundTrips() throws {
        let distributions: [(Distribution, Dimension)] = [
            (.constant(0.005), .duration), (.exponential(mean: 0.08), .duration), (.uniform(low: 1e6, high: 2e6), .size),
            (.normal(mean: 0.02, standardDeviation: 0.005), .duration), (.lognormal(mu: log(12), sigma: 0.3), .megapixels),
            (.gamma(shape: 2, scale: 0.01), .duration), (.pareto(scale: 0.001, shape: 2.5), .duration),
            (.empirical(file: "a \"b\".csv"), .duration), (.constant(4000.5), .money),
        ]
        for (distribution, dimension) in distributions {
            let text = distribution.text(in: dimension)
            let parsed = try #require(DistributionParser.parse(text, as: dimension).syntaxValue, "\(text)")
            switch (parsed, distribution) {
            case (.lognormal(let mu1, let sigma1), .lognormal(let mu2, let sigma2)):
                #expect(syntaxClose(mu1, mu2, relative: 1e-11) && syntaxClose(sigma1, sigma2), "\(text)")
            default:
                #expect(parsed == distribution, "\(text)")
            }
        }
        #expect(Distribution.exponential(mean: 0.08).text(in: .duration) == "exponential(mean: 80ms)")
    }

    // MARK: - Errors

    static let errors: [(text: String, dimension: Dimension, message: String, offset: Int)] = [
        ("", .duration, "empty distribution: write a constant like `250ms` or a distribution like `{ exponential: 250ms }`", 0),
        ("expnential(mean: 80ms)", .duration,
         "unknown distribution `expnential` (did you mean `exponential`?); expected one of: constant, exponential, uniform, normal, lognormal, gamma, pareto, empirical, or a constant like `5ms`", 0),
        ("weibull(1, 2)", .duration,
         "unknown distribution `weibull`; expected one of: constant, exponential, uniform, normal, lognormal, gamma, pareto, empirical, or a constant like `5ms`", 0),
        ("Normal(1ms, 2ms)", .duration,
         "unknown distribution `Normal` (did you mean `normal`?); expected one of: constant, exponential, uniform, normal, lognormal, gamma, pareto, empirical, or a constant like `5ms`", 0),
        ("exponential", .duration, "`exponential` needs arguments, like `{ exponential: 250ms }`", 11),
        ("exponential(meen: 80ms)", .duration,
         "unknown argument `meen` for exponential (did you mean `mean`?); exponential takes `mean` or `rate`", 12),
        ("exponential(foo: 80ms)", .duration, "unknown argument `foo` for exponential; exponential takes `mean` or `rate`", 12),
        ("exponential(foo: 80ms)", .size, "unknown argument `foo` for exponential; exponential takes `mean`", 12),
        ("exponential(rate: 5/s)", .size, "`rate` only applies to a duration (the mean is 1/rate); use `mean` here", 12),
        ("normal(mean: 20ms)", .duration, "missing argument `sd` for normal; normal takes `mean` and `sd`", 17),
        ("uniform()", .duration, "missing arguments `low` and `high` for uniform; uniform takes `low` and `high`", 8),
        ("gamma(shape: 2)", .duration,
         "missing argument `scale` for gamma; gamma takes `shape` and `scale`, `shape` and `mean`, or `mean` and `cv`", 14),
        ("normal(mean: 20ms, mean: 5ms)", .duration, "duplicate argument `mean`", 19),
        ("normal(mean: 20ms, sd: 5ms, stddev: 1ms)", .duration, "duplicate argument `stddev` (same as `sd`)", 28),
        ("uniform(1ms, low: 2ms)", .duration, "duplicate argument `low`", 13),
        ("lognormal(median: 20ms, sigma: 0.5, p99: 1s)", .duration,
         "`p99` cannot be combined with `sigma`; lognormal takes `median` and `sigma`, `median` and `p99`, or `mean` and `sd`", 36),
        ("exponential(mean: 1s, rate: 1/s)", .duration, "`rate` cannot be combined with `mean`; exponential takes `mean` or `rate`", 22),
        ("lognormal(20ms, 0.5)", .duration, "lognormal needs named arguments, like `{ lognormal: { median: 250ms, sigma: 0.5 } }`", 10),
        ("uniform(1ms, 2ms, 3ms)", .duration, "too many arguments for uniform; uniform takes `low` and `high`", 18),
        ("exponential(mean: 80)", .duration, "`80` has no unit: write a duration like `250ms` or `2s`", 20),
        ("exponential(mean: 80MB)", .duration, "`80MB` is a size, but a duration is expected here", 18),
        ("exponential(rate: 5)", .duration, "`5` has no unit: write a rate like `50/s` or `3000/min`", 19),
        ("lognormal(median: 20ms, sigma: 0.5ms)", .duration, "`0.5ms` is a duration, but a plain number is expected here", 31),
        ("exponential(mean: 80ms", .duration, "missing `)` to close the arguments", 22),
        ("exponential(mean: 80ms))", .duration, "unbalanced `)`: it has no matching `(`", 23),
        ("exponential(mean: (80ms))", .duration, "unexpected `(` inside the arguments", 18),
        ("exponential(mean: 80ms) + 1", .duration, "unexpected `+ 1` after the closing `)`", 24),
        ("uniform(1ms, )", .duration, "expected an argument after `,`", 13),
        ("uniform(, 1ms)", .duration, "expected an argument before `,`", 8),
        ("normal(mean: , sd: 1ms)", .duration, "missing value for `mean`", 13),
        ("empirical(file: \"x.csv)", .duration, "unterminated string: missing closing `\"`", 16),
        ("empirical(file: \"\")", .duration, "`file` must not be empty", 16),
        ("empirical(file: \"a\" b)", .duration, "unexpected `b` after the file name", 20),
        ("exponential(mean: 0ms)", .duration, "`mean` must be greater than 0", 18),
        ("exponential(rate: -1/s)", .duration, "`rate` must be greater than 0", 18),
        ("normal(mean: 20ms, stddev: -1ms)", .duration, "`stddev` must not be negative", 27),
        ("normal(mean: -1ms, sd: 1ms)", .duration, "`mean` must be greater than 0", 13),
        ("uniform(low: 5ms, high: 1ms)", .duration, "`high` must not be less than `low`", 24),
        ("uniform(max: 1ms, min: 5ms)", .duration, "`max` must not be less than `min`", 13),
        ("lognormal(median: 0ms, sigma: 1)", .duration, "`median` must be greater than 0", 18),
        ("lognormal(median: 1ms, sigma: 0)", .duration, "`sigma` must be greater than 0", 30),
        ("lognormal(median: 20ms, p99: 20ms)", .duration, "`p99` must be greater than `median`", 29),
        ("lognormal(mean: 20ms, sd: 0ms)", .duration, "`sd` must be greater than 0", 26),
        ("gamma(shape: -2, scale: 1ms)", .duration, "`shape` must be greater than 0", 13),
        ("gamma(shape: 2, scale: 0ms)", .duration, "`scale` must be greater than 0", 23),
        ("gamma(mean: 20ms, cv: 0)", .duration, "`cv` must be greater than 0", 22),
        ("gamma(mean: 20ms, cv: 1e-200)", .duration, "`cv` is out of range", 22),
        ("pareto(min: 0ms, alpha: 2)", .duration, "`min` must be greater than 0", 12),
        ("pareto(scale: 1ms, alpha: 0)", .duration, "`alpha` must be greater than 0", 26),
        ("exponential(rate: 1e-320/s)", .duration, "`rate` is out of range", 18),
        ("lognormal(median: 1e-300s, p99: 1e300s)", .duration, "`p99` is out of range", 32),
        ("lognormal(mean: 1e-300s, sd: 1e300s)", .duration, "`sd` is out of range", 29),
        ("abc", .duration,
         "unknown distribution `abc`; expected one of: constant, exponential, uniform, normal, lognormal, gamma, pareto, empirical, or a constant like `5ms`", 0),
        ("5", .duration, "`5` has no unit: write a duration like `250ms` or `2s`", 1),
        ("exponential(mean=80ms)", .duration, "write `mean: …` with a colon, not `=`", 16),
        ("normal(mean: 1ms sd: 2ms)", .duration, "missing `,` before `sd`", 17),
        ("inf", .duration, "number too large", 0),
    ]

    @Test(arguments: errors)
    func reportsErrors(_ example: (text: String, dimension: Dimension, message: String, offset: Int)) {
        let error = DistributionParser.parse(example.text, as: example.dimension).syntaxError
        #expect(error == SyntaxError(example.message, at: example.offset), "\(example.text)")
    }
}
