import Testing

@testable import Topology
// Testing has a `SourceLocation` of its own: this one is the topology file's.
import struct Topology.SourceLocation

/// The request graph of a small topology with every kind of link, checked link by link:
/// its kind, operation, guards, sync or async, and where the file declares it.
@Suite("Request graph")
struct RequestGraphTests {
    static let text = """
        archsim: 1
        name: graph
        network:
          zones: [a]
          subnets:
            private: { type: private, egress: none }
        components:
          dns: { kind: route53, policy: failover, targets: [api, cdn] }
          cdn: { kind: cloudfront, origin: api }
          api:
            kind: api-gateway
            targets: web
            routes: [{ when: "op == upload", target: images }, { when: "type == CAR", target: web }]
            authorizer: { type: lambda, function: auth }
          auth: { kind: lambda, handlers: { check: [{ work: 1ms }] } }
          web:
            kind: lambda
            handlers:
              view:
                - call: cache
                  op: get
                  when: "type == CAR"
                  p: 0.5
                - fanout: [{ call: images }, { call: table, op: read }]
              upload:
                - publish: jobs
          cache: { kind: elasticache, subnet: private, miss: table }
          images:
            kind: s3
            notifications: [{ target: events, op: stored, when: "type == CAR" }]
          table: { kind: dynamodb }
          jobs: { kind: sqs, consumers: [worker, { component: resizer, handler: resize }], dlq: dead, max_receives: 3 }
          dead: { kind: sqs }
          events: { kind: eventbridge, rules: [{ when: "op == stored", targets: [topic] }] }
          topic: { kind: sns, subscriptions: [{ target: resizer, filter: "type == CAR" }] }
          worker: { kind: lambda, handlers: { upload: [{ work: 1ms }] } }
          resizer: { kind: lambda, handlers: { resize: [{ work: 1ms }], stored: [{ work: 1ms }] } }
        workloads:
          view: { entry: dns, arrival: { process: poisson, rate: 1/s }, mix: { CAR: 0.5, BIKE: 0.5 } }
          upload: { entry: dns, arrival: { process: poisson, rate: 1/s } }
        """

    static func topology() throws -> Topology {
        let result = TopologyLoader.load(text: text, file: "graph.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.renderedDiagnostics())")
        return try #require(result.topology)
    }

    static func condition(_ text: String) throws -> Condition {
        try ConditionParser.parse(text).get()
    }

    /// A link as a line of text: `from -> to kind declaration op`.
    static func describe(_ link: RequestLink, _ topology: Topology) -> String {
        let to = link.to.map { topology.components[$0].name } ?? "?\(link.target)"
        let op = link.operation.map { " op=\($0)" } ?? ""
        return "\(topology.components[link.from].name) -> \(to) \(link.kind) \(link.declaration)\(op) \(link.isSynchronous ? "sync" : "async") \(link.location.line):\(link.location.column)"
    }

    @Test("every link, in declaration order, with its kind, operation, sync or async, and line:column")
    func links() throws {
        let topology = try Self.topology()
        let lines = topology.requestGraph.links.map { Self.describe($0, topology) }
        #expect(lines == [
            "dns -> api route target(0) sync 8:53",
            "dns -> cdn route target(1) sync 8:58",
            "cdn -> api route origin sync 9:36",
            "api -> images route route(0) sync 13:46",
            "api -> web route route(1) sync 13:87",
            "api -> web route target(0) sync 12:14",
            "api -> auth authorize authorizer sync 14:43",
            "web -> cache call step(handler: 0, step: 0, call: nil) op=get sync 20:17",
            "web -> images call step(handler: 0, step: 1, call: Optional(0)) sync 24:28",
            "web -> table call step(handler: 0, step: 1, call: Optional(1)) op=read sync 24:46",
            "web -> jobs publish step(handler: 1, step: 0, call: nil) async 26:20",
            "cache -> table route miss sync 27:54",
            "images -> events deliver notification(0) op=stored async 30:31",
            "jobs -> worker consume consumer(0) async 32:34",
            "jobs -> resizer consume consumer(1) op=resize async 32:42",
            "jobs -> dead deadLetter deadLetterQueue async 32:89",
            "events -> topic deliver rule(0, target: 0) async 34:74",
            "topic -> resizer deliver subscription(0) async 35:49",
        ])
    }

    @Test("guards: when, p, first-match routes, cache misses, failover, filters, rules, notifications")
    func guards() throws {
        let topology = try Self.topology()
        let graph = topology.requestGraph
        func guards(_ from: String, _ declaration: RequestLink.Declaration) throws -> [RequestLink.Guard] {
            let index = try #require(topology.index(ofComponent: from))
            return try #require(graph.outgoing(from: index).first { $0.declaration == declaration }).guards
        }
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: "graph.yaml", line: line, column: column) }
        let car = try Self.condition("type == CAR")
        #expect(try guards("dns", .target(0)) == [])
        #expect(try guards("dns", .target(1)) == [.failover])
        #expect(try guards("cdn", .origin) == [.cacheMiss])
        #expect(try guards("api", .route(0)) == [.when(try Self.condition("op == upload"), at: at(13, 22))])
        #expect(try guards("api", .route(1)) == [.when(car, at: at(13, 64)), .afterRoutes(1)])
        #expect(try guards("api", .target(0)) == [.afterRoutes(2)])
        #expect(try guards("web", .step(handler: 0, step: 0, call: nil)) == [.when(car, at: at(22, 17)), .probability(0.5, at: at(23, 14))])
        #expect(try guards("web", .step(handler: 0, step: 1, call: 1)) == [])
        #expect(try guards("cache", .miss) == [.cacheMiss])
        #expect(try guards("images", .notification(0)) == [.when(car, at: at(30, 57))])
        #expect(try guards("events", .rule(0, target: 0)) == [.when(try Self.condition("op == stored"), at: at(34, 48))])
        #expect(try guards("topic", .subscription(0)) == [.when(car, at: at(35, 66))])
        let call = try #require(graph.links.first { $0.declaration == .step(handler: 0, step: 0, call: nil) })
        #expect(call.condition == car)
        #expect(call.probability == 0.5)
        #expect(call.handler == 0)
    }

    @Test("outgoing links per component are the component's slice of the links")
    func outgoing() throws {
        let topology = try Self.topology()
        let graph = topology.requestGraph
        var all: [RequestLink] = []
        for index in topology.components.indices {
            let slice = graph.outgoing(from: index)
            #expect(slice.allSatisfy { $0.from == index })
            all += slice
        }
        #expect(all == graph.links)
        let web = try #require(topology.index(ofComponent: "web"))
        #expect(graph.outgoing(from: web).map(\.target) == ["cache", "images", "table", "jobs"])
        #expect(graph.linkIndices(ofHandler: 1, at: web).map { graph.links[$0].target } == ["jobs"])
        #expect(graph.outgoing(from: try #require(topology.index(ofComponent: "table"))).isEmpty)
    }

    @Test("the handler serving an operation: by name, else the only one; none for kinds without handlers")
    func handlers() throws {
        let topology = try Self.topology()
        let graph = topology.requestGraph
        func choice(_ op: String, _ component: String) throws -> RequestGraph.HandlerChoice {
            graph.handler(serving: op, at: try #require(topology.index(ofComponent: component)))
        }
        #expect(try choice("view", "web") == .handler(0))
        #expect(try choice("upload", "web") == .handler(1))
        #expect(try choice("other", "web") == .missing)
        #expect(try choice("anything", "auth") == .handler(0))
        #expect(try choice("stored", "resizer") == .handler(1))
        #expect(try choice("upload", "resizer") == .missing)
        #expect(try choice("upload", "images") == .noHandlers)
    }

    /// `component.operation` of each hop.
    static func hops(_ topology: Topology, _ component: String, _ op: String) throws -> [String] {
        let index = try #require(topology.index(ofComponent: component))
        return topology.requestGraph.hops(from: index, operation: op).map { "\(topology.components[$0.to].name).\($0.operation)" }
    }

    @Test("hops: the links a request of one operation takes at one component")
    func hops() throws {
        let topology = try Self.topology()
        // Both DNS targets (the failover one may be used); the authorizer is not invoked.
        #expect(try Self.hops(topology, "dns", "view") == ["api.view", "cdn.view"])
        #expect(try Self.hops(topology, "api", "view") == ["web.view", "web.view"])
        // The first route surely matches: neither the later route nor the default target.
        #expect(try Self.hops(topology, "api", "upload") == ["images.upload"])
        #expect(try Self.hops(topology, "web", "view") == ["cache.get", "images.view", "table.read"])
        #expect(try Self.hops(topology, "web", "upload") == ["jobs.upload"])
        #expect(try Self.hops(topology, "web", "other") == [])
        #expect(try Self.hops(topology, "images", "upload") == ["events.stored"])
        #expect(try Self.hops(topology, "events", "upload") == [])
        #expect(try Self.hops(topology, "events", "stored") == ["topic.stored"])
        // Not the dead-letter queue.
        #expect(try Self.hops(topology, "jobs", "upload") == ["worker.upload", "resizer.resize"])
    }

    @Test("entries: each workload at its entry, with its operation and the `entry:` location")
    func entries() throws {
        let topology = try Self.topology()
        let dns = try #require(topology.index(ofComponent: "dns"))
        #expect(topology.requestEntries == [
            RequestGraph.Entry(component: dns, operation: "view", source: .workload(0),
                location: SourceLocation(file: "graph.yaml", line: 39, column: 18)),
            RequestGraph.Entry(component: dns, operation: "upload", source: .workload(1),
                location: SourceLocation(file: "graph.yaml", line: 40, column: 20)),
        ])
    }

    @Test("the graph follows the components when they change")
    func rebuilt() throws {
        var topology = try Self.topology()
        let web = try #require(topology.index(ofComponent: "web"))
        topology.components[web].handlers.removeLast()
        #expect(!topology.requestGraph.links.contains { $0.kind == .publish })
        #expect(topology.requestGraph.handler(serving: "upload", at: web) == .handler(0))
    }

    @Test("a route to an unknown name still takes its requests: no error at the default target")
    func unresolvedRoute() {
        let text = """
            archsim: 1
            name: unknown-route
            components:
              api: { kind: api-gateway, targets: users, routes: [{ when: "op == upload", target: nowhere }] }
              users: { kind: service, service_time: 1ms, handlers: { feed: [], profile: [] } }
            workloads:
              upload: { entry: api, arrival: { process: poisson, rate: 1/s } }
            """
        let errors = TopologyLoader.load(text: text, file: "routes.yaml").diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { $0.message.contains("nowhere") })
        #expect(!errors.contains { $0.message.contains("no handler") })
    }

    @Test("each example topology: every link names a component, and calls and routes are the synchronous ones",
        arguments: ExampleTopologiesTests.files)
    func examples(_ path: String) throws {
        let topology = try #require(TopologyLoader.load(text: try RepositoryFiles.read(path), file: path).topology)
        let links = topology.requestGraph.links
        #expect(!links.isEmpty)
        for link in links {
            #expect(link.to.map { topology.components[$0].name } == link.target, "\(link)")
            #expect(link.isSynchronous == [.call, .route, .authorize].contains(link.kind), "\(link)")
            #expect(link.location.file == path)
        }
    }
}
