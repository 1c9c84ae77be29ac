import Foundation
import Testing

@testable import Diagrams
@testable import Topology

/// Each example topology's diagram as DOT, before layout, against `Fixtures/golden/NAME.dot`.
/// The DOT is written by cgraph from the in-memory graph with no positions, so it does not
/// depend on the layout engine's floating point. Re-record with
/// `ARCHSIM_RECORD_GOLDEN=1 swift test --filter DiagramsTests` (then read the diff).
@Suite("Golden DOT")
struct GoldenDOTTests {
    @Test("every example topology has a golden diagram")
    func coverage() throws {
        #expect(DiagramFixtures.topologyFiles.count >= 16)
        let goldens = try FileManager.default.contentsOfDirectory(atPath: DiagramFixtures.goldenFolder.path)
            .filter { $0.hasSuffix(".dot") }.map { String($0.dropLast(4)) }.sorted()
        #expect(goldens == DiagramFixtures.topologyFiles, "a golden without its topology, or the reverse")
    }

    @Test("DOT matches the golden file", arguments: DiagramFixtures.topologyFiles)
    func golden(_ name: String) throws {
        let topology = try DiagramFixtures.example(name)
        let dot = String(decoding: try Diagram.render(topology, format: .dot), as: UTF8.self)
        #expect(dot.hasPrefix("digraph \"\(name)\" {") || dot.hasPrefix("digraph \(name) {"))
        #expect(!dot.contains("pos="), "the golden DOT must be written before layout")
        let url = DiagramFixtures.goldenFolder.appendingPathComponent("\(name).dot")
        if DiagramFixtures.isRecording {
            try FileManager.default.createDirectory(at: DiagramFixtures.goldenFolder, withIntermediateDirectories: true)
            try dot.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(dot == expected, "the diagram of \(name) changed; re-record with ARCHSIM_RECORD_GOLDEN=1 if intended")
    }

    @Test("the same topology gives the same DOT twice")
    func deterministic() throws {
        let topology = try DiagramFixtures.example("image-sharing")
        #expect(try Diagram.render(topology, format: .dot) == Diagram.render(topology, format: .dot))
    }
}
