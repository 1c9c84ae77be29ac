extension Dimension {
    /// How the dimension is named in messages and docs, with an example of its units.
    package var expectation: String {
        switch self {
        case .duration: "a duration like `250ms`, `30s`, `2h`"
        case .rate: "a rate like `50/s` or `3000/min`"
        case .size: "a size like `512KB`, `2MiB`, `1GB`"
        case .bandwidth: "a bandwidth like `100Mbps`, `5Gbps` or `50MB/s`"
        case .megapixels: "an image size like `12MP` or `4000x3000`"
        case .percentage: "a percentage like `75%`"
        case .money: "an amount like `4000 USD`"
        case .count: "a number"
        }
    }

    /// The bare noun, for compact type names in the reference.
    package var noun: String {
        switch self {
        case .duration: "duration"
        case .rate: "rate"
        case .size: "size"
        case .bandwidth: "bandwidth"
        case .megapixels: "megapixels"
        case .percentage: "percentage"
        case .money: "money"
        case .count: "number"
        }
    }
}

extension ValueType {
    /// What the value must look like, as a phrase that follows "expects".
    package var summaryForMessages: String {
        switch self {
        case .text: "text"
        case .identifier: "a name"
        case .boolean: "`true` or `false`"
        case .integer: "a whole number"
        case .number: "a number"
        case .quantity(let dimension, _): dimension.expectation
        case .distribution(let dimension, _):
            "a distribution like `{ exponential: \(dimension.exampleValue) }` or a constant like `\(dimension.exampleValue)`"
        case .choice(let options): "one of " + SpecDecoder.list(options, limit: 12)
        case .reference(let kind): "the name of a \(kind.noun)"
        case .condition: "a condition like `type == CAR`"
        case .target: "a target like `p99(upload) < 800ms`"
        case .pixelBox: "pixel dimensions like `320x240`"
        case .list(let element, _): "a list of \(element.pluralNoun)"
        case .oneOrMany(let element): "\(element.summaryForMessages) or a list of them"
        case .object(let spec): "a mapping (\(spec.summary.lowercasedFirst))"
        case .map(let key, _): "a mapping of \(key.what) names to their settings"
        case .variant(let spec):
            switch spec.discriminator {
            case .field(let field): "a mapping with `\(field):` (\(SpecDecoder.list(spec.tags, limit: 6)))"
            case .presentKey: "a mapping with one of " + SpecDecoder.list(spec.tags, limit: 8)
            }
        case .oneOf(let alternatives): alternatives.map(\.summaryForMessages).joined(separator: " or ")
        }
    }

    /// Short type name for the reference tables: `duration`, `list of rate`, `distribution of duration`.
    package var shortName: String {
        switch self {
        case .text: "text"
        case .identifier: "name"
        case .boolean: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .quantity(let dimension, _): dimension.noun
        case .distribution(let dimension, _): "distribution (\(dimension.noun))"
        case .choice(let options): options.map { "`\($0)`" }.joined(separator: " \\| ")
        case .reference(let kind): "\(kind.noun) name"
        case .condition: "condition"
        case .target: "target expression"
        case .pixelBox: "pixel box"
        case .list(let element, _): "list of \(element.shortName)"
        case .oneOrMany(let element): "\(element.shortName) or list"
        case .object(let spec): spec.name
        case .map(let key, let value): "map: \(key.what) → \(value.shortName)"
        case .variant(let spec): spec.name
        case .oneOf(let alternatives): alternatives.map(\.shortName).joined(separator: " or ")
        }
    }

    fileprivate var pluralNoun: String {
        switch self {
        case .quantity(let dimension, _): dimension.noun + "s"
        case .reference(let kind): kind.noun + " names"
        case .object(let spec): spec.name + " entries"
        case .variant(let spec): spec.name + " entries"
        default: shortName + " values"
        }
    }
}

extension ValueType {
    /// The dimension of a quantity or distribution type.
    package var dimension: Dimension? {
        switch self {
        case .quantity(let dimension, _), .distribution(let dimension, _): dimension
        default: nil
        }
    }
}

extension ReferenceKind {
    package var noun: String {
        switch self {
        case .component(let families) where families.isEmpty: "component"
        case .component(let families): families.map(\.rawValue).sorted().joined(separator: "/") + " component"
        case .subnet: "subnet"
        case .zone: "zone"
        case .kernel: "kernel"
        case .workload: "workload"
        case .handler: "handler"
        }
    }
}

extension Dimension {
    fileprivate var exampleValue: String {
        switch self {
        case .duration: "80ms"
        case .rate: "50/s"
        case .size: "2MB"
        case .bandwidth: "1Gbps"
        case .megapixels: "12MP"
        case .percentage: "50%"
        case .money: "100 USD"
        case .count: "1"
        }
    }
}

extension String {
    package var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
