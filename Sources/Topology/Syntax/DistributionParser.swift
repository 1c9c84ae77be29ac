import Foundation

// MARK: - Distribution parser

/// Reads distributions written like function calls, e.g. `exponential(mean: 80ms)`: the text of a
/// quoted scalar, or the call a YAML mapping stands for (`DistributionMapping` builds it from
/// `{ exponential: { mean: 80ms } }`, the language's own form).
package enum DistributionParser {
    /// Parses text written like a function call, with arguments in `dimension`'s units:
    ///
    ///     constant(5ms)            constant(value: 5ms)       5ms  (a bare quantity is a constant)
    ///     exponential(mean: 80ms)  exponential(80ms)          exponential(rate: 12.5/s)  (durations only)
    ///     uniform(low: 1ms, high: 5ms)    uniform(1ms, 5ms)   (also min:/max:)
    ///     normal(mean: 20ms, sd: 5ms)     (also stddev:)
    ///     lognormal(median: 20ms, sigma: 0.5)   lognormal(median: 20ms, p99: 200ms)   lognormal(mean: 20ms, sd: 10ms)
    ///     gamma(shape: 2, scale: 10ms)   gamma(shape: 2, mean: 20ms)   gamma(mean: 20ms, cv: 0.5)
    ///     pareto(scale: 1ms, shape: 2.5)  (also min: for scale, alpha: for shape)
    ///     empirical(file: "samples/x.csv")   (quotes optional)
    ///
    /// Dimensionless arguments (sigma, shape, cv) are plain numbers. Error offsets point at the
    /// offending argument.
    package static func parse(_ text: String, as dimension: Dimension) -> Result<Distribution, SyntaxError> {
        let scalars = ScalarText(text)
        do {
            return .success(try parse(scalars, scalars.whole, as: dimension))
        } catch {
            return .failure(error)
        }
    }

    /// z of the 0.99 quantile of the standard normal: `p99 = median · exp(z · sigma)`.
    static let z99 = 2.3263478740408408

    static func parse(_ text: ScalarText, _ whole: Range<Int>, as dimension: Dimension) throws(SyntaxError) -> Distribution {
        let range = text.trimmed(whole)
        let example = dimension.examples.0
        guard !range.isEmpty else {
            throw SyntaxError(
                "empty distribution: write a constant like `\(example)` or a distribution like `{ exponential: \(example) }`",
                at: whole.lowerBound)
        }
        let start = range.lowerBound
        if text[start].isSyntaxIdentifierStart {
            let nameEnd = text.endOfIdentifier(from: start, to: range.upperBound)
            let name = text.string(start..<nameEnd)
            let open = text.skipSpaces(from: nameEnd, to: range.upperBound)
            if open < range.upperBound, text[open] == "(" {
                guard let spec = DistributionSpec.byName[name] else { throw unknownDistribution(name, at: start) }
                return try parseCall(spec, text, open: open, end: range.upperBound, dimension: dimension)
            }
            if let spec = DistributionSpec.byName[name] {
                throw SyntaxError("`\(name)` needs arguments, like `\(spec.example(dimension))`", at: open)
            }
            // Words that start a quantity (`USD 40`, `inf`) go on to the quantity parser.
            if !["usd", "inf", "infinity", "nan"].contains(name.lowercased()) {
                throw unknownDistribution(name, at: start)
            }
        }
        switch UnitParser.parseQuantity(in: text, range, as: dimension) {
        case .success(let quantity): return .constant(quantity.value)
        case .failure(let failure): throw failure.error
        }
    }

    private static func unknownDistribution(_ name: String, at offset: Int) -> SyntaxError {
        let names = DistributionSpec.all.map(\.name)
        let hint = Suggestions.closest(to: name, in: names).map { " (did you mean `\($0)`?)" } ?? ""
        return SyntaxError(
            "unknown distribution `\(name)`\(hint); expected one of: \(names.joined(separator: ", ")), or a constant like `5ms`",
            at: offset)
    }
}

// MARK: - Arguments

/// One argument as written: `label: value` or just `value`.
private struct WrittenArgument {
    var label: String?
    var labelStart: Int?
    var value: Range<Int>
}

/// An argument matched to its canonical name.
private struct ResolvedArgument {
    /// The name as written (`stddev`), or the canonical one for a positional argument.
    var written: String
    var at: Int
    var value: Range<Int>
}

extension DistributionParser {
    /// Splits `name( … )` into arguments. Commas inside quotes, and in money also those between
    /// digit groups (`$4,000`), do not split.
    private static func splitArguments(
        _ text: ScalarText, open: Int, end: Int, spec: DistributionSpec, dimension: Dimension
    ) throws(SyntaxError) -> (arguments: [WrittenArgument], close: Int) {
        var arguments: [WrittenArgument] = []
        var i = open + 1
        while true {
            i = text.skipSpaces(from: i, to: end)
            guard i < end else { throw SyntaxError("missing `)` to close the arguments", at: end) }
            if text[i] == ")", arguments.isEmpty { return ([], i) }
            var argument = WrittenArgument(value: i..<i)
            let labelEnd = text.endOfIdentifier(from: i, to: end)
            let colon = text.skipSpaces(from: labelEnd, to: end)
            if labelEnd > i, colon < end, text[colon] == ":" {
                argument.label = text.string(i..<labelEnd)
                argument.labelStart = i
                i = colon + 1
            } else if labelEnd > i, colon < end, text[colon] == "=" {
                let name = text.excerpt(i..<labelEnd)
                throw SyntaxError("write `\(name): …` with a colon, not `=`", at: colon)
            }
            var j = i
            while j < end {
                let c = text[j]
                if c == "\"" || c == "'" {
                    guard let closing = text.closingQuote(at: j, to: end) else {
                        throw SyntaxError("unterminated string: missing closing `\(c)`", at: j)
                    }
                    j = closing + 1
                } else if c == ",", dimension == .money, NumberScanner.isGroupingComma(text, at: j, end: end) {
                    j += 1
                } else if c == "," || c == ")" {
                    break
                } else if c == "(" {
                    throw SyntaxError("unexpected `(` inside the arguments", at: j)
                } else if c.isSyntaxSpace, !text[j - 1].isSyntaxSpace, // once per run of spaces: stays linear
                          let next = argumentName(in: text, from: j, to: end), spec.canonical(next.name) != nil {
                    // `normal(mean: 1ms sd: 2ms)`: say what is missing rather than "unexpected `sd: 2ms`".
                    throw SyntaxError("missing `,` before `\(next.name)`", at: next.start)
                } else {
                    j += 1
                }
            }
            guard j < end else { throw SyntaxError("missing `)` to close the arguments", at: end) }
            argument.value = text.trimmed(i..<j)
            if argument.value.isEmpty {
                if let label = argument.label { throw SyntaxError("missing value for `\(label)`", at: j) }
                throw SyntaxError(text[j] == "," ? "expected an argument before `,`" : "expected an argument after `,`", at: j)
            }
            arguments.append(argument)
            if text[j] == ")" { return (arguments, j) }
            i = j + 1
        }
    }

    /// The `name:` starting after the white space at `index`, if there is one.
    private static func argumentName(in text: ScalarText, from index: Int, to end: Int) -> (name: String, start: Int)? {
        let start = text.skipSpaces(from: index, to: end)
        let nameEnd = text.endOfIdentifier(from: start, to: end)
        let colon = text.skipSpaces(from: nameEnd, to: end)
        guard nameEnd > start, colon < end, text[colon] == ":" else { return nil }
        return (text.string(start..<nameEnd), start)
    }

    /// Matches arguments to one of the spec's forms: names, aliases, positions, duplicates,
    /// combinations and missing ones.
    private static func resolve(
        _ arguments: [WrittenArgument], _ spec: DistributionSpec, close: Int, dimension: Dimension
    ) throws(SyntaxError) -> [String: ResolvedArgument] {
        let forms = spec.forms(for: dimension)
        let usage = "\(spec.name) takes \(spec.usage(dimension))"
        var resolved: [String: ResolvedArgument] = [:]
        var order: [String] = []
        var positionalIndex = 0
        for argument in arguments {
            let canonical: String
            let written: String
            let at: Int
            if let label = argument.label, let labelStart = argument.labelStart {
                at = labelStart
                written = label
                if spec.name == "exponential", label == "rate", dimension != .duration {
                    throw SyntaxError("`rate` only applies to a duration (the mean is 1/rate); use `mean` here", at: at)
                }
                guard let known = spec.canonical(label) else {
                    let candidates = forms.flatMap { $0 } + spec.aliases.keys.sorted()
                    let hint = Suggestions.closest(to: label, in: candidates).map { " (did you mean `\(spec.aliases[$0] ?? $0)`?)" } ?? ""
                    throw SyntaxError("unknown argument `\(label)` for \(spec.name)\(hint); \(usage)", at: at)
                }
                canonical = known
            } else {
                at = argument.value.lowerBound
                guard let positional = spec.positional else {
                    throw SyntaxError("\(spec.name) needs named arguments, like `\(spec.example(dimension))`", at: at)
                }
                guard positionalIndex < positional.count else {
                    throw SyntaxError("too many arguments for \(spec.name); \(usage)", at: at)
                }
                canonical = positional[positionalIndex]
                written = canonical
                positionalIndex += 1
            }
            if let earlier = resolved[canonical] {
                let same = earlier.written == written ? "" : " (same as `\(earlier.written)`)"
                throw SyntaxError("duplicate argument `\(written)`\(same)", at: at)
            }
            let together = order + [canonical]
            guard forms.contains(where: { form in together.allSatisfy(form.contains) }) else {
                let clash = order.first { other in !forms.contains { $0.contains(other) && $0.contains(canonical) } } ?? order.last ?? canonical
                throw SyntaxError("`\(written)` cannot be combined with `\(resolved[clash]?.written ?? clash)`; \(usage)", at: at)
            }
            resolved[canonical] = ResolvedArgument(written: written, at: at, value: argument.value)
            order.append(canonical)
        }
        if !forms.contains(where: { Set($0) == Set(order) }) {
            let form = forms.first { form in order.allSatisfy(form.contains) } ?? forms[0]
            let missing = form.filter { !order.contains($0) }.map { "`\($0)`" }
            let noun = missing.count == 1 ? "argument" : "arguments"
            throw SyntaxError("missing \(noun) \(missing.joined(separator: " and ")) for \(spec.name); \(usage)", at: close)
        }
        return resolved
    }
}

// MARK: - Calls

extension DistributionParser {
    private static func parseCall(
        _ spec: DistributionSpec, _ text: ScalarText, open: Int, end: Int, dimension: Dimension
    ) throws(SyntaxError) -> Distribution {
        let (written, close) = try splitArguments(text, open: open, end: end, spec: spec, dimension: dimension)
        let after = text.skipSpaces(from: close + 1, to: end)
        if after < end {
            if text[after] == ")" { throw SyntaxError("unbalanced `)`: it has no matching `(`", at: after) }
            throw SyntaxError("unexpected `\(text.excerpt(after..<end))` after the closing `)`", at: after)
        }
        let resolved = try resolve(written, spec, close: close, dimension: dimension)
        var values = ArgumentValues(text: text, dimension: dimension, arguments: resolved)
        // Read every value in the order written, so the leftmost bad value is the one reported.
        for (name, argument) in resolved.sorted(by: { $0.value.at < $1.value.at }) {
            try values.read(name, kind: spec.kinds[name] ?? .quantity, range: argument.value)
        }
        return try build(spec.name, values)
    }

    private static func build(_ name: String, _ a: ArgumentValues) throws(SyntaxError) -> Distribution {
        switch name {
        case "constant":
            return .constant(a["value"])
        case "exponential":
            if a.has("rate") {
                try a.positive("rate")
                return .exponential(mean: try a.finite(1 / a["rate"], "rate"))
            }
            try a.positive("mean")
            return .exponential(mean: a["mean"])
        case "uniform":
            guard a["low"] <= a["high"] else {
                throw a.error("`\(a.written("high"))` must not be less than `\(a.written("low"))`", at: "high")
            }
            return .uniform(low: a["low"], high: a["high"])
        case "normal":
            // A non-positive mean, truncated at 0 when sampled, would be mostly zeros.
            try a.positive("mean")
            try a.nonNegative("sd")
            return .normal(mean: a["mean"], standardDeviation: a["sd"])
        case "lognormal":
            return try lognormal(a)
        case "gamma":
            if a.has("cv") {
                try a.positive("mean")
                try a.positive("cv")
                let cv2 = a["cv"] * a["cv"]
                return .gamma(shape: try a.finite(1 / cv2, "cv"), scale: try a.finite(a["mean"] * cv2, "cv"))
            }
            try a.positive("shape")
            if a.has("mean") {
                try a.positive("mean")
                return .gamma(shape: a["shape"], scale: try a.finite(a["mean"] / a["shape"], "mean"))
            }
            try a.positive("scale")
            return .gamma(shape: a["shape"], scale: a["scale"])
        case "pareto":
            try a.positive("scale")
            try a.positive("shape")
            return .pareto(scale: a["scale"], shape: a["shape"])
        default:
            return .empirical(file: a.files["file"] ?? "")
        }
    }

    private static func lognormal(_ a: ArgumentValues) throws(SyntaxError) -> Distribution {
        if a.has("median") {
            try a.positive("median")
            let mu = log(a["median"])
            if a.has("sigma") {
                try a.positive("sigma")
                return .lognormal(mu: mu, sigma: a["sigma"])
            }
            let order = "`\(a.written("p99"))` must be greater than `\(a.written("median"))`"
            guard a["p99"] > a["median"] else { throw a.error(order, at: "p99") }
            let sigma = log(a["p99"] / a["median"]) / z99
            // p99 / median can round to exactly 1 for neighbouring doubles.
            guard sigma > 0 else { throw a.error(order, at: "p99") }
            guard sigma.isFinite else { throw a.error("`\(a.written("p99"))` is out of range", at: "p99") }
            return .lognormal(mu: mu, sigma: sigma)
        }
        // Moment matching: sigma² = ln(1 + sd²/mean²), mu = ln(mean) − sigma²/2.
        try a.positive("mean")
        try a.positive("sd")
        let ratio = a["sd"] / a["mean"]
        let variance = try a.finite(log1p(ratio * ratio), "sd")
        return .lognormal(mu: log(a["mean"]) - variance / 2, sigma: variance.squareRoot())
    }
}

// MARK: - Argument values

/// The parsed values of resolved arguments, with the checks that report at the argument.
private struct ArgumentValues {
    let text: ScalarText
    let dimension: Dimension
    let arguments: [String: ResolvedArgument]
    var numbers: [String: Double] = [:]
    var files: [String: String] = [:]

    func has(_ name: String) -> Bool { arguments[name] != nil }
    subscript(_ name: String) -> Double { numbers[name] ?? .nan }
    func written(_ name: String) -> String { arguments[name]?.written ?? name }

    func error(_ message: String, at name: String) -> SyntaxError {
        SyntaxError(message, at: arguments[name]?.value.lowerBound ?? 0)
    }

    mutating func read(_ name: String, kind: DistributionArgumentKind, range: Range<Int>) throws(SyntaxError) {
        let valueDimension: Dimension
        switch kind {
        case .quantity: valueDimension = dimension
        case .number: valueDimension = .count
        case .rate: valueDimension = .rate
        case .file:
            files[name] = try file(range, name: name)
            return
        }
        switch UnitParser.parseQuantity(in: text, range, as: valueDimension) {
        case .success(let quantity): numbers[name] = quantity.value
        case .failure(let failure): throw failure.error
        }
    }

    private func file(_ range: Range<Int>, name: String) throws(SyntaxError) -> String {
        var path = text.string(range)
        let first = text[range.lowerBound]
        if first == "\"" || first == "'" {
            // The splitter already found the closing quote, so it exists.
            let closing = text.closingQuote(at: range.lowerBound, to: range.upperBound) ?? range.upperBound - 1
            let restStart = text.skipSpaces(from: closing + 1, to: range.upperBound)
            if restStart < range.upperBound {
                let rest = restStart..<range.upperBound
                throw SyntaxError("unexpected `\(text.excerpt(rest))` after the file name", at: rest.lowerBound)
            }
            path = text.unquoted(range.lowerBound..<closing + 1)
        }
        guard !path.isEmpty else { throw error("`\(written(name))` must not be empty", at: name) }
        return path
    }

    func positive(_ name: String) throws(SyntaxError) {
        guard self[name] > 0 else { throw error("`\(written(name))` must be greater than 0", at: name) }
    }

    func nonNegative(_ name: String) throws(SyntaxError) {
        guard self[name] >= 0 else { throw error("`\(written(name))` must not be negative", at: name) }
    }

    /// A derived parameter, which can overflow even when every written number is finite.
    func finite(_ value: Double, _ name: String) throws(SyntaxError) -> Double {
        guard value.isFinite, value != 0 else { throw error("`\(written(name))` is out of range", at: name) }
        return value
    }
}
