/// Reads a topology's `RequestLink`s out of its typed components: the only place that knows
/// which fields of a kind name the components a request goes to next.
enum RequestGraphBuilder {
    /// `index` maps a component name to its first position, as `Topology.component(_:)` does.
    static func build(_ components: [Component], index: [String: Int]) -> RequestGraph {
        var graph = RequestGraph()
        for (position, component) in components.enumerated() {
            let links = ComponentLinks(from: position, index: index)
            let handlers = component.handlers.enumerated().map { handler, declared in
                (name: declared.name, links: links.steps(of: declared, handler: handler))
            }
            graph.appendComponent(
                runsHandlers: component.kind.hasHandlers, handlers: handlers, fields: links.fields(of: component))
        }
        return graph
    }
}

/// The links of one component.
private struct ComponentLinks {
    let from: Int
    let index: [String: Int]

    private func link(
        _ kind: RequestLink.Kind, to target: String, _ declaration: RequestLink.Declaration, at location: SourceLocation,
        operation: String? = nil, guards: [RequestLink.Guard] = [], sync: Bool
    ) -> RequestLink {
        RequestLink(
            from: from, to: index[target], target: target, kind: kind, declaration: declaration, operation: operation,
            guards: guards, isSynchronous: sync, location: location)
    }

    // MARK: - Handler steps

    func steps(of handler: Handler, handler position: Int) -> [RequestLink] {
        var links: [RequestLink] = []
        for (step, declared) in handler.steps.enumerated() {
            let guards = Self.stepGuards(declared.value)
            switch declared.action {
            case .call(let call):
                links.append(link(.call, to: call.target, .step(handler: position, step: step, call: nil), at: call.location,
                    operation: call.op, guards: guards, sync: true))
            case .fanout(let calls):
                // The step's `when:` and `p:` guard every call: that is what the simulator applies.
                for (number, call) in calls.enumerated() {
                    links.append(link(.call, to: call.target, .step(handler: position, step: step, call: number), at: call.location,
                        operation: call.op, guards: guards, sync: true))
                }
            case .publish(let target, let op):
                links.append(link(.publish, to: target, .step(handler: position, step: step, call: nil),
                    at: declared.value["publish"]?.location ?? declared.location, operation: op, guards: guards, sync: false))
            case .work:
                break
            }
        }
        return links
    }

    private static func stepGuards(_ step: Value) -> [RequestLink.Guard] {
        var guards: [RequestLink.Guard] = []
        if let when = step["when"], let condition = when.condition { guards.append(.when(condition, at: when.location)) }
        if let p = step["p"], let probability = p.double { guards.append(.probability(probability, at: p.location)) }
        return guards
    }

    // MARK: - Kind fields

    /// In the order `RequestGraph` documents: routes, targets, origin, miss, consumers,
    /// subscriptions, rules, notifications, dlq, authorizer.
    func fields(of component: Component) -> [RequestLink] {
        let settings = component.settings
        var links: [RequestLink] = []
        let routes = settings["routes"]?.elements ?? []
        for (number, route) in routes.enumerated() {
            // Kept even when its target can't be read, so that first-match routing still
            // counts it (a route that surely matches stops the ones after it).
            var guards = Self.when(route)
            if number > 0 { guards.append(.afterRoutes(number)) }
            let target = route["target"]
            links.append(link(.route, to: target?.reference ?? "", .route(number), at: target?.location ?? route.location,
                guards: guards, sync: true))
        }
        // Targets forward synchronously from balancers and edges (the only kinds with targets).
        let forwards = component.kind.family == .balancer || component.kind.family == .edge
        let failover = settings["policy"]?.text == "failover"
        for (number, target) in (settings["targets"]?.elements ?? []).enumerated() {
            guard let name = target.reference else { continue }
            var guards: [RequestLink.Guard] = routes.isEmpty ? [] : [.afterRoutes(routes.count)]
            if failover, number > 0 { guards.append(.failover) }
            links.append(link(.route, to: name, .target(number), at: target.location, guards: guards, sync: forwards))
        }
        for (field, declaration) in [("origin", RequestLink.Declaration.origin), ("miss", .miss)] {
            if let value = settings[field], let name = value.reference {
                links.append(link(.route, to: name, declaration, at: value.location, guards: [.cacheMiss], sync: true))
            }
        }
        for (number, consumer) in (settings["consumers"]?.elements ?? []).enumerated() {
            // A name, or `{ component: name, handler: h }`.
            if let name = consumer.reference {
                links.append(link(.consume, to: name, .consumer(number), at: consumer.location, sync: false))
            } else if let name = consumer["component"]?.reference {
                links.append(link(.consume, to: name, .consumer(number), at: consumer.location,
                    operation: consumer["handler"]?.text, sync: false))
            }
        }
        links += deliveries(settings)
        if let dlq = settings["dlq"], let name = dlq.reference {
            links.append(link(.deadLetter, to: name, .deadLetterQueue, at: dlq.location, sync: false))
        }
        if let function = settings["authorizer"]?["function"], let name = function.reference {
            links.append(link(.authorize, to: name, .authorizer, at: function.location, sync: true))
        }
        return links
    }

    /// Subscriptions, rules and notifications: pushed by the component, each under its
    /// condition.
    private func deliveries(_ settings: Value) -> [RequestLink] {
        var links: [RequestLink] = []
        for (number, subscription) in (settings["subscriptions"]?.elements ?? []).enumerated() {
            guard let target = subscription["target"], let name = target.reference else { continue }
            links.append(link(.deliver, to: name, .subscription(number), at: target.location,
                guards: Self.when(subscription, field: "filter"), sync: false))
        }
        for (number, rule) in (settings["rules"]?.elements ?? []).enumerated() {
            let guards = Self.when(rule)
            for (position, target) in (rule["targets"]?.elements ?? []).enumerated() {
                guard let name = target.reference else { continue }
                links.append(link(.deliver, to: name, .rule(number, target: position), at: target.location, guards: guards, sync: false))
            }
        }
        for (number, notification) in (settings["notifications"]?.elements ?? []).enumerated() {
            guard let target = notification["target"], let name = target.reference else { continue }
            links.append(link(.deliver, to: name, .notification(number), at: target.location,
                operation: notification["op"]?.text, guards: Self.when(notification), sync: false))
        }
        return links
    }

    /// The condition of `field` (`when:` of routes, rules and notifications, `filter:` of
    /// subscriptions), if it parsed.
    private static func when(_ value: Value, field: String = "when") -> [RequestLink.Guard] {
        guard let written = value[field], let condition = written.condition else { return [] }
        return [.when(condition, at: written.location)]
    }
}
