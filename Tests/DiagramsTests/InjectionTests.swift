import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Diagrams
@testable import Topology

/// Names are free text: whatever a topology calls things must come out as written, and must
/// never become DOT syntax, HTML-like label markup or SVG elements.
@Suite("Hostile names")
struct InjectionTests {
    static let names = (
        graph: #"evil"} digraph { x -> y <b> -- z"#,
        balancer: #"a"b<c>&d ü 名"#,
        service: #"x}{y -> z"#,
        store: #"store ]]> &amp; \n"#,
        queue: #"q</svg><script>"#,
        workload: #"wl <i>"quoted"</i> \l {"#,
        zone: #"a<z>"#,
        subnet: #"priv}{ate"#
    )

    static let yaml = #"""
        archsim: 1
        name: "evil\"} digraph { x -> y <b> -- z"
        description: "desc <script>alert(1)</script> & ]]> \\N"
        region: us-east-1
        simulation: { duration: 1h, warmup: auto, replications: 2, seed: 1 }
        network:
          zones: ["a<z>", "b&\"z"]
          subnets:
            "pub<b>lic": { type: public }
            "priv}{ate": { type: private, egress: nat }
          nat: { placement: per-zone }
        components:
          "a\"b<c>&d ü 名":
            kind: alb
            subnet: "pub<b>lic"
            targets: "x}{y -> z"
          "x}{y -> z":
            kind: ecs-service
            subnet: "priv}{ate"
            description: "tooltip \\N \\G <b>bold</b> ]]> &amp;"
            handlers:
              "op\\n<b>":
                - call: "store ]]> &amp; \\n"
                  op: put
                - publish: "q</svg><script>"
          "store ]]> &amp; \\n":
            kind: s3
          "q</svg><script>":
            kind: sqs
            consumers: "x}{y -> z"
        workloads:
          "wl <i>\"quoted\"</i> \\l {":
            entry: "a\"b<c>&d ü 名"
            op: "op\\n<b>"
            arrival: { process: poisson, rate: 1/s }
        faults:
          - { zone-outage: "a<z>", at: 10min, for: 5min }
        """#

    static func topology() throws -> Topology {
        try DiagramFixtures.load(yaml, file: "hostile.yaml")
    }

    @Test("the fixture really has the hostile names")
    func fixture() throws {
        let topology = try Self.topology()
        #expect(topology.name == Self.names.graph)
        let names = Set(topology.components.map(\.name))
        #expect(names == [Self.names.balancer, Self.names.service, Self.names.store, Self.names.queue])
        #expect(topology.workloads.map(\.name) == [Self.names.workload])
    }

    @Test("SVG shows every name as written and holds no element a name smuggled in")
    func svg() throws {
        let data = try Diagram.render(try Self.topology(), format: .svg, options: .init(faults: .all))
        let (document, texts) = try DiagramFixtures.svgTexts(data)
        for name in [Self.names.graph, Self.names.balancer, Self.names.service, Self.names.store, Self.names.queue, Self.names.workload] {
            #expect(texts.contains(name), "\(name) is not drawn as written")
        }
        #expect(texts.contains("desc <script>alert(1)</script> & ]]> \\N"))
        #expect(texts.contains { $0.hasPrefix("zone a<z> — failed 10min–15min") })
        #expect(texts.contains(Self.names.subnet))
        let elements = try document.nodes(forXPath: "//*").compactMap(\.localName)
        let allowed: Set<String> = ["svg", "g", "title", "text", "path", "polygon", "ellipse", "polyline", "a"]
        #expect(Set(elements).isSubset(of: allowed), "unexpected elements: \(Set(elements).subtracting(allowed))")
        let raw = String(decoding: data, as: UTF8.self)
        #expect(!raw.contains("<script"))
        #expect(!raw.contains("<b>") && !raw.contains("<i>"))
    }

    @Test("DOT written from hostile names reads back as the same graph")
    func dotRoundTrip() throws {
        let topology = try Self.topology()
        let graph = Diagram.graph(of: topology)
        let dot = String(decoding: try Diagram.render(topology, format: .dot), as: UTF8.self)
        let reread = try Graphviz.reread(dot)
        #expect(reread.nodes.count == graph.allNodes.count)
        #expect(reread.edges == graph.edges.count)
        for node in graph.allNodes {
            guard case .html(let markup)? = node.attributes["label"] else { continue }
            #expect(reread.nodes[node.id] == markup, "label of \(node.id) changed on the way through DOT")
        }
        // Node names are ours (ASCII), never the user's.
        #expect(graph.allNodes.allSatisfy { $0.id.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) } })
    }

    @Test("PNG renders the hostile topology")
    func png() throws {
        let data = try Diagram.render(try Self.topology(), format: .png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("label escaping", arguments: [
        ("<b>", "&lt;b&gt;"), ("a & b", "a &amp; b"), ("&amp;", "&amp;amp;"), (#"say "hi""#, "say &quot;hi&quot;"),
        ("]]>", "]]&gt;"), ("it's", "it&#39;s"), ("ü 名", "ü 名"), ("line\nbreak", "line break"),
    ])
    func escaping(_ pair: (String, String)) {
        #expect(Label.escapeHTML(pair.0) == pair.1)
    }
}
