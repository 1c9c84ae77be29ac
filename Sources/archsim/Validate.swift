import ArgumentParser
import Foundation
import Topology

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check topology files and report every problem with its file:line:column.",
        discussion: """
            Prints each problem like a compiler: the location, the message, the source line \
            and a caret. Exits 2 if any file has an error; warnings alone exit 0.

            Examples:
              archsim validate Topologies/image-pipeline.yaml
              archsim validate Topologies/*.yaml --quiet
            """)

    @Argument(help: "Topology files (YAML).")
    var files: [String]

    @OptionGroup var fileAccess: FileAccessOptions

    @Flag(name: .long, help: "Print nothing when a file is valid.")
    var quiet = false

    @Flag(name: .customLong("no-warnings"), help: "Don't print warnings.")
    var noWarnings = false

    func run() throws {
        var failed = false
        for file in files {
            let result = TopologyLoader.load(path: file, options: fileAccess.loadOptions)
            let printed = DiagnosticPrinter.print(result, includeWarnings: !noWarnings)
            if result.hasErrors {
                failed = true
            } else if !quiet {
                print("\(file): ok" + (printed > 0 ? " (\(printed) warning\(printed == 1 ? "" : "s"))" : ""))
            }
        }
        if failed { throw ExitStatus.badInput }
    }
}
