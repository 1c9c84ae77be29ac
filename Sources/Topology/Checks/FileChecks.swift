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
        var references: [Reference] = []
        for workload in topology.workloads {
            if let arrival = workload.value["arrival"], arrival.tag == "trace", let file = arrival["file"], let name = file.text {
                references.append(Reference(file: name, use: .trace, location: file.location))
            }
        }
        for found in DistributionWalk.all(in: topology) {
            if case .empirical(let file) = found.distribution {
                references.append(Reference(file: file, use: .samples(found.dimension), location: found.value.location))
            }
        }
        return references.sorted { $0.location < $1.location }
    }
}
