import Topology

/// The arrows of the diagram: every way one component reaches another (handler steps,
/// balancer targets and routes, origins, cache misses, consumers, subscriptions, rules,
/// notifications, dead-letter queues), and which workloads travel each one.
///
/// Workloads are followed as the simulator routes them (and as `FlowChecks` checks them):
/// from the entry with the workload's operation, through the handler serving each operation.
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
        var tracer = Tracer(topology: topology)
        // Every link the topology declares, whether or not a workload uses it.
        for component in topology.components {
            for link in tracer.staticLinks(of: component) { add(link) }
        }
        // Then the workloads, in the order written, and scheduled jobs (their `run` handler).
        for workload in topology.workloads where topology.component(workload.entry) != nil {
            for link in tracer.follow(entry: workload.entry, op: workload.op) {
                add(link, workload: workload.name)
            }
        }
        for job in topology.components where job.kind.family == .job {
            for link in tracer.follow(entry: job.name, op: "run") {
                add(link, workload: "\(job.name) run")
            }
        }
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

/// Walks (component, operation) pairs.
private struct Tracer {
    struct Point: Hashable {
        var component: String
        var op: String
    }

    let topology: Topology

    /// Links a workload crosses, from its entry.
    mutating func follow(entry: String, op: String) -> [FlowTrace.Link] {
        // Breadth first, read by index: `removeFirst` made long chains quadratic.
        var pending = [Point(component: entry, op: op)]
        var head = 0
        var seen = Set<Point>()
        var links: [FlowTrace.Link] = []
        while head < pending.count {
            let point = pending[head]
            head += 1
            guard seen.insert(point).inserted, let component = topology.component(point.component) else { continue }
            for (next, style) in hops(of: component, op: point.op) {
                links.append(FlowTrace.Link(from: point.component, to: next.component, style: style))
                pending.append(next)
            }
        }
        return links
    }

    /// Every link declared by a component, for any operation.
    func staticLinks(of component: Component) -> [FlowTrace.Link] {
        var links: [FlowTrace.Link] = []
        func link(_ to: String?, _ style: FlowTrace.Style) {
            if let to, topology.component(to) != nil {
                links.append(FlowTrace.Link(from: component.name, to: to, style: style))
            }
        }
        for handler in component.handlers {
            for step in handler.steps {
                switch step.action {
                case .call(let call): link(call.target, .sync)
                case .fanout(let calls): calls.forEach { link($0.target, .sync) }
                case .publish(let target, _): link(target, .async)
                case .work: break
                }
            }
        }
        let settings = component.settings
        let forwardStyle: FlowTrace.Style = [.balancer, .edge].contains(component.kind.family) ? .sync : .async
        for route in settings["routes"]?.elements ?? [] { link(route["target"]?.reference, .sync) }
        for target in settings["targets"]?.elements ?? [] { link(target.reference, forwardStyle) }
        link(settings["origin"]?.reference, .sync)
        link(settings["miss"]?.reference, .sync)
        for consumer in settings["consumers"]?.elements ?? [] {
            link(consumer.reference ?? consumer["component"]?.reference, .async)
        }
        for subscription in settings["subscriptions"]?.elements ?? [] { link(subscription["target"]?.reference, .async) }
        for rule in settings["rules"]?.elements ?? [] {
            for target in rule["targets"]?.elements ?? [] { link(target.reference, .async) }
        }
        for notification in settings["notifications"]?.elements ?? [] { link(notification["target"]?.reference, .async) }
        link(settings["dlq"]?.reference, .deadLetter)
        if let authorizer = settings["authorizer"] { link(authorizer["function"]?.reference, .sync) }
        return links
    }

    /// Where a request for `op` at `component` goes next (the simulator's routing).
    private func hops(of component: Component, op: String) -> [(Point, FlowTrace.Style)] {
        var hops: [(Point, FlowTrace.Style)] = []
        func mayMatch(_ value: Value?) -> Bool {
            value?.condition.map { $0.truth(forOperation: op) != false } ?? true
        }
        func to(_ name: String?, _ style: FlowTrace.Style, op next: String? = nil) {
            if let name, topology.component(name) != nil {
                hops.append((Point(component: name, op: next ?? op), style))
            }
        }
        let settings = component.settings
        if component.kind.hasHandlers, !component.handlers.isEmpty {
            let handler = component.handlers.first { $0.name == op } ?? (component.handlers.count == 1 ? component.handlers[0] : nil)
            for step in handler?.steps ?? [] where mayMatch(step.value["when"]) {
                switch step.action {
                case .call(let call): to(call.target, .sync, op: call.op)
                case .fanout(let calls): calls.forEach { to($0.target, .sync, op: $0.op) }
                case .publish(let target, let next): to(target, .async, op: next)
                case .work: break
                }
            }
        }
        var routedForSure = false
        for route in settings["routes"]?.elements ?? [] where !routedForSure && mayMatch(route["when"]) {
            to(route["target"]?.reference, .sync)
            routedForSure = route["when"]?.condition?.truth(forOperation: op) == true
        }
        if !routedForSure {
            let style: FlowTrace.Style = [.balancer, .edge].contains(component.kind.family) ? .sync : .async
            for target in settings["targets"]?.elements ?? [] { to(target.reference, style) }
        }
        to(settings["origin"]?.reference, .sync)
        to(settings["miss"]?.reference, .sync)
        for consumer in settings["consumers"]?.elements ?? [] {
            if let name = consumer.reference {
                to(name, .async)
            } else {
                to(consumer["component"]?.reference, .async, op: consumer["handler"]?.text)
            }
        }
        for subscription in settings["subscriptions"]?.elements ?? [] where mayMatch(subscription["filter"]) {
            to(subscription["target"]?.reference, .async)
        }
        for rule in settings["rules"]?.elements ?? [] where mayMatch(rule["when"]) {
            for target in rule["targets"]?.elements ?? [] { to(target.reference, .async) }
        }
        for notification in settings["notifications"]?.elements ?? [] where mayMatch(notification["when"]) {
            to(notification["target"]?.reference, .async, op: notification["op"]?.text)
        }
        return hops
    }
}
