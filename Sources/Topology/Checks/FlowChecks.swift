/// Follows requests from each workload through the topology, as the simulator will: resolves
/// which handler serves each operation, checks that calls go to things that answer and
/// publishes to things that queue, and finds cycles of synchronous calls (a request that
/// waits on itself never finishes). Where a request goes next is the request graph's
/// (`RequestGraph.hops`), shared with the diagram.
struct FlowChecks {
    /// A point in the flow: an operation served by a component (its index).
    private struct Node: Hashable {
        var component: Int
        var op: String
    }

    private let topology: Topology
    private let graph: RequestGraph
    private var diagnostics = Diagnostics()
    private var reportedMissingHandler = Set<Node>()
    /// Synchronous edges of every reachable node, found by the first pass.
    private var syncEdges: [Node: [(Node, SourceLocation)]] = [:]

    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        var checks = FlowChecks(topology: topology)
        checks.checkStepTargets()
        let starts = topology.requestEntries.map { (Node(component: $0.component, op: $0.operation), $0.location) }
        checks.explore(from: starts)
        checks.findSyncCycles(from: starts.map(\.0))
        checks.findSelfFeedingHandlers()
        diagnostics.append(contentsOf: checks.diagnostics)
    }

    private init(topology: Topology) {
        self.topology = topology
        self.graph = topology.requestGraph
    }

    // MARK: - Step targets

    private mutating func checkStepTargets() {
        for (index, component) in topology.components.enumerated() {
            if component.kind.hasHandlers, component.handlers.isEmpty, component.kind.name != "service" {
                diagnostics.warning("\(component.kind.name) `\(component.name)` has no handlers: requests reaching it do no work", at: component.location)
            }
            for link in graph.outgoing(from: index) where link.handler != nil {
                guard let receiver = link.to.map({ topology.components[$0] }) else { continue }
                switch link.kind {
                case .call where !receiver.kind.acceptsCall:
                    diagnostics.error(
                        "`\(link.target)` (\(receiver.kind.name), a \(receiver.kind.family.rawValue)) takes messages: send to it with `publish`, not `call`",
                        at: link.location)
                // Other families are refused by the reference check already.
                case .publish where receiver.kind.family == .compute && !receiver.kind.acceptsPublish:
                    diagnostics.error(
                        "`\(link.target)` (\(receiver.kind.name)) can't receive messages: publish to a queue, topic, bus, stream or Lambda, or use `call`",
                        at: link.location)
                default:
                    break
                }
            }
        }
    }

    // MARK: - Walking the flow

    /// First pass: every (component, operation) a request can reach, by any kind of hop.
    private mutating func explore(from starts: [(Node, SourceLocation)]) {
        var pending = starts
        var seen = Set<Node>()
        while let (node, location) = pending.popLast() {
            guard seen.insert(node).inserted else { continue }
            reportMissingHandler(node, reachedFrom: location)
            var sync: [(Node, SourceLocation)] = []
            for hop in graph.hops(from: node.component, operation: node.op) {
                let link = graph.links[hop.link]
                let next = Node(component: hop.to, op: hop.operation)
                if link.isSynchronous { sync.append((next, link.location)) }
                pending.append((next, link.location))
            }
            syncEdges[node] = sync
        }
    }

    private mutating func reportMissingHandler(_ node: Node, reachedFrom location: SourceLocation) {
        guard graph.handler(serving: node.op, at: node.component) == .missing,
            reportedMissingHandler.insert(node).inserted
        else { return }
        let component = topology.components[node.component]
        diagnostics.error(
            "`\(component.name)` has no handler for operation `\(node.op)`; its handlers are \(SpecDecoder.list(component.handlers.map(\.name), limit: 10)) (name one with `op:`, or add a handler `\(node.op)`)",
            at: location)
    }

    /// Every reachable node, ordered by component name and operation: a fixed order that
    /// does not depend on hashing.
    private var reachedNodes: [Node] {
        syncEdges.keys.sorted { (topology.components[$0.component].name, $0.op) < (topology.components[$1.component].name, $1.op) }
    }

    /// Second pass: depth-first search over synchronous edges only; an edge back to a node
    /// still being explored closes a cycle. Iterative, with each node's place on the path in a
    /// dictionary: a 12,000-deep call chain overflowed the stack when this recursed, and
    /// searching the path for each edge made it quadratic.
    private mutating func findSyncCycles(from starts: [Node]) {
        var finished = Set<Node>()
        var path: [Node] = []
        var position: [Node: Int] = [:]
        /// For each node on the path, the next of its outgoing edges to follow.
        var nextEdge: [Int] = []
        var reported = Set<Set<Node>>()
        // Every reachable node too, so a cycle behind an asynchronous hop is found.
        for root in starts + reachedNodes where !finished.contains(root) {
            path = [root]
            position = [root: 0]
            nextEdge = [0]
            while let node = path.last {
                let outgoing = syncEdges[node] ?? []
                let edge = nextEdge[nextEdge.count - 1]
                guard edge < outgoing.count else {
                    path.removeLast()
                    nextEdge.removeLast()
                    position[node] = nil
                    finished.insert(node)
                    continue
                }
                nextEdge[nextEdge.count - 1] += 1
                let (next, at) = outgoing[edge]
                if let index = position[next] {
                    let cycle = Array(path[index...])
                    if reported.insert(Set(cycle)).inserted {
                        let shown = describe(cycle + [next])
                        diagnostics.error(
                            "synchronous calls form a cycle, so a request would wait on itself forever: \(shown)",
                            at: at, notes: ["break the cycle with `publish` (asynchronous), or remove one of the calls"])
                    }
                } else if !finished.contains(next) {
                    position[next] = path.count
                    path.append(next)
                    nextEdge.append(0)
                }
            }
        }
    }

    /// Third pass: a handler that publishes back into the queue, topic or stream that feeds it
    /// makes that many new messages of every message; more than one each (counting `p:`) and
    /// the backlog grows without end. A warning: `when:` conditions may stop it in practice.
    private mutating func findSelfFeedingHandlers() {
        for node in reachedNodes {
            guard case .handler(let handler) = graph.handler(serving: node.op, at: node.component) else { continue }
            var copies = 0.0
            var first: RequestLink?
            for hop in graph.hops(from: node.component, operation: node.op) {
                let link = graph.links[hop.link]
                guard link.kind == .publish, feeds(Node(component: hop.to, op: hop.operation), back: node) else { continue }
                copies += link.probability ?? 1
                if first == nil { first = link }
            }
            guard copies > 1 + 1e-9, let first else { continue }
            let component = topology.components[node.component]
            diagnostics.warning(
                "handler `\(component.handlers[handler].name)` of `\(component.name)` publishes \(NumberText.format(copies)) messages per message back into `\(first.target)`, which delivers them to this same handler: each message makes more than one new one, so the backlog grows without bound; publish back at most once per message (use `p:` or `when:`), or publish somewhere else",
                at: first.location)
        }
    }

    /// Whether a message published at `start` reaches `target` through components that only
    /// pass messages on (queues, topics, buses, streams: no handlers of their own).
    private func feeds(_ start: Node, back target: Node) -> Bool {
        var pending = [start]
        var seen: Set<Node> = [start]
        while let node = pending.popLast() {
            if node == target { return true }
            guard !topology.components[node.component].kind.hasHandlers else { continue }
            for hop in graph.hops(from: node.component, operation: node.op) {
                let next = Node(component: hop.to, op: hop.operation)
                if seen.insert(next).inserted { pending.append(next) }
            }
        }
        return false
    }

    /// `a.go → b.go → a.go`; a long cycle shows its first and last hops only, so a cycle
    /// through thousands of components is not a message of thousands of names.
    private func describe(_ cycle: [Node]) -> String {
        let names = cycle.map { "\(topology.components[$0.component].name).\($0.op)" }
        guard names.count > 12 else { return names.joined(separator: " → ") }
        return (names.prefix(8) + ["… \(names.count - 11) more …"] + names.suffix(3)).joined(separator: " → ")
    }
}
