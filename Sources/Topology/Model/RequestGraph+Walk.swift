/// Following a request: which links a request of one operation takes at one component.
/// `FlowChecks` (handlers that are missing, cycles of calls) and the diagram's `FlowTrace`
/// (which workloads travel each arrow) both walk the graph with `hops`, so they agree with
/// each other and with the simulator on where a request goes.
extension RequestGraph {
    /// One link a request takes, and the operation it has at the far end.
    package struct Hop: Sendable, Hashable {
        /// The index of the link in `links`.
        package var link: Int
        /// The component reached.
        package var to: Int
        /// The link's operation, or the request's own when the link sets none.
        package var operation: String
    }

    /// The links a request for `operation` at `component` may take, in declaration order:
    /// the steps of the handler serving the operation (none when no handler does), then the
    /// links of the component's kind fields.
    ///
    /// "May": a guard that depends on the operation alone (`when: op == upload`) is decided;
    /// one on other attributes, a `p:`, a cache miss or a failover may go either way, so
    /// the link is included. Routes are first-match: once a route surely matches, later
    /// routes and the default targets are not taken. Links to names that match no component,
    /// dead-letter queues and authorizers are never hops.
    package func hops(from component: Int, operation: String) -> [Hop] {
        var hops: [Hop] = []
        if case .handler(let handler) = handler(serving: operation, at: component) {
            for index in linkIndices(ofHandler: handler, at: component) {
                if mayTake(links[index], operation: operation, sureRoute: nil) { append(index, operation, to: &hops) }
            }
        }
        /// The first route whose condition holds for every request of this operation.
        var sureRoute: Int?
        for index in fieldLinkIndices(of: component) {
            let link = links[index]
            guard link.kind != .deadLetter, link.kind != .authorize,
                mayTake(link, operation: operation, sureRoute: sureRoute)
            else { continue }
            if case .route(let number) = link.declaration, link.condition?.truth(forOperation: operation) == true {
                sureRoute = number
            }
            append(index, operation, to: &hops)
        }
        return hops
    }

    private func append(_ index: Int, _ operation: String, to hops: inout [Hop]) {
        guard let to = links[index].to else { return }
        hops.append(Hop(link: index, to: to, operation: links[index].operation ?? operation))
    }

    /// False when a guard rules the link out for every request of `operation`.
    private func mayTake(_ link: RequestLink, operation: String, sureRoute: Int?) -> Bool {
        for condition in link.guards {
            switch condition {
            case .when(let condition, _):
                if condition.truth(forOperation: operation) == false { return false }
            case .afterRoutes(let count):
                if let sureRoute, sureRoute < count { return false }
            case .probability, .cacheMiss, .failover:
                break
            }
        }
        return true
    }
}
