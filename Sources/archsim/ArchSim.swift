import ArgumentParser
import Foundation

/// The command line: thin on purpose; the work happens in the library modules.
@main
struct ArchSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archsim",
        abstract: "Capacity planning for cloud architectures: describe a system in YAML, check it, simulate it.",
        discussion: """
            Exit codes: 0 success, 1 a capacity target failed, 2 bad input (the message names \
            file:line:column), 3 internal error.

            Examples:
              archsim validate Topologies/*.yaml
              archsim describe Topologies/image-pipeline.yaml
              archsim run Topologies/service-network.yaml --out out/
              archsim diagram Topologies/image-pipeline.yaml --format png --out image-pipeline.png
              archsim schema > topology.schema.json
            """,
        version: "0.1.0",
        subcommands: [Validate.self, Describe.self, Run.self, DiagramCommand.self, Calibrate.self, Schema.self]
    )

    /// ArgumentParser's own `main`, but a command line it can't parse (an unknown option, a
    /// value out of its choices) exits 2, bad input, as the contract says, instead of 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.badInput.rawValue)
        }
    }
}

/// Exit codes of the command-line contract (docs/architecture.md).
enum ExitStatus {
    static let targetFailed = ExitCode(1)
    static let badInput = ExitCode(2)
    static let internalError = ExitCode(3)
}
