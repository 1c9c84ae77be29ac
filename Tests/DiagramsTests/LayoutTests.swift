import Foundation
import Testing

@testable import Diagrams
@testable import Topology

/// The layout decisions, read off the graph before Graphviz sees it.
@Suite("Layout")
struct LayoutTests {
    /// The chain of cluster ids leading to each node.
    static func clusters(of graph: DiagramGraph) -> [String: [String]] {
        var paths: [String: [String]] = [:]
        func walk(_ subgraph: Subgraph, _ path: [String]) {
            let here = subgraph.id.isEmpty ? path : path + [subgraph.id]
            for node in subgraph.nodes { paths[node.id] = here }
            for child in subgraph.subgraphs { walk(child, here) }
        }
        walk(graph.root, [])
        return paths
    }

    static func label(_ node: Node) -> String {
        if case .html(let markup)? = node.attributes["label"] { return markup }
        if case .text(let text)? = node.attributes["label"] { return text }
        return ""
    }

    @Test("region ⊃ VPC ⊃ zone ⊃ subnet; a service spanning zones is drawn in each with its share")
    func nesting() throws {
        let graph = Diagram.graph(of: try DiagramFixtures.example("image-pipeline"))
        let paths = Self.clusters(of: graph)
        let processors = graph.allNodes.filter { $0.component == "processor" }
        #expect(processors.count == 2)
        for (node, zone) in zip(processors, ["a", "b"]) {
            #expect(paths[node.id] == ["cluster_region", "cluster_vpc", "cluster_zone_\(zone)", "cluster_subnet_\(zone)_private"])
            // scaling min 2, max 16 over two zones: 1–8 each.
            #expect(Self.label(node).contains("ecs-service ×1–8"))
        }
        // Regional services sit in the region, outside the VPC.
        let images = try #require(graph.allNodes.first { $0.component == "images" })
        #expect(paths[images.id] == ["cluster_region", "cluster_regional"])
        // The copies of a spanning service share a rank.
        #expect(graph.rankGroups.contains { $0.rank == "same" && Set($0.nodes) == Set(processors.map(\.id)) })
    }

    @Test("Multi-AZ database: primary in the first zone, standby in the second, arrows only to the primary")
    func standby() throws {
        let graph = Diagram.graph(of: try DiagramFixtures.example("image-pipeline"))
        let db = graph.allNodes.filter { $0.component == "db" }
        #expect(db.count == 2)
        #expect(Self.label(db[0]).contains("rds primary"))
        #expect(Self.label(db[1]).contains("db (standby)"))
        let intoStandby = graph.edges.filter { $0.head == db[1].id }
        #expect(intoStandby.count == 1)
        #expect(intoStandby.first?.tail == db[0].id)
        #expect(intoStandby.first?.attributes["style"] == "dotted")
    }

    @Test("a fixed count over more zones than units leaves a zone without a copy")
    func unevenSpread() throws {
        // status-cache: 2 nodes over zones a, b, c.
        let graph = Diagram.graph(of: try DiagramFixtures.example("kafka-ecs-pipeline"))
        let caches = graph.allNodes.filter { $0.component == "status-cache" }
        #expect(caches.count == 2)
        #expect(caches.allSatisfy { Self.label($0).contains("elasticache 1 node") })
    }

    @Test("synchronous arrows are solid, asynchronous dashed, dead letters dotted; labelled with workloads")
    func arrowStyles() throws {
        let topology = try DiagramFixtures.example("routing-sns-filters")
        let graph = Diagram.graph(of: topology)
        let byComponent = Dictionary(grouping: graph.allNodes.filter { $0.component != nil }, by: { $0.component! })
        func edges(_ from: String, _ to: String) -> [Edge] {
            let tails = Set(byComponent[from]?.map(\.id) ?? [])
            let heads = Set(byComponent[to]?.map(\.id) ?? [])
            return graph.edges.filter { tails.contains($0.tail) && heads.contains($0.head) }
        }
        let publish = edges("system-a", "purchases")
        #expect(publish.count == 2)  // one per zone copy of system-a
        #expect(publish.allSatisfy { $0.attributes["style"] == "dashed" })
        #expect(publish.filter { $0.attributes["label"] != nil }.count == 1, "one label per link, not per copy")
        let put = edges("car-backend", "policies")
        #expect(put.allSatisfy { $0.attributes["style"] == nil })
        #expect(put.first?.attributes["label"] == .html("purchase"))
        let dead = edges("car-queue", "car-dlq")
        #expect(dead.count == 1)
        #expect(dead.first?.attributes["style"] == "dotted")
    }

    @Test("a single-zone broker delivers to its consumers in every zone")
    func singleZoneSender() throws {
        let graph = Diagram.graph(of: try DiagramFixtures.example("priority-rabbitmq"))
        let broker = try #require(graph.allNodes.first { $0.component == "claims" })
        let consumers = graph.allNodes.filter { $0.component == "system-b" }
        #expect(consumers.count == 2)
        for consumer in consumers {
            #expect(graph.edges.contains { $0.tail == broker.id && $0.head == consumer.id })
        }
    }

    @Test("calls from a NAT subnet to a regional service without an endpoint say so; with one they don't")
    func viaNAT() throws {
        let nat = Diagram.graph(of: try DiagramFixtures.example("kafka-ecs-pipeline"))
        #expect(nat.edges.contains { if case .html(let m)? = $0.attributes["label"] { m.contains("via NAT") } else { false } })
        let endpoint = Diagram.graph(of: try DiagramFixtures.example("image-pipeline"))  // endpoints: [s3]
        #expect(!endpoint.edges.contains { if case .html(let m)? = $0.attributes["label"] { m.contains("via NAT") } else { false } })
        // Egress arrows from each private subnet box to its zone's NAT.
        let egress = endpoint.edges.filter { $0.attributes["lhead"] != nil }
        #expect(egress.count == 2)
        #expect(Set(egress.map(\.tail)) == Set(endpoint.allNodes.filter { $0.id.hasPrefix("net_nat_") }.map(\.id)))
    }

    @Test("workloads are traced through handlers by operation")
    func trace() throws {
        let trace = FlowTrace(try DiagramFixtures.example("image-pipeline"))
        #expect(trace.workloads[.init(from: "portal", to: "processing-alb", style: .sync)] == ["upload"])
        #expect(trace.workloads[.init(from: "stream", to: "processor", style: .async)] == ["stream_image"])
        #expect(trace.workloads[.init(from: "processor", to: "images", style: .sync)] == ["upload", "stream_image"])
        // The dashboard's `select` ends at the database: no link out of it.
        #expect(!trace.links.contains { $0.from == "db" })
        // Routes by operation: image-sharing's ingress sends upload and edit to image-service only.
        let sharing = FlowTrace(try DiagramFixtures.example("image-sharing"))
        #expect(sharing.workloads[.init(from: "ingress", to: "image-service", style: .sync)] == ["upload", "edit"])
        #expect(sharing.workloads[.init(from: "ingress", to: "user-service", style: .sync)] == ["feed", "update_profile"])
    }

    @Test("a network of generic services has no VPC box")
    func noNetwork() throws {
        let graph = Diagram.graph(of: try DiagramFixtures.example("service-network"))
        let paths = Self.clusters(of: graph)
        let front = try #require(graph.allNodes.first { $0.component == "front" })
        #expect(paths[front.id] == ["cluster_region", "cluster_regional"])
        #expect(!paths.values.contains { $0.contains("cluster_vpc") })
    }

    @Test("the legend lists the families drawn, and only those")
    func legend() throws {
        let graph = Diagram.graph(of: try DiagramFixtures.example("routing-sns-filters"))
        let legend = try #require(graph.allNodes.first { $0.id == "legend" })
        let text = Self.label(legend)
        #expect(text.contains("messaging (queues, topics, buses): sns, sqs"))
        #expect(text.contains("compute: ecs-service"))
        #expect(text.contains("dead letters"))
        #expect(!text.contains("databases"))
        #expect(!text.contains("utilization"))
    }
}
