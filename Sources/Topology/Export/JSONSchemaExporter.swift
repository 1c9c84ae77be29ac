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
            return .object([("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(NameRules.maximumLength))])
        case .boolean:
            return .object([("type", .string("boolean"))])
        case .integer(let bounds):
            return .object([("type", .string("integer"))] + limits(bounds))
        case .number(let bounds):
            return .object([("type", .string("number"))] + limits(bounds))
        case .quantity(let dimension, _):
            return .object([("type", .string("string")), ("pattern", .string(Self.pattern(for: dimension)))])
        case .distribution(let dimension, _):
            return .object([
                ("type", .string("string")),
                ("pattern", .string("^\\s*([a-z]+\\s*\\(.*\\)|" + Self.quantityCore(dimension) + ")\\s*$")),
            ])
        case .choice(let options):
            return .object([("enum", .array(options.map(JSONValue.string)))])
        case .condition, .target:
            return .object([("type", .string("string")), ("minLength", .int(1))])
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
                ("propertyNames", .object([("minLength", .int(1)), ("maxLength", .int(NameRules.maximumLength))])),
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
