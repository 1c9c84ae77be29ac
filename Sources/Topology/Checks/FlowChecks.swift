/// Follows requests from each workload through the topology, as the simulator will: resolves
/// which handler serves each operation, checks that calls go to things that answer and
/// publishes to things that queue, and finds cycles of synchronous calls (a request that
/// waits on itself never finishes).
struct FlowChecks {
    /// A point in the flow: an operation served by a component.
    private struct Node: Hashable {
        var component: String
        var op: String
    }

    private enum Edge {
        case sync(Node, SourceLocation)
        case async(Node, SourceLocation)
    }

    private let topology: Topology
    private var diagnostics = Diagnostics()
    private var reportedMissingHandler = Set<Node>()
    /// Synchronous edges of every reachable node, found by the first pass.
    private var syncEdges: [Node: [(Node, SourceLocation)]] = [:]

    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        var checks = FlowChecks(topology: topology)
        checks.checkStepTargets()
        var starts: [(Node, SourceLocation)] = []
        for workload in topology.workloads where topology.component(workload.entry) != nil {
            starts.append((Node(component: workload.entry, op: workload.op), workload.value["entry"]?.location ?? workload.location))
        }
        for component in topology.components where component.kind.family == .job {
            starts.append((Node(component: component.name, op: "run"), component.location))
        }
        checks.explore(from: starts)
        checks.findSyncCycles(from: starts.map(\.0))
        checks.findSelfFeedingHandlers()
        diagnostics.append(contentsOf: checks.diagnostics)
    }

    private init(topology: Topology) {
        self.topology = topology
    }

    // MARK: - Step targets

    private mutating func checkStepTargets() {
        for component in topology.components {
            if component.kind.hasHandlers, component.handlers.isEmpty, component.kind.name != "service" {
                diagnostics.warning("\(component.kind.name) `\(component.name)` has no handlers: requests reaching it do no work", at: component.location)
            }
            for handler in component.handlers {
                for step in handler.steps {
                    switch step.action {
                    case .call(let call):
                        checkCallTarget(call)
                    case .fanout(let calls):
                        for call in calls { checkCallTarget(call) }
                    case .publish(let target, _):
                        // Other families are refused by the reference check already.
                        if let receiver = topology.component(target), receiver.kind.family == .compute,
                            !receiver.kind.acceptsPublish
                        {
                            diagnostics.error(
                                "`\(target)` (\(receiver.kind.name)) can't receive messages: publish to a queue, topic, bus, stream or Lambda, or use `call`",
                                at: step.value["publish"]?.location ?? step.location)
                        }
                    case .work:
                        break
                    }
                }
            }
        }
    }

    private mutating func checkCallTarget(_ call: Call) {
        guard let target = topology.component(call.target), !target.kind.acceptsCall else { return }
        diagnostics.error(
            "`\(call.target)` (\(target.kind.name), a \(target.kind.family.rawValue)) takes messages: send to it with `publish`, not `call`",
            at: call.location)
    }

    // MARK: - Walking the flow

    /// First pass: every (component, operation) a request can reach, by any kind of hop.
    private mutating func explore(from starts: [(Node, SourceLocation)]) {
        var pending = starts
        var seen = Set<Node>()
        while let (node, location) = pending.popLast() {
            guard seen.insert(node).inserted, topology.component(node.component) != nil else { continue }
            var sync: [(Node, SourceLocation)] = []
            for edge in edges(of: node, reachedFrom: location) {
                switch edge {
                case .sync(let next, let at):
                    sync.append((next, at))
                    pending.append((next, at))
                case .async(let next, let at):
                    pending.append((next, at))
                }
            }
            syncEdges[node] = sync
        }
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
        // Every reachable node, in a fixed order, so a cycle behind an asynchronous hop is found too.
        let nodes = syncEdges.keys.sorted { ($0.component, $0.op) < ($1.component, $1.op) }
        for root in starts + nodes where !finished.contains(root) {
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
                        let shown = Self.describe(cycle + [next])
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
        let nodes = syncEdges.keys.sorted { ($0.component, $0.op) < ($1.component, $1.op) }
        for node in nodes {
            guard let component = topology.component(node.component), component.kind.hasHandlers,
                let handler = component.handlers.first(where: { $0.name == node.op })
                    ?? (component.handlers.count == 1 ? component.handlers.first : nil)
            else { continue }
            var copies = 0.0
            var first: (via: String, at: SourceLocation)?
            for step in handler.steps where step.value["when"]?.condition?.truth(forOperation: node.op) != false {
                guard case .publish(let target, let op) = step.action else { continue }
                let start = Node(component: target, op: op ?? node.op)
                guard feeds(start, back: node) else { continue }
                copies += step.value["p"]?.double ?? 1
                if first == nil { first = (target, step.value["publish"]?.location ?? step.location) }
            }
            guard copies > 1 + 1e-9, let first else { continue }
            diagnostics.warning(
                "handler `\(handler.name)` of `\(component.name)` publishes \(NumberText.format(copies)) messages per message back into `\(first.via)`, which delivers them to this same handler: each message makes more than one new one, so the backlog grows without bound; publish back at most once per message (use `p:` or `when:`), or publish somewhere else",
                at: first.at)
        }
    }

    /// Whether a message published at `start` reaches `target` through components that only
    /// pass messages on (queues, topics, buses, streams: no handlers of their own).
    private mutating func feeds(_ start: Node, back target: Node) -> Bool {
        var pending = [start]
        var seen: Set<Node> = [start]
        while let node = pending.popLast() {
            if node == target { return true }
            guard let component = topology.component(node.component), !component.kind.hasHandlers else { continue }
            for edge in edges(of: node, reachedFrom: component.location) {
                let next: Node = switch edge {
                case .sync(let next, _), .async(let next, _): next
                }
                if seen.insert(next).inserted { pending.append(next) }
            }
        }
        return false
    }

    /// `a.go → b.go → a.go`; a long cycle shows its first and last hops only, so a cycle
    /// through thousands of components is not a message of thousands of names.
    private static func describe(_ cycle: [Node]) -> String {
        let names = cycle.map { "\($0.component).\($0.op)" }
        guard names.count > 12 else { return names.joined(separator: " → ") }
        return (names.prefix(8) + ["… \(names.count - 11) more …"] + names.suffix(3)).joined(separator: " → ")
    }

    private mutating func edges(of node: Node, reachedFrom location: SourceLocation) -> [Edge] {
        guard let component = topology.component(node.component) else { return [] }
        let settings = component.settings
        func targets(_ field: String) -> [(String, SourceLocation)] {
            (settings[field]?.elements ?? []).compactMap { value in value.reference.map { ($0, value.location) } }
        }
        func forward(_ list: [(String, SourceLocation)], sync: Bool, op: String? = nil) -> [Edge] {
            list.map { name, at in
                let next = Node(component: name, op: op ?? node.op)
                return sync ? .sync(next, at) : .async(next, at)
            }
        }
        /// Whether a `when:` may hold for this operation (conditions on other attributes may).
        func mayMatch(_ value: Value?) -> Bool {
            value?.condition.map { $0.truth(forOperation: node.op) != false } ?? true
        }
        var edges: [Edge] = []
        if component.kind.hasHandlers {
            edges += handlerEdges(component, node, reachedFrom: location)
        }
        // Routes are tried in order; the default targets get what no route surely took.
        var routedForSure = false
        for route in settings["routes"]?.elements ?? [] where !routedForSure && mayMatch(route["when"]) {
            if let target = route["target"], let name = target.reference {
                edges.append(.sync(Node(component: name, op: node.op), target.location))
            }
            routedForSure = route["when"]?.condition?.truth(forOperation: node.op) == true
        }
        if !routedForSure {
            edges += forward(targets("targets"), sync: component.kind.family == .balancer || component.kind.family == .edge)
        }
        edges += forward(targets("origin"), sync: true)
        edges += forward(targets("miss"), sync: true)
        for consumer in settings["consumers"]?.elements ?? [] {
            let reference = consumer.reference.map { ($0, consumer.location, nil as String?) }
                ?? consumer["component"]?.reference.map { ($0, consumer.location, consumer["handler"]?.text) }
            if let (name, at, handler) = reference {
                edges.append(.async(Node(component: name, op: handler ?? node.op), at))
            }
        }
        for subscription in settings["subscriptions"]?.elements ?? [] where mayMatch(subscription["filter"]) {
            edges += forward(subscription["target"].map { [($0.reference ?? "", $0.location)] } ?? [], sync: false)
        }
        for rule in settings["rules"]?.elements ?? [] where mayMatch(rule["when"]) {
            edges += forward((rule["targets"]?.elements ?? []).compactMap { value in value.reference.map { ($0, value.location) } }, sync: false)
        }
        for notification in settings["notifications"]?.elements ?? [] where mayMatch(notification["when"]) {
            if let target = notification["target"], let name = target.reference {
                edges.append(.async(Node(component: name, op: notification["op"]?.text ?? node.op), target.location))
            }
        }
        return edges
    }

    /// The steps of the handler serving `node.op`, as edges.
    private mutating func handlerEdges(_ component: Component, _ node: Node, reachedFrom location: SourceLocation) -> [Edge] {
        guard !component.handlers.isEmpty else { return [] }
        let handler = component.handlers.first { $0.name == node.op }
            ?? (component.handlers.count == 1 ? component.handlers[0] : nil)
        guard let handler else {
            if reportedMissingHandler.insert(node).inserted {
                diagnostics.error(
                    "`\(component.name)` has no handler for operation `\(node.op)`; its handlers are \(SpecDecoder.list(component.handlers.map(\.name), limit: 10)) (name one with `op:`, or add a handler `\(node.op)`)",
                    at: location)
            }
            return []
        }
        var edges: [Edge] = []
        for step in handler.steps where step.value["when"]?.condition?.truth(forOperation: node.op) != false {
            switch step.action {
            case .call(let call):
                edges.append(.sync(Node(component: call.target, op: call.op ?? node.op), call.location))
            case .fanout(let calls):
                edges += calls.map { .sync(Node(component: $0.target, op: $0.op ?? node.op), $0.location) }
            case .publish(let target, let op):
                edges.append(.async(Node(component: target, op: op ?? node.op), step.value["publish"]?.location ?? step.location))
            case .work:
                break
            }
        }
        return edges
    }
}

extension Condition {
    /// What the condition says for a request of a known operation when nothing else is known:
    /// true or false when it depends on `op` alone, nil when other attributes decide
    /// (three-valued logic, so `op == a and type == CAR` is false for operation `b`).
    package func truth(forOperation op: String) -> Bool? {
        switch self {
        case .compare(let attribute, let comparison, .text(let value)) where attribute == "op":
            switch comparison {
            case .equal: return op == value
            case .notEqual: return op != value
            default: return nil
            }
        case .isIn(let attribute, let values, let negated) where attribute == "op":
            let texts = values.compactMap { value -> String? in
                if case .text(let text) = value { return text }
                return nil
            }
            guard texts.count == values.count else { return nil }
            return texts.contains(op) != negated
        case .compare, .isIn:
            return nil
        case .not(let inner):
            return inner.truth(forOperation: op).map { !$0 }
        case .and(let left, let right):
            let (a, b) = (left.truth(forOperation: op), right.truth(forOperation: op))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (left.truth(forOperation: op), right.truth(forOperation: op))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        }
    }
}
