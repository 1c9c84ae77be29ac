import Diagrams
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Topology

/// Topologies for the diagram tests: the repository's examples and small inline ones.
enum DiagramFixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let goldenFolder = root.appendingPathComponent("Tests/DiagramsTests/Fixtures/golden")

    /// `Topologies/*.yaml`, sorted by name.
    static let topologyFiles: [String] = {
        let folder = root.appendingPathComponent("Topologies").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { String($0.dropLast(".yaml".count)) }
    }()

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["ARCHSIM_RECORD_GOLDEN"] == "1"
    }

    static func example(_ name: String) throws -> Topology {
        let result = TopologyLoader.load(path: root.appendingPathComponent("Topologies/\(name).yaml").path)
        return try #require(result.topology, "\(name): \(result.renderedDiagnostics())")
    }

    static func load(_ text: String, file: String = "inline.yaml") throws -> Topology {
        let result = TopologyLoader.load(text: text, file: file)
        return try #require(result.topology, "\(result.renderedDiagnostics())")
    }

    /// Every text run of an SVG document, parsed as XML.
    static func svgTexts(_ data: Data) throws -> (document: XMLDocument, texts: [String]) {
        let document = try XMLDocument(data: data)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        return (document, texts)
    }
}
