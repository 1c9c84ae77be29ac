import Testing
@testable import Topology

// MARK: - Targets

struct TargetSyntaxTests {
    private static func target(_ metric: TargetMetric, _ op: ComparisonOperator, _ value: Double, _ dimension: Dimension) -> TargetExpression {
        TargetExpression(metric: metric, op: op, threshold: Quantity(value: value, dimension: dimension))
    }

    static let parses: [(text: String, expected: TargetExpression)] = [
        ("p99(upload) < 800ms", target(.latency(statistic: .p99, workload: "upload"), .less, 0.8, .duration)),
        ("p50(upload) <= 100ms", target(.latency(statistic: .p50, workload: "upload"), .lessOrEqual, 0.1, .duration)),
        ("p90(upload) < 1s", target(.latency(statistic: .p90, workload: "upload"), .less, 1, .duration)),
        ("p95(upload) < 1s", target(.latency(statistic: .p95, workload: "upload"), .less, 1, .duration)),
        ("p999(upload) < 2s", target(.latency(statistic: .p999, workload: "upload"), .less, 2, .duration)),
        ("p99.9(upload) < 2s", target(.latency(statistic: .p999, workload: "upload"), .less, 2, .duration)),
        ("mean(upload) < 200ms", target(.latency(statistic: .mean, workload: "upload"), .less, 0.2, .duration)),
        ("max(upload) < 5s", target(.latency(statistic: .max, workload: "upload"), .less, 5, .duration)),
        ("errors(upload) < 0.1%", target(.errors(workload: "upload"), .less, 0.001, .percentage)),
        ("throughput(upload) > 50/s", target(.throughput(workload: "upload"), .greater, 50, .rate)),
        ("throughput(upload) >= 3000/min", target(.throughput(workload: "upload"), .greaterOrEqual, 50, .rate)),
        ("completion.p99(upload) < 5s", target(.completionLatency(statistic: .p99, workload: "upload"), .less, 5, .duration)),
        ("completion.mean(upload) < 1s", target(.completionLatency(statistic: .mean, workload: "upload"), .less, 1, .duration)),
        ("completion.p99.9(upload) < 1s", target(.completionLatency(statistic: .p999, workload: "upload"), .less, 1, .duration)),
        ("utilization(worker) < 75%", target(.utilization(component: "worker"), .less, 0.75, .percentage)),
        ("wait(worker) < 100ms", target(.queueWait(component: "worker"), .less, 0.1, .duration)),
        ("queue(worker) < 100", target(.queueLength(component: "worker"), .less, 100, .count)),
        ("lag(events) < 30s", target(.consumerLag(component: "events"), .less, 30, .duration)),
        ("cost.monthly < 4000 USD", target(.monthlyCost, .less, 4000, .money)),
        ("cost.monthly(db) < $500", target(.componentMonthlyCost(component: "db"), .less, 500, .money)),
        ("p99( upload ) \u{2264} 800ms", target(.latency(statistic: .p99, workload: "upload"), .lessOrEqual, 0.8, .duration)),
        ("utilization(m1) \u{2265} 10%", target(.utilization(component: "m1"), .greaterOrEqual, 0.1, .percentage)),
        ("  p99(upload)<800ms  ", target(.latency(statistic: .p99, workload: "upload"), .less, 0.8, .duration)),
        ("p99(up-load.v2) >= 1s", target(.latency(statistic: .p99, workload: "up-load.v2"), .greaterOrEqual, 1, .duration)),
    ]

    @Test(arguments: parses)
    func parsesValidText(_ example: (text: String, expected: TargetExpression)) {
        let result = TargetParser.parse(example.text)
        #expect(result.syntaxValue == example.expected, "\(example.text): \(result)")
    }

    @Test(arguments: parses)
    func textRoundTrips(_ example: (text: String, expected: TargetExpression)) {
        #expect(TargetParser.parse(example.expected.text).syntaxValue == example.expected, "\(example.expected.text)")
    }

    @Test func metricsKnowTheirSubjectAndDimension() {
        let latency = TargetMetric.latency(statistic: .p99, workload: "upload")
        #expect(latency.subject?.name == "upload" && latency.subject?.isWorkload == true)
        let utilization = TargetMetric.utilization(component: "worker")
        #expect(utilization.subject?.name == "worker" && utilization.subject?.isWorkload == false)
        #expect(TargetMetric.monthlyCost.subject == nil)
        #expect(TargetMetric.componentMonthlyCost(component: "db").subject?.isWorkload == false)
        #expect(TargetMetric.queueLength(component: "q").dimension == .count)
        #expect(TargetMetric.errors(workload: "w").dimension == .percentage)
        #expect(TargetMetric.throughput(workload: "w").dimension == .rate)
        #expect(TargetMetric.consumerLag(component: "c").dimension == .duration)
    }

    @Test func quantilesOfStatistics() {
        let quantiles = LatencyStatistic.allCases.map(\.quantile)
        #expect(quantiles == [nil, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0])
    }

    /// Every documented form parses, with the dimension the help states.
    @Test func metricHelpMatchesTheParser() throws {
        let help = TargetParser.metricHelp
        #expect(help.count == 16)
        for line in help {
            let form = line.form.replacing("(workload)", with: "(upload)")
                .replacing("(component)", with: "(worker)")
            let threshold = UnitParser.format(1, line.dimension)
            let target = try #require(TargetParser.parse("\(form) < \(threshold)").syntaxValue, "\(form)")
            #expect(target.metric.dimension == line.dimension, "\(form)")
            #expect(!line.meaning.isEmpty)
        }
    }

    // MARK: - Errors

    static let metrics = "p50, p90, p95, p99, p999, mean, max, errors, throughput, completion.p99, utilization, wait, queue, lag, cost.monthly"

    static let errors: [(text: String, message: String, offset: Int)] = [
        ("", "empty target: write one like `p99(upload) < 800ms`", 0),
        ("< 800ms", "expected a metric like `p99(upload)` but found `<`", 0),
        ("p98(upload) < 800ms", "unknown metric `p98` (did you mean `p90`?); expected one of: \(metrics)", 0),
        ("latency(upload) < 1s", "unknown metric `latency` (did you mean `p99`?); expected one of: \(metrics)", 0),
        ("cost < 5 USD", "unknown metric `cost` (did you mean `cost.monthly`?); expected one of: \(metrics)", 0),
        ("utilisation(w) < 5%", "unknown metric `utilisation` (did you mean `utilization`?); expected one of: \(metrics)", 0),
        ("completion.p98(w) < 5s", "unknown metric `completion.p98` (did you mean `completion.p99`?); expected one of: \(metrics)", 0),
        ("foo(x) < 1", "unknown metric `foo`; expected one of: \(metrics)", 0),
        ("completion(upload) < 1s", "unknown metric `completion` (did you mean `completion.p99`?); expected one of: \(metrics)", 0),
        ("p99 < 800ms", "`p99` needs a workload in parentheses, like `p99(upload)`", 3),
        ("utilization < 75%", "`utilization` needs a component in parentheses, like `utilization(worker)`", 11),
        ("p99() < 800ms", "expected a workload name inside `p99(…)`", 4),
        ("cost.monthly() < 5 USD", "expected a component name inside `cost.monthly(…)`", 13),
        ("p99(upload < 800ms", "missing `)` after `upload` but found `<`", 11),
        ("p99(upload", "missing `)` after `upload`", 10),
        ("p99(upload)", "expected a comparison after `p99(upload)`: a target compares with <, <=, > or >=", 11),
        ("p99(upload) 800ms", "expected a comparison after `p99(upload)`: a target compares with <, <=, > or >=", 12),
        ("p99(upload) == 800ms", "a target compares with <, <=, > or >=", 12),
        ("p99(upload) != 800ms", "a target compares with <, <=, > or >=", 12),
        ("p99(upload) = 800ms", "a target compares with <, <=, > or >=", 12),
        ("p99(upload) <", "expected a threshold after `<`, like `800ms`", 13),
        ("errors(upload) >=  ", "expected a threshold after `>=`, like `0.1%`", 19),
        ("p99(upload) < 800", "`800` has no unit; p99 is a latency: compare it with a duration like `800ms`", 17),
        ("p99(upload) < 50MB", "p99 is a latency: compare it with a duration like `800ms`", 14),
        ("p99.9(upload) < 5MB", "p99.9 is a latency: compare it with a duration like `800ms`", 16),
        ("completion.p99(upload) < 5%", "completion.p99 is a latency: compare it with a duration like `800ms`", 25),
        ("errors(upload) < 0.001",
         "`0.001` has no unit; errors is a fraction of requests: compare it with a percentage like `0.1%`", 22),
        ("throughput(upload) > 50", "`50` has no unit; throughput is a rate: compare it with a rate like `50/s`", 23),
        ("utilization(worker) < 0.75",
         "`0.75` has no unit; utilization is a fraction of capacity: compare it with a percentage like `75%`", 26),
        ("wait(worker) < 5MB", "wait is a duration: compare it with a duration like `100ms`", 15),
        ("queue(worker) < 100ms", "queue is a number of requests: compare it with a plain number like `100`", 16),
        ("lag(events) < 10", "`10` has no unit; lag is a duration: compare it with a duration like `30s`", 16),
        ("cost.monthly < 4000",
         "`4000` has no unit; cost.monthly is an amount of money: compare it with an amount like `4000 USD`", 19),
        ("cost.monthly < 40ms", "cost.monthly is an amount of money: compare it with an amount like `4000 USD`", 15),
        ("p99(upload) < 800ms please", "unexpected `please` after `800ms`", 20),
        ("p99(upload) < 800mss", "unknown unit `mss` for a duration (did you mean `ms`?)", 17),
        ("p99(upload) < -", "expected digits after `-`", 15),
    ]

    @Test(arguments: errors)
    func reportsErrors(_ example: (text: String, message: String, offset: Int)) {
        let error = TargetParser.parse(example.text).syntaxError
        #expect(error == SyntaxError(example.message, at: example.offset), "\(example.text)")
    }
}
