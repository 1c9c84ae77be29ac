/// The files a topology names (arrival traces, empirical samples), checked at validate time
/// exactly as the compiler will read them (`DataFiles`): allowed, present, a regular file of
/// at most `DataFiles.maximumSize` bytes, and in the format it is read in. Each problem points
/// at the value that names the file.
enum FileChecks {
    /// A file named somewhere in the topology.
    package struct Reference: Sendable {
        package enum Use: Sendable {
            case trace
            case samples(Dimension)
        }

        package var file: String
        package var use: Use
        package var location: SourceLocation
    }

    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        for reference in references(in: topology) {
            let result: Result<[Double], DataFiles.Problem> = switch reference.use {
            case .trace: topology.files.readTrace(reference.file)
            case .samples(let dimension): topology.files.readSamples(reference.file, dimension: dimension)
            }
            if case .failure(let problem) = result {
                diagnostics.error(problem.message, at: reference.location)
            }
        }
    }

    /// Every file the topology names, in file order.
    package static func references(in topology: Topology) -> [Reference] {
        var found: [Reference] = []
        for workload in topology.workloads {
            if let arrival = workload.value["arrival"], arrival.tag == "trace", let file = arrival["file"], let name = file.text {
                found.append(Reference(file: name, use: .trace, location: file.location))
            }
        }
        collect(topology.root, as: .object(Language.root), into: &found)
        return found.sorted { $0.location < $1.location }
    }

    /// Walks the value tree beside its spec, to learn the dimension of each empirical distribution.
    private static func collect(_ value: Value, as type: ValueType, into found: inout [Reference]) {
        switch type {
        case .distribution(let dimension, _):
            if case .distribution(.empirical(let file)) = value.content {
                found.append(Reference(file: file, use: .samples(dimension), location: value.location))
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
            // The decoder chose one alternative; distributions and objects are the only ones that can name files.
            switch value.content {
            case .distribution:
                if let match = alternatives.first(where: { if case .distribution = $0 { true } else { false } }) {
                    collect(value, as: match, into: &found)
                }
            case .object:
                for alternative in alternatives {
                    switch alternative {
                    case .object, .variant: collect(value, as: alternative, into: &found)
                    default: break
                    }
                }
            default:
                break
            }
        default:
            break
        }
    }

    private static func collect(_ value: Value, _ spec: ObjectSpec, into found: inout [Reference]) {
        for entry in value.object?.entries ?? [] {
            if let field = spec.field(entry.key) { collect(entry.value, as: field.type, into: &found) }
        }
    }
}
