import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Diagrams
@testable import Topology

/// Rendering through libgvc, in process: SVG that parses and names every component, PNG and
/// PDF with their signatures and sane sizes.
@Suite("Rendering")
struct RenderingTests {
    @Test("SVG parses as XML and shows every component's name", arguments: DiagramFixtures.topologyFiles)
    func svg(_ name: String) throws {
        let topology = try DiagramFixtures.example(name)
        let data = try Diagram.render(topology, format: .svg)
        let (document, texts) = try DiagramFixtures.svgTexts(data)
        #expect(document.rootElement()?.localName == "svg")
        for component in topology.components {
            #expect(texts.contains(component.name) || texts.contains("\(component.name) (standby)"),
                "\(name): \(component.name) is not drawn")
        }
        for workload in topology.workloads {
            #expect(texts.contains(workload.name), "\(name): workload \(workload.name) is not shown")
        }
    }

    @Test("Reports/ has a drawing of every example topology, current with its components", arguments: DiagramFixtures.topologyFiles)
    func committedReports(_ name: String) throws {
        let url = DiagramFixtures.root.appendingPathComponent("Reports/\(name).svg")
        let data = try Data(contentsOf: url)
        let (_, texts) = try DiagramFixtures.svgTexts(data)
        for component in try DiagramFixtures.example(name).components {
            #expect(texts.contains(component.name) || texts.contains("\(component.name) (standby)"),
                "Reports/\(name).svg lacks \(component.name): regenerate it (docs/diagrams.md)")
        }
    }

    @Test("PNG has the signature and sane dimensions")
    func png() throws {
        let data = try Diagram.render(try DiagramFixtures.example("image-pipeline"), format: .png)
        let bytes = [UInt8](data)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try #require(bytes.count > 33)
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((800...8000).contains(width), "width \(width)")
        #expect((300...8000).contains(height), "height \(height)")
        #expect(width > height, "the layout runs left to right")
    }

    @Test("PDF has its header")
    func pdf() throws {
        let data = try Diagram.render(try DiagramFixtures.example("service-network"), format: .pdf)
        #expect(data.starts(with: Array("%PDF-".utf8)))
        #expect(data.count > 1000)
    }

    @Test("renders from several threads at once give the same bytes (Graphviz is serialized)")
    func concurrent() async throws {
        let topology = try DiagramFixtures.example("routing-sns-filters")
        let expected = try Diagram.render(topology, format: .svg)
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<6 {
                group.addTask { try Diagram.render(topology, format: .svg) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0 == expected })
    }
}
