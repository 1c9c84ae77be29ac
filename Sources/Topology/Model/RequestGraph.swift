/// Which component calls, publishes to, consumes from, delivers to or routes to which: every
/// `RequestLink` of a topology, read once from its typed components when the `Topology` is
/// built (`Topology.requestGraph`).
///
/// Links are in declaration order: components in the order written; within a component its
/// handlers' steps (handlers and steps as written, a fanout's calls in order), then what its
/// kind's fields declare, in this fixed order: `routes`, `targets`, `origin`, `miss`,
/// `consumers`, `subscriptions`, `rules`, `notifications`, `dlq`, `authorizer.function`.
/// (That is the order the simulator tries routes in and the order the diagram draws arrows
/// in.) A component's links are contiguous, so `outgoing(from:)` is a slice, found in O(1).
///
/// `hops(from:operation:)` (in `RequestGraph+Walk.swift`) says which links a request of a
/// given operation takes at a component, resolving the handler that serves it as the
/// simulator does; the flow checks and the diagram both follow requests with it.
package struct RequestGraph: Sendable {
    /// Every link, in declaration order.
    package private(set) var links: [RequestLink] = []
    /// For each component, the range of `links` it declares.
    private var componentLinks: [Range<Int>] = []
    /// For each component, the part of its range declared by its kind's fields (not steps).
    private var fieldLinks: [Range<Int>] = []
    /// For each component, where its handlers start in `handlerLinks`.
    private var firstHandler: [Int] = []
    /// For each handler of every component (component by component), the range of `links`
    /// its steps declare.
    private var handlerLinks: [Range<Int>] = []
    /// Whether the component's kind runs handlers (compute and jobs).
    private var runsHandlers: [Bool] = []
    /// The first handler of each name, per component: resolving an operation is a lookup,
    /// not a scan of the handlers (a component may have many).
    private var handlerNamed: [HandlerKey: Int] = [:]

    private struct HandlerKey: Hashable {
        var component: Int
        var name: String
    }

    package init() {}

    /// The links `component` declares (an index into `Topology.components`).
    package func outgoing(from component: Int) -> ArraySlice<RequestLink> {
        links[componentLinks[component]]
    }

    /// Indices into `links` of the links the steps of handler `handler` of `component` declare.
    package func linkIndices(ofHandler handler: Int, at component: Int) -> Range<Int> {
        handlerLinks[firstHandler[component] + handler]
    }

    /// Indices into `links` of the links `component`'s kind fields declare (not its steps).
    package func fieldLinkIndices(of component: Int) -> Range<Int> {
        fieldLinks[component]
    }

    // MARK: - Handlers

    /// Which handler of a component serves an operation.
    package enum HandlerChoice: Sendable, Hashable {
        /// The component runs no handlers: its kind has none, or it declares none.
        case noHandlers
        /// `handlers[index]`: the one named after the operation, else the only one.
        case handler(Int)
        /// It has handlers and none serves the operation: the simulator fails such requests.
        case missing
    }

    /// The handler serving `operation` at `component`, as the simulator resolves it: the
    /// handler of that name, else the component's only handler, whatever its name.
    package func handler(serving operation: String, at component: Int) -> HandlerChoice {
        let count = handlerCount(of: component)
        guard runsHandlers[component], count > 0 else { return .noHandlers }
        if let index = handlerNamed[HandlerKey(component: component, name: operation)] { return .handler(index) }
        return count == 1 ? .handler(0) : .missing
    }

    private func handlerCount(of component: Int) -> Int {
        let end = component + 1 < firstHandler.count ? firstHandler[component + 1] : handlerLinks.count
        return end - firstHandler[component]
    }

    // MARK: - Building

    /// Appends `component`'s links: `handlers` holds, per handler, its name and its steps'
    /// links; `fields` the links its kind's fields declare. Called once per component, in order.
    mutating func appendComponent(runsHandlers: Bool, handlers: [(name: String, links: [RequestLink])], fields: [RequestLink]) {
        let component = componentLinks.count
        let start = links.count
        firstHandler.append(handlerLinks.count)
        for (position, handler) in handlers.enumerated() {
            let first = links.count
            links += handler.links
            handlerLinks.append(first..<links.count)
            let key = HandlerKey(component: component, name: handler.name)
            if handlerNamed[key] == nil { handlerNamed[key] = position }
        }
        let fieldStart = links.count
        links += fields
        fieldLinks.append(fieldStart..<links.count)
        componentLinks.append(start..<links.count)
        self.runsHandlers.append(runsHandlers)
    }
}

// MARK: - Where requests start

extension RequestGraph {
    /// Where requests enter the graph: a workload at its entry with its operation, or a
    /// scheduled job (`glue`, `batch`) at its `run` handler.
    package struct Entry: Sendable, Hashable {
        package enum Source: Sendable, Hashable {
            /// `workloads[index]`
            case workload(Int)
            /// The job's `schedule:`.
            case schedule
        }

        package var component: Int
        package var operation: String
        package var source: Source
        /// The workload's `entry:` value, or the job's name.
        package var location: SourceLocation
    }
}

extension Topology {
    /// Every workload whose entry is a component, in the order written, then every scheduled
    /// job, in the order written.
    package var requestEntries: [RequestGraph.Entry] {
        var entries: [RequestGraph.Entry] = []
        for (position, workload) in workloads.enumerated() {
            guard let component = index(ofComponent: workload.entry) else { continue }
            entries.append(RequestGraph.Entry(
                component: component, operation: workload.op, source: .workload(position),
                location: workload.value["entry"]?.location ?? workload.location))
        }
        for job in components where job.kind.family == .job {
            guard let component = index(ofComponent: job.name) else { continue }
            entries.append(RequestGraph.Entry(component: component, operation: "run", source: .schedule, location: job.location))
        }
        return entries
    }
}
