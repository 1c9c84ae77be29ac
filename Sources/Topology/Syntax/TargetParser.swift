// MARK: - Target parser

/// Reads capacity targets like `p99(upload) < 800ms`.
package enum TargetParser {
    /// Grammar: `metric ["(" name ")"] op threshold`, where op is `<`, `<=`, `>` or `>=` (also
    /// `≤`, `≥`) and the threshold has the metric's dimension.
    package static func parse(_ text: String) -> Result<TargetExpression, SyntaxError> {
        do {
            return .success(try parse(ScalarText(text)))
        } catch {
            return .failure(error)
        }
    }

    /// One line per metric form with its meaning and threshold unit, for documentation and error messages.
    package static var metricHelp: [(form: String, meaning: String, dimension: Dimension)] {
        [
            ("p50(workload)", "median end-to-end latency of the workload's requests", .duration),
            ("p90(workload)", "90th percentile of the latency", .duration),
            ("p95(workload)", "95th percentile of the latency", .duration),
            ("p99(workload)", "99th percentile of the latency", .duration),
            ("p999(workload)", "99.9th percentile of the latency (also written `p99.9`)", .duration),
            ("mean(workload)", "mean latency", .duration),
            ("max(workload)", "largest latency", .duration),
            ("errors(workload)", "fraction of the workload's requests that failed", .percentage),
            ("throughput(workload)", "requests completed per unit of time", .rate),
            ("completion.p99(workload)",
             "latency until the request's asynchronous work is done (any statistic: `completion.mean`, `completion.p50` …)",
             .duration),
            ("utilization(component)", "fraction of the component's capacity in use", .percentage),
            ("wait(component)", "mean time a request waits in the component's queue", .duration),
            ("queue(component)", "mean number of requests waiting in the component's queue", .count),
            ("lag(component)", "how far the consumers of a stream or queue are behind", .duration),
            ("cost.monthly", "monthly cost of the whole topology", .money),
            ("cost.monthly(component)", "monthly cost of one component", .money),
        ]
    }

    static let comparisonAdvice = "a target compares with <, <=, > or >="

    /// Whether `name` can be written bare between the parentheses of a target.
    package static func isBare(_ name: String) -> Bool {
        let text = ScalarText(name)
        return !name.isEmpty && text.endOfIdentifier(from: 0, to: text.count, extra: ["-", "."]) == text.count
    }

    /// `name` as a target writes it: bare when it can be, else in double quotes.
    package static func written(_ name: String) -> String {
        if isBare(name) { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A name with spaces or punctuation written bare (`p99(my api) < 1s`): the error shows it quoted.
    fileprivate static func needsQuotes(_ text: ScalarText, from start: Int, to end: Int, metric: String, noun: String) -> SyntaxError? {
        guard let close = (start..<end).last(where: { text[$0] == ")" }) else { return nil }
        let range = text.trimmed(start..<close)
        guard !range.isEmpty else { return nil }
        let name = text.string(range)
        guard !isBare(name), !name.contains("(") else { return nil }
        return SyntaxError(
            "a \(noun) name with characters other than letters, digits, `_`, `-` and `.` is quoted in a target: write `\(metric)(\(written(name)))`",
            at: start)
    }
}

// MARK: - Metric names

extension TargetParser {
    /// A metric name before its subject is known.
    private enum MetricKind {
        case latency(LatencyStatistic)
        case completion(LatencyStatistic)
        case errors, throughput, utilization, wait, queue, lag, cost

        init?(_ name: String) {
            func statistic(_ name: Substring) -> LatencyStatistic? {
                name == "p99.9" ? .p999 : LatencyStatistic(rawValue: String(name))
            }
            if let statistic = statistic(name[...]) {
                self = .latency(statistic)
            } else if name.hasPrefix("completion."), let statistic = statistic(name.dropFirst("completion.".count)) {
                self = .completion(statistic)
            } else {
                switch name {
                case "errors": self = .errors
                case "throughput": self = .throughput
                case "utilization": self = .utilization
                case "wait": self = .wait
                case "queue": self = .queue
                case "lag": self = .lag
                case "cost.monthly": self = .cost
                default: return nil
                }
            }
        }

        /// Whether the subject is a workload (true), a component (false); nil when optional.
        var takesWorkload: Bool? {
            switch self {
            case .latency, .completion, .errors, .throughput: true
            case .utilization, .wait, .queue, .lag: false
            case .cost: nil
            }
        }

        func metric(_ subject: String?) -> TargetMetric {
            let name = subject ?? ""
            switch self {
            case .latency(let statistic): return .latency(statistic: statistic, workload: name)
            case .completion(let statistic): return .completionLatency(statistic: statistic, workload: name)
            case .errors: return .errors(workload: name)
            case .throughput: return .throughput(workload: name)
            case .utilization: return .utilization(component: name)
            case .wait: return .queueWait(component: name)
            case .queue: return .queueLength(component: name)
            case .lag: return .consumerLag(component: name)
            case .cost: return subject.map { .componentMonthlyCost(component: $0) } ?? .monthlyCost
            }
        }
    }

    /// The names an "unknown metric" message lists.
    static let listedMetrics = [
        "p50", "p90", "p95", "p99", "p999", "mean", "max", "errors", "throughput", "completion.p99",
        "utilization", "wait", "queue", "lag", "cost.monthly",
    ]

    /// Names people reach for, mapped to the metric to suggest.
    static let metricMisspellings = [
        "cost": "cost.monthly", "latency": "p99", "error_rate": "errors", "error": "errors",
        "utilisation": "utilization", "p99_9": "p999", "completion": "completion.p99",
    ]

    private static func unknownMetric(_ name: String, at offset: Int) -> SyntaxError {
        let candidates = listedMetrics + LatencyStatistic.allCases.map { "completion.\($0.rawValue)" }
            + metricMisspellings.keys.sorted()
        let hint = Suggestions.closest(to: name, in: candidates).map { " (did you mean `\(metricMisspellings[$0] ?? $0)`?)" } ?? ""
        return SyntaxError("unknown metric `\(name)`\(hint); expected one of: \(listedMetrics.joined(separator: ", "))", at: offset)
    }

    /// "p99 is a latency: compare it with a duration like `800ms`", and that example threshold.
    static func thresholdAdvice(_ metric: TargetMetric, written name: String) -> (message: String, example: String) {
        switch metric {
        case .latency, .completionLatency:
            ("\(name) is a latency: compare it with a duration like `800ms`", "800ms")
        case .errors:
            ("errors is a fraction of requests: compare it with a percentage like `0.1%`", "0.1%")
        case .throughput:
            ("throughput is a rate: compare it with a rate like `50/s`", "50/s")
        case .utilization:
            ("utilization is a fraction of capacity: compare it with a percentage like `75%`", "75%")
        case .queueWait:
            ("wait is a duration: compare it with a duration like `100ms`", "100ms")
        case .queueLength:
            ("queue is a number of requests: compare it with a plain number like `100`", "100")
        case .consumerLag:
            ("lag is a duration: compare it with a duration like `30s`", "30s")
        case .monthlyCost, .componentMonthlyCost:
            ("cost.monthly is an amount of money: compare it with an amount like `4000 USD`", "4000 USD")
        }
    }
}

// MARK: - Parsing

extension TargetParser {
    private static func parse(_ text: ScalarText) throws(SyntaxError) -> TargetExpression {
        let end = text.count
        let start = text.skipSpaces(from: 0, to: end)
        guard start < end else { throw SyntaxError("empty target: write one like `p99(upload) < 800ms`", at: 0) }

        // MARK: Metric
        let nameEnd = text.endOfIdentifier(from: start, to: end, extra: ["."])
        guard nameEnd > start else {
            throw SyntaxError("expected a metric like `p99(upload)` but found `\(text.wordExcerpt(at: start, to: end))`", at: start)
        }
        let written = text.string(start..<nameEnd)
        guard let kind = MetricKind(written) else { throw unknownMetric(written, at: start) }

        // MARK: Subject
        var i = text.skipSpaces(from: nameEnd, to: end)
        var subject: String?
        var metricEnd = nameEnd
        let noun = kind.takesWorkload == true ? "workload" : "component"
        if i < end, text[i] == "(" {
            let subjectStart = text.skipSpaces(from: i + 1, to: end)
            let name: String
            let subjectEnd: Int
            if let quote = text.at(subjectStart), quote == "\"" || quote == "'" {
                // A quoted name: any characters a name may have (`p99("my api") < 1s`).
                guard let closing = text.closingQuote(at: subjectStart, to: end) else {
                    throw SyntaxError("the \(noun) name has no closing \(quote == "\"" ? "double" : "single") quote", at: subjectStart)
                }
                name = text.unquoted(subjectStart..<(closing + 1))
                subjectEnd = closing + 1
                guard !name.isEmpty else { throw SyntaxError("the \(noun) name in `\(written)(…)` is empty", at: subjectStart) }
            } else {
                subjectEnd = text.endOfIdentifier(from: subjectStart, to: end, extra: ["-", "."])
                name = text.string(subjectStart..<subjectEnd)
            }
            let close = text.skipSpaces(from: subjectEnd, to: end)
            guard subjectEnd > subjectStart, close < end, text[close] == ")" else {
                if let quoted = needsQuotes(text, from: subjectStart, to: end, metric: written, noun: noun) { throw quoted }
                guard subjectEnd > subjectStart else {
                    throw SyntaxError("expected a \(noun) name inside `\(written)(…)`", at: subjectStart)
                }
                let found = close == end ? "" : " but found `\(text.wordExcerpt(at: close, to: end))`"
                throw SyntaxError("missing `)` after `\(text.excerpt(subjectStart..<subjectEnd))`\(found)", at: close)
            }
            subject = name
            metricEnd = close + 1
            i = text.skipSpaces(from: metricEnd, to: end)
        } else if kind.takesWorkload != nil {
            throw SyntaxError("`\(written)` needs a \(noun) in parentheses, like `\(written)(\(kind.takesWorkload == true ? "upload" : "worker"))`", at: nameEnd)
        }
        let metric = kind.metric(subject)
        let metricText = text.excerpt(start..<metricEnd)

        // MARK: Operator
        let op: ComparisonOperator
        var opLength = 1
        switch (text.at(i), text.at(i + 1)) {
        case ("<", "="): op = .lessOrEqual; opLength = 2
        case (">", "="): op = .greaterOrEqual; opLength = 2
        case ("<", _): op = .less
        case (">", _): op = .greater
        case ("\u{2264}", _): op = .lessOrEqual
        case ("\u{2265}", _): op = .greaterOrEqual
        case ("=", _), ("!", "="):
            throw SyntaxError(comparisonAdvice, at: i)
        default:
            throw SyntaxError("expected a comparison after `\(metricText)`: \(comparisonAdvice)", at: i)
        }

        // MARK: Threshold
        let advice = thresholdAdvice(metric, written: written)
        let thresholdStart = text.skipSpaces(from: i + opLength, to: end)
        guard thresholdStart < end else {
            throw SyntaxError("expected a threshold after `\(op.rawValue)`, like `\(advice.example)`", at: thresholdStart)
        }
        switch UnitParser.parseQuantity(in: text, thresholdStart..<end, as: metric.dimension) {
        case .success(let threshold):
            return TargetExpression(metric: metric, op: op, threshold: threshold)
        case .failure(let failure):
            switch failure.kind {
            case .missingUnit:
                let number = text.excerpt(thresholdStart..<failure.error.offset)
                throw SyntaxError("`\(number)` has no unit; \(advice.message)", at: failure.error.offset)
            case .wrongDimension:
                throw SyntaxError(advice.message, at: thresholdStart)
            case .other:
                throw failure.error
            }
        }
    }
}
