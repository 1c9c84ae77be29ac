import Testing

@testable import Diagrams
@testable import Topology

/// The diagram draws the request graph: for each example topology, every arrow between two
/// components is a link of its `RequestGraph`, and every link is drawn (but a component's
/// synchronous call to itself, which the diagram leaves out).
@Suite("Request graph in the diagram")
struct RequestGraphDiagramTests {
    @Test("the arrows between components are the graph's links", arguments: DiagramFixtures.topologyFiles)
    func arrows(_ name: String) throws {
        let topology = try DiagramFixtures.example(name)
        let graph = Diagram.graph(of: topology)
        let component = Dictionary(uniqueKeysWithValues: graph.allNodes.map { ($0.id, $0.component) })
        struct Pair: Hashable {
            var from: String
            var to: String
        }
        var drawn = Set<Pair>()
        for edge in graph.edges {
            // Standby copies are joined to their primary: not a request path.
            guard let from = component[edge.tail] ?? nil, let to = component[edge.head] ?? nil,
                edge.attributes["arrowhead"] != "none"
            else { continue }
            drawn.insert(Pair(from: from, to: to))
        }
        var links = Set<Pair>()
        for link in topology.requestGraph.links {
            guard let to = link.to, link.from != to || !link.isSynchronous else { continue }
            links.insert(Pair(from: topology.components[link.from].name, to: topology.components[to].name))
        }
        #expect(drawn.subtracting(links).isEmpty, "drawn but not in the graph: \(drawn.subtracting(links))")
        #expect(links.subtracting(drawn).isEmpty, "in the graph but not drawn: \(links.subtracting(drawn))")
    }
}
