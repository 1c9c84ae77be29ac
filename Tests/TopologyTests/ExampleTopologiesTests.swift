import Foundation
import Testing

@testable import Topology

/// Every committed example topology validates cleanly and points editors at the schema.
@Suite("Example topologies")
struct ExampleTopologiesTests {
    static let files = RepositoryFiles.files(in: "Topologies", withExtension: "yaml")

    @Test("there is at least one topology per seed system and design option")
    func enoughExamples() {
        #expect(Self.files.count >= 13)
    }

    @Test("validates without errors or warnings", arguments: files)
    func validates(_ path: String) throws {
        let result = TopologyLoader.load(text: try RepositoryFiles.read(path), file: path)
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        #expect(result.topology != nil)
    }

    @Test("starts with the yaml-language-server schema modeline", arguments: files)
    func modeline(_ path: String) throws {
        let firstLine = try RepositoryFiles.read(path).split(separator: "\n").first.map(String.init)
        #expect(firstLine == "# yaml-language-server: $schema=../topology.schema.json")
    }
}
