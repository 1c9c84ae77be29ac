/// One way a component hands a request (or a message) to another, as the topology declares
/// it: a handler's `call`, a `publish`, a queue's consumer, a topic's subscription, a
/// balancer's target… The `RequestGraph` holds them all, read once from the typed
/// `Topology`, so that the checks, the diagram and the compiler do not each re-read the
/// field names.
package struct RequestLink: Sendable, Hashable {
    /// What the link does. Sync or async follows from it (`isSynchronous`), except that it is
    /// stored per link because `targets:` of a kind that is neither a balancer nor an edge
    /// would be async (none exists in the catalogue today; the rule is kept from the checks).
    package enum Kind: Sendable, Hashable {
        /// A handler's `call:` step, or one call of a `fanout:`: the caller waits for the answer.
        case call
        /// A handler's `publish:` step: the message is handed on and the handler moves on.
        case publish
        /// A queue's or stream's `consumers:` entry, from the queue to the consumer: the
        /// consumer polls and runs a handler per message (the message's operation, or the
        /// entry's `handler:`).
        case consume
        /// A push delivery by the component itself: a topic's `subscriptions:`, an event
        /// bus's `rules:` (one link per rule target), an object store's `notifications:`.
        case deliver
        /// A component that runs no code of yours forwarding the request and waiting for its
        /// answer: a balancer's, gateway's or DNS name's `routes:` and `targets:`, a CDN's
        /// `origin:`, a cache's `miss:`.
        case route
        /// Where messages go that failed too often (`dlq:` of a queue or event bus). A
        /// request never travels it; `RequestGraph.hops` does not follow it.
        case deadLetter
        /// An API gateway's Lambda authorizer (`authorizer.function`). The simulator charges
        /// the authorizer's `latency` and does not invoke the function, so `hops` does not
        /// follow it either; the diagram draws it.
        case authorize
    }

    /// Where in its component the link is written: indices into the typed `Component`
    /// (handlers and steps) or into the list its field holds, so a reader can go back to
    /// the field's other settings (a step's `timeout:`, a consumer's `batch_size:`).
    package enum Declaration: Sendable, Hashable {
        /// `handlers[handler].steps[step]`; `call` is the position in a `fanout:`, nil for a
        /// `call:` or `publish:` step.
        case step(handler: Int, step: Int, call: Int?)
        /// `routes[index].target`
        case route(Int)
        /// `targets[index]` (a single name is a list of one)
        case target(Int)
        /// `origin`
        case origin
        /// `miss`
        case miss
        /// `consumers[index]`, a name or `component:` of the mapping form
        case consumer(Int)
        /// `subscriptions[index].target`
        case subscription(Int)
        /// `rules[rule].targets[target]`
        case rule(Int, target: Int)
        /// `notifications[index].target`
        case notification(Int)
        /// `dlq`
        case deadLetterQueue
        /// `authorizer.function`
        case authorizer
    }

    /// What must hold for a request to take the link, as the topology writes it. A link
    /// without conditions is taken by every request that reaches its handler or component.
    package enum Guard: Sendable, Hashable {
        /// A condition on the request's attributes: a step's `when:`, a route's `when:`, a
        /// rule's `when:`, a notification's `when:`, a subscription's `filter:`. A fanout's
        /// calls carry their step's `when:` (the one the simulator applies).
        case when(Condition, at: SourceLocation)
        /// A step's `p:`: taken with this probability.
        case probability(Double, at: SourceLocation)
        /// Routes are tried in order and the first match wins: taken only when none of its
        /// component's first `count` routes took the request. Route `i` carries
        /// `afterRoutes(i)` (from the second route on), the default `targets:` carry the
        /// number of routes when there are routes.
        case afterRoutes(Int)
        /// A CDN's `origin:` and a cache's `miss:`: taken only when the cache misses
        /// (`hit_ratio`).
        case cacheMiss
        /// A `failover` DNS record's targets after the first: used only while the primary is
        /// unhealthy (the simulator sends every request to the primary).
        case failover
    }

    /// The component declaring the link (an index into `Topology.components`).
    package var from: Int
    /// The component it leads to, nil when the name matches no component that could be read
    /// (the reference check reports it). The graph keeps such links so that the order of
    /// routes, and so first-match routing, is the one written.
    package var to: Int?
    /// The name written, whether or not it matches a component.
    package var target: String
    package var kind: Kind
    package var declaration: Declaration
    /// The operation the link sets (`op:` of a call, publish or notification, `handler:` of a
    /// consumer); nil when the request keeps the operation it had.
    package var operation: String?
    package var guards: [Guard]
    package var isSynchronous: Bool
    /// Where the link is written: the target's name (a call's `call:` value, a publish's
    /// `publish:` value, a route's `target:`…), or the whole consumer entry.
    package var location: SourceLocation

    /// The index of the handler whose step declares the link.
    package var handler: Int? {
        if case .step(let handler, _, _) = declaration { return handler }
        return nil
    }

    /// The `when:` or `filter:` condition, if the link has one.
    package var condition: Condition? {
        for case .when(let condition, _) in guards { return condition }
        return nil
    }

    /// The `p:` of its step, if any.
    package var probability: Double? {
        for case .probability(let probability, _) in guards { return probability }
        return nil
    }
}
