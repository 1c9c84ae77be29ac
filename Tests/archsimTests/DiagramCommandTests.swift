import Foundation
import Testing

/// End-to-end runs of `archsim diagram` from the built binary: Graphviz's plugins must load
/// from the installed configuration for SVG and PNG to come out.
@Suite("Command line: diagram")
struct DiagramCommandTests {
    typealias CLI = CommandLineTests

    static func run(_ arguments: [String], in folder: URL) throws -> CLI.Outcome {
        try CLI.run(arguments, in: folder)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-diagram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("SVG goes to standard output")
    func svgToStdout() throws {
        let outcome = try CLI.run(["diagram", "Topologies/image-pipeline.yaml"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("<?xml"))
        #expect(outcome.stdout.contains("</svg>"))
        #expect(outcome.stdout.contains(">processor</text>"))
        #expect(outcome.stderr.isEmpty, "Graphviz warnings leaked: \(outcome.stderr)")
    }

    @Test("PNG without --out is written as <name>.png in the current folder, atomically")
    func pngDefaultName() throws {
        let folder = try Self.temporaryFolder()
        let topology = CLI.root.appendingPathComponent("Topologies/routing-sns-filters.yaml").path
        let outcome = try Self.run(["diagram", topology, "--format", "png"], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        let data = try Data(contentsOf: folder.appendingPathComponent("routing-sns-filters.png"))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["routing-sns-filters.png"])
    }

    @Test("the format follows --out's extension")
    func formatFromExtension() throws {
        let folder = try Self.temporaryFolder()
        let pdf = folder.appendingPathComponent("ip.pdf").path
        let outcome = try CLI.run(["diagram", "Topologies/image-pipeline.yaml", "--out", pdf])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF-".utf8)))
    }

    @Test("annotated with a report.json from archsim run")
    func annotated() throws {
        let folder = try Self.temporaryFolder()
        let run = try CLI.run(["run", "Topologies/service-network.yaml", "--quiet", "--replications", "2", "--duration", "20min", "--out", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let outcome = try CLI.run(["diagram", "Topologies/service-network.yaml", "--results", folder.appendingPathComponent("report.json").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("BOTTLENECK"))
        #expect(outcome.stdout.contains("utilization "))
    }

    @Test("a report of another topology is used, with a warning")
    func otherTopologysReport() throws {
        let outcome = try CLI.run(["diagram", "Topologies/image-pipeline.yaml", "--results", "docs/diagrams/service-network-report.json"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("is a report of `service-network`, not `image-pipeline`"))
        #expect(!outcome.stdout.contains("BOTTLENECK"))
    }

    @Test("a bad topology prints its diagnostics and exits 2")
    func badTopology() throws {
        let path = try CLI.temporaryFile("archsim: 1\nname: x\ncomponents:\n  a: { kind: servise }\nworkloads: {}\n")
        let outcome = try CLI.run(["diagram", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("\(path):4:14: error: unknown kind `servise`"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("an unreadable or wrong results file is bad input, with the reason", arguments: [
        ("/nonexistent/report.json", "no such file"), ("not json", "not a JSON document"),
    ])
    func badResults(_ pair: (String, String)) throws {
        let path = pair.0.hasPrefix("/") ? pair.0 : try CLI.temporaryFile(pair.0, name: "report.json")
        let outcome = try CLI.run(["diagram", "Topologies/image-pipeline.yaml", "--results", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error: --results \(path): \(pair.1)"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a bad --fault-window or --format is bad input")
    func badOptions() throws {
        let window = try CLI.run(["diagram", "Topologies/image-pipeline.yaml", "--fault-window", "later"])
        #expect(window.status == 2)
        #expect(window.stderr.contains("--fault-window"))
        let format = try CLI.run(["diagram", "Topologies/image-pipeline.yaml", "--format", "gif"])
        #expect(format.status != 0)
    }
}
