import Foundation
import Testing

@testable import Diagrams
@testable import Topology

/// Graphviz expands `\N` (node name), `\G` (graph name), `\L`, `\E`, `\T` and `\H` inside
/// label text, HTML-like labels included. docs/diagrams.md promises names are drawn as
/// written, so text a topology supplies must reach the SVG with its backslashes intact.
@Suite("Graphviz escape sequences")
struct EscapeSequenceTests {
    static let sequences = #"\N \G \L \E \T \H"#

    /// Every place user text is drawn: the title, the description, a zone, a subnet, a
    /// component, a workload and an operation. (Single-quoted YAML keeps backslashes as they are.)
    static let yaml = #"""
        archsim: 1
        name: 'graph \N \G \L \E \T \H'
        description: 'described \N \G \L \E \T \H'
        region: us-east-1
        network:
          zones: ['a\N']
          subnets:
            'sub\G': { type: private, egress: none }
        components:
          'svc \N \G \L \E \T \H':
            kind: ecs-service
            subnet: 'sub\G'
            handlers:
              'op\E':
                - call: 'db\T'
          'db\T': { kind: service, servers: 1, service_time: 5ms }
        workloads:
          'load \H \L':
            entry: 'svc \N \G \L \E \T \H'
            op: 'op\E'
            arrival: { process: poisson, rate: 1/s }
        """#

    @Test("every name and the description containing \\N, \\G, \\L, \\E, \\T, \\H appear literally in the SVG text")
    func svgShowsSequencesLiterally() throws {
        let topology = try DiagramFixtures.load(Self.yaml, file: "escapes.yaml")
        let data = try Diagram.render(topology, format: .svg, options: .init())
        let (_, texts) = try DiagramFixtures.svgTexts(data)
        let expected = [
            #"graph \N \G \L \E \T \H"#, #"described \N \G \L \E \T \H"#, #"svc \N \G \L \E \T \H"#, #"db\T"#,
        ]
        for text in expected {
            #expect(texts.contains(text), "\(text) is not drawn as written: \(texts)")
        }
        // The zone, subnet, workload and operation sit inside longer lines.
        for fragment in [#"a\N"#, #"sub\G"#, #"load \H \L"#] {
            #expect(texts.contains { $0.contains(fragment) }, "\(fragment) is not drawn as written: \(texts)")
        }
        // Nothing was expanded into a graph or node name.
        #expect(!texts.contains { $0.contains("graph graph") || $0.contains("described graph") })
    }

    @Test("label text doubles each backslash, the form Graphviz turns back into one", arguments: [
        (#"\N"#, #"\\N"#), (#"a\b"#, #"a\\b"#), (#"\\"#, #"\\\\"#), ("no backslash", "no backslash"),
    ])
    func doubling(_ pair: (String, String)) {
        #expect(Label.escapeHTML(pair.0) == pair.1)
    }
}
