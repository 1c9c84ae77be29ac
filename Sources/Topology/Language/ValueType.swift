/// The language is described once, as data: every section, field, type, unit, default and
/// description lives in a tree of these specs. The decoder checks YAML against it, the JSON
/// Schema exporter and the Markdown reference are printed from it, so the three can't drift.
package indirect enum ValueType: Sendable {
    /// Free text (a description, a file name).
    case text
    /// A name defined by the topology itself (a component, zone, attribute value…).
    case identifier
    case boolean
    case integer(Bounds)
    /// A plain number (probabilities, factors, shape parameters).
    case number(Bounds)
    /// A number with a unit of `Dimension`, like `250ms` or `50/s`.
    case quantity(Dimension, Bounds)
    /// A distribution written like `{ exponential: 80ms }` (or the quoted call `"exponential(mean: 80ms)"`); a bare quantity means a constant.
    case distribution(Dimension, Bounds)
    /// One of a fixed set of words.
    case choice([String])
    /// The name of something declared elsewhere in the file; checked after decoding.
    case reference(ReferenceKind)
    /// A condition on request attributes: `type == CAR`.
    case condition
    /// A capacity target: `p99(upload) < 800ms`.
    case target
    /// Pixel dimensions like `320x240`.
    case pixelBox
    case list(ValueType, minCount: Int)
    /// A single value or a list of them: `targets: web` or `targets: [web, api]`.
    case oneOrMany(ValueType)
    case object(ObjectSpec)
    /// A mapping whose keys are names chosen by the user (components, subnets…).
    case map(key: KeyRule, value: ValueType)
    case variant(VariantSpec)
    /// Alternatives told apart by the YAML node's shape (scalar, list, mapping) and, among
    /// scalars, by which one parses. Listed most specific first.
    case oneOf([ValueType])
}

/// Range a number must lie in. `lower` violations are impossible values ("must be greater
/// than 0"); `upper` ones are beyond what archsim can simulate or what the cloud allows.
package struct Bounds: Sendable {
    package var lower: Double?
    package var lowerExclusive: Bool
    package var upper: Double?
    /// Why the upper bound exists, shown in the error ("AWS Lambda allows at most 15 minutes").
    package var upperReason: String?

    package init(lower: Double? = nil, lowerExclusive: Bool = false, upper: Double? = nil, upperReason: String? = nil) {
        self.lower = lower
        self.lowerExclusive = lowerExclusive
        self.upper = upper
        self.upperReason = upperReason
    }

    package static let any = Bounds()
    package static let nonNegative = Bounds(lower: 0)
    package static let positive = Bounds(lower: 0, lowerExclusive: true)
    package static let probability = Bounds(lower: 0, upper: 1, upperReason: "a probability is at most 1")
    /// Percentages above 100% are never meaningful in the language.
    package static let percentage = Bounds(lower: 0, upper: 1, upperReason: "a percentage is at most 100%")

    package static func positive(upTo upper: Double, _ reason: String) -> Bounds {
        Bounds(lower: 0, lowerExclusive: true, upper: upper, upperReason: reason)
    }

    package static func nonNegative(upTo upper: Double, _ reason: String) -> Bounds {
        Bounds(lower: 0, upper: upper, upperReason: reason)
    }

    package static func range(_ lower: Double, _ upper: Double, _ reason: String? = nil) -> Bounds {
        Bounds(lower: lower, upper: upper, upperReason: reason)
    }
}

/// What a `.reference` names. Component references may be limited to kinds of some families.
package enum ReferenceKind: Sendable, Hashable {
    case component(families: Set<KindFamily>)
    case subnet
    case zone
    case kernel
    case workload
    case handler

    package static let anyComponent = ReferenceKind.component(families: [])
}

/// Keys of user-named maps: component names, subnet names, handler names.
package struct KeyRule: Sendable {
    package var what: String
    package var example: String
    package init(_ what: String, example: String) {
        self.what = what
        self.example = example
    }
}

/// A mapping with known fields.
package struct ObjectSpec: Sendable {
    /// Name for the schema's `$defs` and the reference's headings.
    package var name: String
    package var summary: String
    package var fields: [FieldSpec]
    /// Whether `key: ~` (or a bare word in a list of variants) may stand for an empty object.
    package var allowsNull: Bool
    /// Fields that people write but that don't belong here, with the reason (e.g. `subnet`
    /// on a regional service): a better message than "unknown field".
    package var forbidden: [String: String] = [:]

    package init(_ name: String, _ summary: String, allowsNull: Bool = false, fields: [FieldSpec]) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.allowsNull = allowsNull
    }

    package func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }
}

package struct FieldSpec: Sendable {
    package var name: String
    package var type: ValueType
    package var summary: String
    package var isRequired: Bool
    /// The default, written as it would be in YAML, parsed through `type` (a test checks it does).
    package var defaultValue: String?
    /// Where the default comes from (an AWS quota page, a measurement…).
    package var defaultSource: String?
    package var example: String?

    package init(
        _ name: String, _ type: ValueType, _ summary: String, required: Bool = false,
        default defaultValue: String? = nil, source: String? = nil, example: String? = nil
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.isRequired = required
        self.defaultValue = defaultValue
        self.defaultSource = source
        self.example = example
    }
}

/// A mapping whose shape depends on a tag: the value of a field (`kind: alb`) or which one of
/// several keys is present (`call: images`, `zone-outage: a`).
package struct VariantSpec: Sendable {
    package enum Discriminator: Sendable {
        case field(String)
        case presentKey
    }

    package var name: String
    package var summary: String
    package var discriminator: Discriminator
    package var cases: [ObjectSpec]
    /// For `.field`, the case object's `name` is the tag value; for `.presentKey`, it is the key.
    package init(_ name: String, _ summary: String, by discriminator: Discriminator, cases: [ObjectSpec]) {
        self.name = name
        self.summary = summary
        self.discriminator = discriminator
        self.cases = cases
    }

    package var tags: [String] { cases.map(\.name) }

    package func caseSpec(_ tag: String) -> ObjectSpec? {
        cases.first { $0.name == tag }
    }
}
