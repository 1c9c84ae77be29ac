import Topology

/// The arrows of the diagram: every way one component reaches another (handler steps,
/// balancer targets and routes, origins, cache misses, consumers, subscriptions, rules,
/// notifications, dead-letter queues), and which workloads travel each one.
///
/// The links are the topology's `RequestGraph`; workloads are followed through it with
/// `RequestGraph.hops`, as the simulator routes them (and as `FlowChecks` checks them): from
/// the entry with the workload's operation, through the handler serving each operation.
package struct FlowTrace: Sendable {
    package enum Style: Sendable, Hashable {
        /// The caller waits for the answer: `call`, `fanout`, balancer targets, origins.
        case sync
        /// Handed on: `publish`, queue and stream consumers, subscriptions, rules, notifications.
        case async
        /// Messages that failed too often (`dlq`).
        case deadLetter
    }

    package struct Link: Sendable, Hashable {
        package var from: String
        package var to: String
        package var style: Style
    }

    /// Links in the order first found (drawing order), with the workloads on each.
    package private(set) var links: [Link] = []
    package private(set) var workloads: [Link: [String]] = [:]

    package init(_ topology: Topology) {
        let graph = topology.requestGraph
        let names = topology.components.map(\.name)
        func link(_ link: RequestLink, to: Int) -> Link {
            Link(from: names[link.from], to: names[to], style: Self.style(link))
        }
        // Every link the topology declares, whether or not a workload uses it.
        for declared in graph.links {
            if let to = declared.to { add(link(declared, to: to)) }
        }
        // Then the workloads, in the order written, and scheduled jobs (their `run` handler).
        for entry in topology.requestEntries {
            let workload = switch entry.source {
            case .workload(let index): topology.workloads[index].name
            case .schedule: "\(names[entry.component]) run"
            }
            for hop in Self.follow(graph, from: entry) {
                add(link(graph.links[hop.link], to: hop.to), workload: workload)
            }
        }
    }

    private static func style(_ link: RequestLink) -> Style {
        if link.kind == .deadLetter { return .deadLetter }
        return link.isSynchronous ? .sync : .async
    }

    /// The hops a request crosses from its entry, breadth first over (component, operation)
    /// pairs, each pair once. Read by index: `removeFirst` made long chains quadratic.
    private static func follow(_ graph: RequestGraph, from entry: RequestGraph.Entry) -> [RequestGraph.Hop] {
        struct Point: Hashable {
            var component: Int
            var operation: String
        }
        var pending = [Point(component: entry.component, operation: entry.operation)]
        var head = 0
        var seen = Set<Point>()
        var crossed: [RequestGraph.Hop] = []
        while head < pending.count {
            let point = pending[head]
            head += 1
            guard seen.insert(point).inserted else { continue }
            for hop in graph.hops(from: point.component, operation: point.operation) {
                crossed.append(hop)
                pending.append(Point(component: hop.to, operation: hop.operation))
            }
        }
        return crossed
    }

    private mutating func add(_ link: Link, workload: String? = nil) {
        guard link.from != link.to || link.style != .sync else { return }
        if workloads[link] == nil {
            links.append(link)
            workloads[link] = []
        }
        if let workload, workloads[link]?.contains(workload) == false {
            workloads[link]?.append(workload)
        }
    }
}
