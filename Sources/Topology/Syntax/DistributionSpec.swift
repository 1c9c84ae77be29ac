// MARK: - Argument kinds

/// What an argument's value is read as.
enum DistributionArgumentKind: Sendable {
    /// In the distribution's own dimension (`mean: 80ms` for a duration).
    case quantity
    /// Dimensionless: sigma, shape, cv.
    case number
    /// A rate, whose reciprocal is a duration: `exponential(rate: 12.5/s)`.
    case rate
    /// A file name, quotes optional.
    case file
}

// MARK: - Spec

/// The accepted ways to write one distribution. Data rather than code, so the messages that list
/// what is accepted can never drift from what the parser accepts.
struct DistributionSpec: Sendable {
    let name: String
    /// Each form is a set of canonical argument names that together define the distribution.
    let forms: [[String]]
    /// Canonical names of unnamed arguments by position; nil when names are required because
    /// positions would be ambiguous (lognormal).
    let positional: [String]?
    let aliases: [String: String]
    let kinds: [String: DistributionArgumentKind]

    static let all: [DistributionSpec] = [
        .init(name: "constant", forms: [["value"]], positional: ["value"], aliases: [:],
              kinds: ["value": .quantity]),
        .init(name: "exponential", forms: [["mean"], ["rate"]], positional: ["mean"], aliases: [:],
              kinds: ["mean": .quantity, "rate": .rate]),
        .init(name: "uniform", forms: [["low", "high"]], positional: ["low", "high"],
              aliases: ["min": "low", "max": "high"], kinds: ["low": .quantity, "high": .quantity]),
        .init(name: "normal", forms: [["mean", "sd"]], positional: ["mean", "sd"],
              aliases: ["stddev": "sd"], kinds: ["mean": .quantity, "sd": .quantity]),
        .init(name: "lognormal", forms: [["median", "sigma"], ["median", "p99"], ["mean", "sd"]], positional: nil,
              aliases: ["stddev": "sd"],
              kinds: ["median": .quantity, "sigma": .number, "p99": .quantity, "mean": .quantity, "sd": .quantity]),
        .init(name: "gamma", forms: [["shape", "scale"], ["shape", "mean"], ["mean", "cv"]], positional: ["shape", "scale"],
              aliases: [:], kinds: ["shape": .number, "scale": .quantity, "mean": .quantity, "cv": .number]),
        .init(name: "pareto", forms: [["scale", "shape"]], positional: ["scale", "shape"],
              aliases: ["min": "scale", "alpha": "shape"], kinds: ["scale": .quantity, "shape": .number]),
        .init(name: "empirical", forms: [["file"]], positional: ["file"], aliases: [:], kinds: ["file": .file]),
    ]

    static let byName: [String: DistributionSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The forms usable for `dimension`: `rate` only makes sense when values are durations.
    func forms(for dimension: Dimension) -> [[String]] {
        forms.filter { !$0.contains("rate") || dimension == .duration }
    }

    func canonical(_ label: String) -> String? {
        kinds[label] != nil ? label : aliases[label]
    }

    /// "`median` and `sigma`, `median` and `p99`, or `mean` and `sd`".
    func usage(_ dimension: Dimension) -> String {
        let described = forms(for: dimension).map { $0.map { "`\($0)`" }.joined(separator: " and ") }
        guard described.count > 1, let last = described.last else { return described.first ?? "" }
        let comma = described.count > 2 ? "," : ""
        return described.dropLast().joined(separator: ", ") + "\(comma) or " + last
    }

    /// The first form written out with example values in `dimension`'s units, in the language's
    /// YAML form: `{ exponential: 5ms }`, `{ lognormal: { median: 5ms, sigma: 0.5 } }`.
    func example(_ dimension: Dimension) -> String {
        var quantities = [dimension.examples.0, dimension.examples.1].makeIterator()
        let numbers = ["sigma": "0.5", "shape": "2", "cv": "0.5"]
        let arguments = forms[0].map { name -> (String, String) in
            let value = switch kinds[name] ?? .quantity {
            case .quantity: quantities.next() ?? dimension.examples.0
            case .number: numbers[name] ?? "1"
            case .rate: "12.5/s"
            case .file: "samples.csv"
            }
            return (name, value)
        }
        if arguments.count == 1, positional != nil { return "{ \(self.name): \(arguments[0].1) }" }
        return "{ \(self.name): { \(arguments.map { "\($0.0): \($0.1)" }.joined(separator: ", ")) } }"
    }
}
