import ArgumentParser
import Topology

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a topology and summarise what it contains: network, components by zone, flows, workloads.",
        discussion: """
            Examples:
              archsim describe Topologies/image-pipeline.yaml
            """)

    @Argument(help: "Topology file (YAML).")
    var file: String

    func run() throws {
        let result = TopologyLoader.load(path: file)
        DiagnosticPrinter.print(result)
        guard let topology = result.topology else { throw ExitStatus.badInput }
        print(TopologySummary.text(of: topology), terminator: "")
    }
}
