import ArgumentParser
import Diagrams
import Foundation
import Topology

struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the architecture of a topology (SVG, PNG, PDF or DOT), optionally annotated with a run's results.",
        discussion: """
            Draws region ⊃ VPC ⊃ zone ⊃ subnet as nested boxes, each service once per zone it \
            spans with that zone's share of its tasks, regional services outside the VPC, \
            synchronous calls as solid arrows and asynchronous hand-offs dashed, labelled with \
            the workloads they carry (docs/diagrams.md explains the legend). Graphviz runs in \
            process (libgvc); the `dot` program is not needed.

            With --results, components are filled by measured utilization, the most utilized \
            one is marked as the bottleneck, arrows carry each workload's throughput and p99, \
            and zones failed by the topology's `zone-outage` faults are greyed (choose with \
            --fault-window).

            SVG and DOT go to standard output unless --out is given; PNG and PDF are written \
            to --out, or to <topology name>.<format> in the current directory. Files are \
            written completely or not at all. Exits 2 on a bad topology or results file.

            Examples:
              archsim diagram Topologies/image-pipeline.yaml > ip.svg
              archsim diagram Topologies/image-pipeline.yaml --out ip.png
              archsim diagram Topologies/image-pipeline.yaml --fault-window 25min-40min --format pdf
              archsim diagram Topologies/image-pipeline.yaml --format dot | less
              archsim run Topologies/service-network.yaml --out out/
              archsim diagram Topologies/service-network.yaml --results out/report.json --out sn.svg
            """)

    @Argument(help: "Topology file (YAML).")
    var file: String

    @OptionGroup var fileAccess: FileAccessOptions

    @Option(help: "svg, png, pdf or dot (the graph before layout). Default: from --out's extension, else svg.")
    var format: Diagram.Format?

    @Option(help: "Output file (default: standard output for svg and dot, <name>.<format> for png and pdf).")
    var out: String?

    @Option(help: "A report.json from `archsim run --out DIR`: annotate the diagram with it.")
    var results: String?

    @Option(
        name: .customLong("fault-window"),
        help: "Grey the zones (and NAT gateways) the topology's faults take down: `all`, `none`, or those overlapping START-END such as 25min-40min. Default: all with --results, none without.")
    var faultWindow: String?

    func run() throws {
        let loaded = TopologyLoader.load(path: file, options: fileAccess.loadOptions)
        DiagnosticPrinter.print(loaded)
        guard let topology = loaded.topology else { throw ExitStatus.badInput }
        if let problem = Diagram.tooLarge(topology) {
            DiagnosticPrinter.print([problem], source: loaded)
            throw ExitStatus.badInput
        }

        var options = Diagram.Options()
        if let results {
            do {
                options.annotations = try RunAnnotations.read(path: results)
            } catch {
                throw usage("--results \(error)")
            }
            if let measured = options.annotations?.topology, measured != topology.name {
                FileHandle.standardError.write(Data(
                    "warning: \(results) is a report of `\(measured)`, not `\(topology.name)`: only components with the same names are annotated\n".utf8))
            }
        }
        if let faultWindow {
            switch FaultSelection.parse(faultWindow) {
            case .success(let selection): options.faults = selection
            case .failure(let error): throw usage("--fault-window: \(error)")
            }
        }
        let format = format ?? out.flatMap { Diagram.Format(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) } ?? .svg

        let data: Data
        do {
            data = try Diagram.render(topology, format: format, options: options)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.internalError
        }
        if let destination = out ?? (format.isText ? nil : "\(safeFileName(topology.name)).\(format.rawValue)") {
            do {
                try AtomicFile.write(data, to: destination)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitStatus.badInput
            }
            if out == nil { FileHandle.standardError.write(Data("wrote \(destination)\n".utf8)) }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// A topology name as a file name: path separators and leading dots can't steer the write.
    private func safeFileName(_ name: String) -> String {
        var clean = name.map { $0 == "/" || $0 == "\\" ? "_" : $0 }
        while clean.first == "." { clean.removeFirst() }
        return clean.isEmpty ? "diagram" : String(clean)
    }

    private func usage(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitStatus.badInput
    }
}

extension Diagram.Format: ExpressibleByArgument {}

/// Writes next to the final name, then renames: readers see the whole file or none.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let final = URL(fileURLWithPath: path)
        let folder = final.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(final.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw ReportError(message: "can't write \(path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError(message: "can't write \(path): \(reason)")
        }
    }
}
