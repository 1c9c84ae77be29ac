import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Diagrams
@testable import Topology

/// Annotated mode: a report.json's utilization, bottleneck, rates and p99, and failed zones.
@Suite("Annotated diagrams")
struct AnnotationTests {
    /// A report in the shape `archsim run --out` writes (docs/report.md), for image-pipeline.
    static let report = #"""
        {
          "archsim": { "version": "0.1.0", "topology": "image-pipeline", "seed": 42, "replications": 2 },
          "workloads": {
            "upload": { "offered": 100, "completed": 99, "failed": 1, "in_flight": 0,
                        "latency_ms": { "mean": { "mean": 800, "ci95": [700, 900] }, "p99": { "mean": 2345.6, "ci95": [2000, 2600] } },
                        "throughput_rps": { "mean": 7.94, "ci95": [7.5, 8.2] } },
            "stream_image": { "latency_ms": { "p99": { "mean": null, "ci95": null } }, "throughput_rps": { "mean": 4.97, "ci95": [4.9, 5.0] } }
          },
          "components": {
            "portal": { "utilization": { "mean": 0.21, "ci95": [0.2, 0.22] } },
            "processor": { "utilization": { "mean": 0.913, "ci95": [0.9, 0.93] } },
            "db": { "utilization": { "mean": 0.55, "ci95": [0.5, 0.6] } },
            "not-in-topology": { "utilization": { "mean": 0.99, "ci95": [0.99, 0.99] } }
          }
        }
        """#

    static func annotations() throws -> RunAnnotations {
        try RunAnnotations.parse(Data(report.utf8))
    }

    @Test("report.json is read: utilization means, throughput, p99; null is no figure")
    func parsing() throws {
        let annotations = try Self.annotations()
        #expect(annotations.utilization["processor"] == 0.913)
        #expect(annotations.workloads["upload"]?.throughputRPS == 7.94)
        #expect(annotations.workloads["upload"]?.p99Milliseconds == 2345.6)
        #expect(annotations.workloads["stream_image"]?.p99Milliseconds == nil)
        #expect(annotations.topology == "image-pipeline")
        // The bottleneck is chosen among the components drawn, not anything in the file.
        #expect(annotations.bottleneck(among: ["portal", "processor", "db"]) == "processor")
    }

    @Test("bad results files are refused with a reason", arguments: [
        ("not json", "not a JSON document"), ("[1, 2]", "expected a JSON object"), (#"{"engine": {}}"#, "not an archsim report.json"),
    ])
    func badReports(_ pair: (String, String)) {
        #expect {
            try RunAnnotations.parse(Data(pair.0.utf8))
        } throws: { error in
            String(describing: error).contains(pair.1)
        }
    }

    @Test("utilization fills, the bottleneck's red border and label, rates and p99 on the arrows")
    func annotatedGraph() throws {
        let topology = try DiagramFixtures.example("image-pipeline")
        let graph = Diagram.graph(of: topology, options: .init(annotations: try Self.annotations()))
        let processors = graph.allNodes.filter { $0.component == "processor" }
        #expect(processors.count == 2)
        for node in processors {
            #expect(node.attributes["fillcolor"] == .text(Palette.utilizationFill(0.913)))
            #expect(node.attributes["color"] == .text(Palette.bottleneck))
            #expect(LayoutTests.label(node).contains("BOTTLENECK"))
            #expect(LayoutTests.label(node).contains("utilization 91%"))
        }
        let portal = try #require(graph.allNodes.first { $0.component == "portal" })
        #expect(portal.attributes["fillcolor"] == .text(Palette.utilizationFill(0.21)))
        #expect(!LayoutTests.label(portal).contains("BOTTLENECK"))
        // Missing from the report: the family colour, no figure.
        let alb = try #require(graph.allNodes.first { $0.component == "edge" })
        #expect(alb.attributes["fillcolor"] == .text(Palette.Group.edge.swatch.fill))
        #expect(!LayoutTests.label(alb).contains("utilization"))
        // Arrows carry the workload's rate and p99 where measured.
        let labels = graph.edges.compactMap { edge -> String? in
            if case .html(let markup)? = edge.attributes["label"] { return markup }
            return nil
        }
        #expect(labels.contains { $0.contains("upload 7.94/s · p99 2.3s") })
        #expect(labels.contains { $0.contains("stream_image 4.97/s") && !$0.contains("stream_image 4.97/s · p99") })
        // The legend gains the utilization key.
        let legend = try #require(graph.allNodes.first { $0.id == "legend" })
        #expect(LayoutTests.label(legend).contains("utilization (fill)"))
        #expect(LayoutTests.label(legend).contains("bottleneck"))
    }

    @Test("the SVG carries the utilization colour and the bottleneck mark")
    func annotatedSVG() throws {
        let topology = try DiagramFixtures.example("image-pipeline")
        let data = try Diagram.render(topology, format: .svg, options: .init(annotations: try Self.annotations()))
        let (document, texts) = try DiagramFixtures.svgTexts(data)
        #expect(texts.contains("BOTTLENECK"))
        #expect(texts.contains("utilization 91%"))
        // Graphviz writes colours in lower case.
        let hot = Palette.utilizationFill(0.913).lowercased()
        #expect(document.rootElement()?.localName == "svg")
        let svg = String(decoding: data, as: UTF8.self)
        #expect(svg.contains("fill=\"\(hot)\""))
        #expect(svg.contains("stroke=\"\(Palette.bottleneck.lowercased())\""))
        // Plain diagrams have neither.
        let plain = String(decoding: try Diagram.render(topology, format: .svg), as: UTF8.self)
        #expect(!plain.contains("fill=\"\(hot)\"") && !plain.contains("BOTTLENECK"))
        // image-pipeline loses zone a from 25min for 15min: greyed by default when annotated.
        #expect(texts.contains("zone a — failed 25min–40min"))
    }

    @Test("fault windows: all, none, or those overlapping a window")
    func faultWindows() throws {
        let topology = try DiagramFixtures.example("image-pipeline")
        #expect(DrawnFault.select(.all, in: topology).map(\.note) == ["failed 25min–40min"])
        #expect(DrawnFault.select(.none, in: topology).isEmpty)
        #expect(DrawnFault.select(try FaultSelection.parse("30min-35min").get(), in: topology).count == 1)
        #expect(DrawnFault.select(try FaultSelection.parse("0s-20min").get(), in: topology).isEmpty)
        #expect(DrawnFault.select(try FaultSelection.parse("40min-1h").get(), in: topology).isEmpty)
        // Plain diagrams draw no fault unless asked.
        let plain = try Diagram.render(topology, format: .dot)
        #expect(!String(decoding: plain, as: UTF8.self).contains("failed"))
        let asked = try Diagram.render(topology, format: .dot, options: .init(faults: .all))
        #expect(String(decoding: asked, as: UTF8.self).contains("zone a — failed 25min–40min"))
        // A NAT failure greys the NAT, not the zone.
        let nat = DrawnFault.select(.all, in: try DiagramFixtures.example("kafka-ecs-pipeline"))
        #expect(nat.map(\.target) == [.nat(zone: "a")])
    }

    @Test("bad fault windows are refused", arguments: ["soon", "40min-25min", "25min", "1h-xyz"])
    func badWindows(_ text: String) {
        if case .success = FaultSelection.parse(text) { Issue.record("\(text) was accepted") }
    }
}
