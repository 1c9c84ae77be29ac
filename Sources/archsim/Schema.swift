import ArgumentParser
import Topology

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema (draft 2020-12) of the topology language.",
        discussion: """
            Editors use it to complete and check topologies: start a file with
              # yaml-language-server: $schema=../topology.schema.json

            Examples:
              archsim schema > topology.schema.json
              archsim schema --markdown > reference.md
            """)

    @Flag(help: "Print the field reference as Markdown instead (the reference part of docs/language.md).")
    var markdown = false

    func run() {
        print(markdown ? LanguageDocumentation.markdownReference() : LanguageDocumentation.jsonSchema(), terminator: "")
    }
}
