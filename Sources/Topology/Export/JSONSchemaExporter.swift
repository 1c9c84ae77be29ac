import Foundation
import Yams

/// Prints the language spec as a JSON Schema (draft 2020-12), for editors (the
/// `yaml-language-server` modeline) and other tools. Named objects go to `$defs`.
package struct JSONSchemaExporter {
    package static let schemaID = "https://archsim.dev/schema/v1/topology.schema.json"

    private var definitions: [(String, JSONValue)] = []
    private var definitionNames: Set<String> = []

    package static func schema() -> JSONValue {
        var exporter = JSONSchemaExporter()
        guard case .object(var root) = exporter.objectSchema(Language.root) else { return .null }
        let header: [(String, JSONValue)] = [
            ("$schema", JSONValue.string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", JSONValue.string(schemaID)),
            ("title", JSONValue.string("archsim topology, language version \(Language.version)")),
        ]
        root.insert(contentsOf: header, at: 0)
        root.append(("$defs", JSONValue.object(exporter.definitions)))
        return .object(root)
    }

    // MARK: - Types

    private mutating func schema(for type: ValueType) -> JSONValue {
        switch type {
        case .text:
            return .object([("type", .string("string"))])
        case .identifier, .reference:
            return .object([
                ("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(NameRules.maximumLength)),
                ("pattern", .string(Self.namePattern)),
            ])
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .integer(let bounds):
            return .object([("type", .string("integer"))] + limits(bounds))
        case .number(let bounds):
            return .object([("type", .string("number"))] + limits(bounds))
        case .quantity(let dimension, let bounds):
            return .object([("type", .string("string")), ("pattern", .string(Self.pattern(for: dimension, bounds)))])
        case .distribution(let dimension, _):
            return distributionSchema(dimension)
        case .choice(let options):
            return .object([("enum", .array(options.map(JSONValue.string)))])
        case .condition:
            return .object([("type", .string("string")), ("minLength", .int(1))])
        case .target:
            return .object([("type", .string("string")), ("pattern", .string(Self.targetPattern))])
        case .pixelBox:
            return .object([("type", .string("string")), ("pattern", .string("^\\s*[0-9]+\\s*[x×]\\s*[0-9]+\\s*$"))])
        case .list(let element, let minCount):
            var pairs: [(String, JSONValue)] = [("type", .string("array")), ("items", schema(for: element))]
            if minCount > 0 { pairs.append(("minItems", .int(minCount))) }
            return .object(pairs)
        case .oneOrMany(let element):
            let single = schema(for: element)
            return .object([("anyOf", .array([single, .object([("type", .string("array")), ("items", single), ("minItems", .int(1))])]))])
        case .object(let spec):
            return reference(to: spec, name: spec.name)
        case .map(_, let value):
            return .object([
                ("type", .string("object")),
                ("propertyNames", .object([
                    ("minLength", .int(1)), ("maxLength", .int(NameRules.maximumLength)), ("pattern", .string(Self.namePattern)),
                ])),
                ("additionalProperties", schema(for: value)),
            ])
        case .variant(let spec):
            var options = spec.cases.map { reference(to: $0, name: "\(spec.name).\($0.name)") }
            if case .presentKey = spec.discriminator {
                let bare = spec.cases.filter { $0.allowsNull }.map { JSONValue.string($0.name) }
                if !bare.isEmpty { options.append(.object([("enum", .array(bare))])) }
            }
            return .object([("oneOf", .array(options))])
        case .oneOf(let alternatives):
            return .object([("anyOf", .array(alternatives.map { schema(for: $0) }))])
        }
    }

    /// Named objects live in `$defs` once and are referenced everywhere they appear.
    private mutating func reference(to spec: ObjectSpec, name: String) -> JSONValue {
        if !definitionNames.contains(name) {
            definitionNames.insert(name)
            let index = definitions.count
            definitions.append((name, .null))
            definitions[index].1 = objectSchema(spec)
        }
        return .object([("$ref", .string("#/$defs/\(name)"))])
    }

    private mutating func objectSchema(_ spec: ObjectSpec) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for field in spec.fields {
            guard case .object(var pairs) = schema(for: field.type) else { continue }
            var description = field.summary
            if let source = field.defaultSource { description += " (default from: \(source))" }
            pairs.insert(("description", .string(description)), at: 0)
            if let defaultText = field.defaultValue { pairs.append(("default", Self.json(fromYAML: defaultText))) }
            if let example = field.example { pairs.append(("examples", .array([Self.json(fromYAML: example)]))) }
            properties.append((field.name, .object(pairs)))
        }
        var pairs: [(String, JSONValue)] = [
            ("type", spec.allowsNull ? .array([.string("object"), .string("null")]) : .string("object")),
            ("description", .string(spec.summary)),
            ("properties", .object(properties)),
        ]
        let required = spec.fields.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        pairs.append(("additionalProperties", .bool(false)))
        return .object(pairs)
    }

    private func limits(_ bounds: Bounds) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        if let lower = bounds.lower { pairs.append((bounds.lowerExclusive ? "exclusiveMinimum" : "minimum", .double(lower))) }
        if let upper = bounds.upper { pairs.append(("maximum", .double(upper))) }
        return pairs
    }

    // MARK: - Distributions

    /// A distribution of `dimension`: a constant, a quoted call, or the one-key mapping (one
    /// definition per dimension in `$defs`, so editors complete the names and their arguments).
    private mutating func distributionSchema(_ dimension: Dimension) -> JSONValue {
        let name = "distribution.\(dimension.rawValue)"
        if !definitionNames.contains(name) {
            definitionNames.insert(name)
            definitions.append((name, Self.distributionMapping(dimension)))
        }
        let names = DistributionSpec.all.map(\.name).joined(separator: "|")
        return .object([
            ("anyOf", .array([
                .object([
                    ("description", .string("A constant")),
                    ("type", .string("string")), ("pattern", .string(Self.pattern(for: dimension))),
                ]),
                .object([
                    ("description", .string("A distribution written as a quoted call, like \"exponential(mean: 80ms)\"")),
                    ("type", .string("string")), ("pattern", .string("^\\s*(\(names))\\s*\\(.*\\)\\s*$")),
                ]),
                .object([("$ref", .string("#/$defs/\(name)"))]),
            ])),
        ])
    }

    /// `{ lognormal: { median: 12ms, p99: 60ms } }` and the other forms of each distribution,
    /// from the same spec the parser reads.
    private static func distributionMapping(_ dimension: Dimension) -> JSONValue {
        func argument(_ kind: DistributionArgumentKind, _ name: String = "", of distribution: String = "") -> JSONValue {
            switch kind {
            case .quantity: .object([("type", .string("string")), ("pattern", .string(pattern(for: dimension)))])
            // A Pareto shape of 1 or less has an infinite mean, which validate refuses
            // (DistributionChecks); other dimensionless arguments must be positive.
            case .number where distribution == "pareto" && name == "shape":
                .object([("type", .string("number")), ("exclusiveMinimum", .int(1))])
            case .number: .object([("type", .string("number")), ("exclusiveMinimum", .int(0))])
            case .rate: .object([("type", .string("string")), ("pattern", .string(pattern(for: .rate)))])
            case .file: .object([("type", .string("string")), ("minLength", .int(1))])
            }
        }
        var properties: [(String, JSONValue)] = []
        for spec in DistributionSpec.all {
            let forms = spec.forms(for: dimension)
            var shapes: [JSONValue] = []
            // By position: one value alone when one argument is enough, else a list.
            if let positional = spec.positional {
                let arguments = positional.map { argument(spec.kinds[$0] ?? .quantity, $0, of: spec.name) }
                if forms.contains([positional[0]]) { shapes.append(arguments[0]) }
                if positional.count > 1 || !forms.contains([positional[0]]) {
                    shapes.append(.object([
                        ("type", .string("array")), ("prefixItems", .array(arguments)),
                        ("minItems", .int(positional.count)), ("maxItems", .int(positional.count)),
                    ]))
                }
            }
            // By name: one of the forms, each argument by its name or an alias.
            let names = Set(forms.flatMap { $0 })
            var named: [(String, JSONValue)] = []
            for argumentName in spec.kinds.keys.sorted() where names.contains(argumentName) {
                named.append((argumentName, argument(spec.kinds[argumentName] ?? .quantity, argumentName, of: spec.name)))
            }
            for (alias, target) in spec.aliases.sorted(by: { $0.key < $1.key }) where names.contains(target) {
                named.append((alias, argument(spec.kinds[target] ?? .quantity, target, of: spec.name)))
            }
            let requirements = forms.flatMap { form in spellings(of: form, aliases: spec.aliases) }.map { spelling in
                JSONValue.object([("required", .array(spelling.map(JSONValue.string))), ("maxProperties", .int(spelling.count))])
            }
            shapes.append(.object([
                ("type", .string("object")), ("properties", .object(named)), ("additionalProperties", .bool(false)),
                ("anyOf", .array(requirements)),
            ]))
            let summary = "\(spec.name): \(spec.usage(dimension)), e.g. \(spec.example(dimension))"
            properties.append((spec.name, .object([("description", .string(summary)), ("anyOf", .array(shapes))])))
        }
        return .object([
            ("type", .string("object")),
            ("description", .string("A distribution: one key, its name, e.g. `{ exponential: \(dimension.examples.0) }`")),
            ("properties", .object(properties)),
            ("minProperties", .int(1)), ("maxProperties", .int(1)),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// Every way to write a form's argument names, aliases included.
    private static func spellings(of form: [String], aliases: [String: String]) -> [[String]] {
        form.reduce([[]]) { partial, name in
            let options = [name] + aliases.filter { $0.value == name }.map(\.key).sorted()
            return partial.flatMap { prefix in options.map { prefix + [$0] } }
        }
    }

    // MARK: - Names

    /// What `NameRules` accepts: no control characters, no bidirectional controls or invisible
    /// characters, no space at either end.
    private static let namePattern: String = {
        var refused = "\\u0000-\\u001F\\u007F-\\u009F"
        for value in NameRules.invisible.sorted() {
            refused += String(format: "\\u%04X", value)
        }
        let inner = "[^\(refused)]"
        let edge = "[^\\s\(refused)]"
        return "^\(edge)(\(inner)*\(edge))?$"
    }()

    // MARK: - Targets

    /// `metric(subject) op threshold`, each metric with the threshold's own units.
    private static let targetPattern: String = {
        // Bare names as `TargetParser.isBare` takes them (letters, digits, `_`, `-`, `.`, not
        // starting with a digit); others in double quotes.
        let letter = "A-Za-z_\\u00C0-\\uFFFF"
        let subject = "\\(\\s*([\(letter)][\(letter)0-9.\\-]*|\"([^\"\\\\]|\\\\.)*\")\\s*\\)"
        let op = "\\s*(<=|>=|<|>|≤|≥)\\s*"
        let statistics = "(p50|p90|p95|p99|p999|p99\\.9|mean|max)"
        let forms = [
            "(\(statistics)|completion\\.\(statistics)|wait|lag)\\s*\(subject)\(op)\(quantityCore(.duration))",
            "(errors|utilization)\\s*\(subject)\(op)\(quantityCore(.percentage))",
            "throughput\\s*\(subject)\(op)\(quantityCore(.rate))",
            "queue\\s*\(subject)\(op)\(quantityCore(.count))",
            "cost\\.monthly(\\s*\(subject))?\(op)\(quantityCore(.money))",
        ]
        return "^\\s*(" + forms.map { "(\($0))" }.joined(separator: "|") + ")\\s*$"
    }()

    // MARK: - Patterns

    private static let number = "[-+]?[0-9][0-9_]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?"

    /// The units each dimension accepts, as a regular-expression alternation.
    private static func quantityCore(_ dimension: Dimension) -> String {
        switch dimension {
        case .duration: "\(number)\\s*(ns|us|µs|ms|s|m|min|h|d|w)"
        case .rate: "\(number)\\s*(/\\s*(ns|us|µs|ms|s|m|min|h|d)|rps)"
        case .size: "\(number)\\s*(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)"
        case .bandwidth: "\(number)\\s*(bps|Kbps|Mbps|Gbps|Tbps|KB/s|MB/s|GB/s|KiB/s|MiB/s|GiB/s)"
        case .megapixels: "(\(number)\\s*MP|[0-9]+\\s*[x×]\\s*[0-9]+)"
        case .percentage: "\(number)\\s*%"
        case .money: "(\\$\\s*[0-9][0-9,_]*(\\.[0-9]+)?|USD\\s*\(number)|\(number)\\s*USD)"
        case .count: number
        }
    }

    package static func pattern(for dimension: Dimension) -> String {
        "^\\s*" + quantityCore(dimension) + "\\s*$"
    }

    /// The pattern of a quantity with its bounds where a pattern can say them: no minus sign
    /// when negative values are refused, at most 100 for a percentage of at most 100%.
    package static func pattern(for dimension: Dimension, _ bounds: Bounds) -> String {
        let nonNegative = (bounds.lower ?? -1) >= 0
        if dimension == .percentage, nonNegative, bounds.upper == 1 {
            return "^\\s*(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?)\\s*%\\s*$"
        }
        guard nonNegative else { return pattern(for: dimension) }
        return "^\\s*" + quantityCore(dimension).replacingOccurrences(of: number, with: unsignedNumber) + "\\s*$"
    }

    private static let unsignedNumber = "[+]?[0-9][0-9_]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?"

    /// Defaults and examples are written in YAML; the schema carries their JSON form.
    private static func json(fromYAML text: String) -> JSONValue {
        guard let node = try? Yams.compose(yaml: text) else { return .string(text) }
        return json(node)
    }

    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let number = Int(scalar.string) { return .int(number) }
                if let number = Double(scalar.string), scalar.string.contains(".") { return .double(number) }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .mapping(let mapping):
            return .object(mapping.map { ($0.key.string ?? "", json($0.value)) })
        case .alias:
            return .null
        }
    }
}
