/// Every distribution written in a topology, with the dimension its field gives it: the
/// value tree walked beside its spec (`Language.root`), since a `Distribution` itself does
/// not know whether it is a duration or a size.
enum DistributionWalk {
    struct Found {
        var value: Value
        var distribution: Distribution
        var dimension: Dimension
    }

    static func all(in topology: Topology) -> [Found] {
        var found: [Found] = []
        collect(topology.root, as: .object(Language.root), into: &found)
        return found
    }

    private static func collect(_ value: Value, as type: ValueType, into found: inout [Found]) {
        switch type {
        case .distribution(let dimension, _):
            if case .distribution(let distribution) = value.content {
                found.append(Found(value: value, distribution: distribution, dimension: dimension))
            }
        case .list(let element, _), .oneOrMany(let element):
            for item in value.elements { collect(item, as: element, into: &found) }
        case .map(_, let element):
            for entry in value.object?.entries ?? [] { collect(entry.value, as: element, into: &found) }
        case .object(let spec):
            collect(value, spec, into: &found)
        case .variant(let spec):
            if let tag = value.tag, let shape = spec.caseSpec(tag) { collect(value, shape, into: &found) }
        case .oneOf(let alternatives):
            // The decoder chose one alternative: the first of the value's shape.
            let chosen = alternatives.first { alternative in
                switch (alternative, value.content) {
                case (.distribution, .distribution), (.object, .object), (.variant, .object): true
                default: false
                }
            }
            if let chosen { collect(value, as: chosen, into: &found) }
        default:
            break
        }
    }

    private static func collect(_ value: Value, _ spec: ObjectSpec, into found: inout [Found]) {
        for entry in value.object?.entries ?? [] {
            if let field = spec.field(entry.key) { collect(entry.value, as: field.type, into: &found) }
        }
    }
}
