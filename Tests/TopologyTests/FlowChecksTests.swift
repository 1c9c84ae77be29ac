import Testing

@testable import Topology

@Suite("Flow checks")
struct FlowChecksTests {
    static func condition(_ text: String) throws -> Condition {
        try ConditionParser.parse(text).get()
    }

    @Test("conditions decided by the operation alone are evaluated; others stay unknown", arguments: [
        ("op == upload", "upload", true as Bool?),
        ("op == upload", "view", false),
        ("op != upload", "view", true),
        ("op in [upload, edit]", "edit", true),
        ("op not in [upload, edit]", "edit", false),
        ("type == CAR", "upload", nil),
        ("op == upload and type == CAR", "view", false),
        ("op == upload and type == CAR", "upload", nil),
        ("op == upload or type == CAR", "upload", true),
        ("op == upload or type == CAR", "view", nil),
        ("not (op == upload)", "upload", false),
    ])
    func truth(_ example: (String, String, Bool?)) throws {
        #expect(try Self.condition(example.0).truth(forOperation: example.1) == example.2)
    }

    static let routed = """
        archsim: 1
        name: routes
        components:
          api: { kind: api-gateway, targets: users, routes: [{ when: "op in [upload, edit]", target: images }] }
          users: { kind: service, servers: 1, service_time: 1ms, handlers: { feed: [] , profile: [] } }
          images: { kind: service, servers: 1, service_time: 1ms, handlers: { upload: [], edit: [] } }
        workloads:
          feed: { entry: api, arrival: { process: poisson, rate: 1/s } }
          upload: { entry: api, arrival: { process: poisson, rate: 1/s } }
          other: { entry: api, arrival: { process: poisson, rate: 1/s } }
        """

    @Test("routes send each operation where its condition leads, and no further")
    func routes() {
        let result = TopologyLoader.load(text: Self.routed, file: "routes.yaml")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        // `feed` and `upload` resolve; `other` reaches the default target, which lacks it.
        #expect(errors == [
            "`users` has no handler for operation `other`; its handlers are `feed`, `profile` (name one with `op:`, or add a handler `other`)"
        ])
    }

    @Test("a cycle behind an asynchronous hop is still found")
    func cycleBehindPublish() {
        let text = """
            archsim: 1
            name: cycle
            components:
              a: { kind: service, service_time: 1ms, handlers: { go: [{ publish: q }] } }
              q: { kind: sqs, consumers: b }
              b: { kind: lambda, handlers: { go: [{ call: c }] } }
              c: { kind: service, service_time: 1ms, handlers: { go: [{ call: b }] } }
            workloads:
              go: { entry: a, arrival: { process: poisson, rate: 1/s } }
            """
        let messages = TopologyLoader.load(text: text, file: "cycle.yaml").diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("cycle") && $0.contains("b.go → c.go → b.go") })
        // The asynchronous hop itself is no cycle.
        #expect(!messages.contains { $0.contains("a.go →") })
    }
}

/// A handler publishing back into the queue that feeds it makes that many new messages of each:
/// more than one per message and the backlog grows without end.
@Suite("Self-feeding handlers")
struct SelfFeedingTests {
    static func topology(_ steps: String, via: String = "pages: { kind: sqs, consumers: crawler }") -> String {
        """
        archsim: 1
        name: feedback
        components:
          api: { kind: service, service_time: 1ms, handlers: { crawl: [{ publish: pages }] } }
          \(via)
          crawler: { kind: service, service_time: 1ms, handlers: { crawl: [\(steps)] } }
        workloads:
          crawl: { entry: api, arrival: { process: poisson, rate: 1/s } }
        """
    }

    static func warnings(_ text: String) -> [String] {
        TopologyLoader.load(text: text, file: "t.yaml").diagnostics.filter { $0.severity == .warning }.map(\.message)
    }

    @Test("two publishes back per message are a warning; one, or fewer on average, is not", arguments: [
        ("{ publish: pages }, { publish: pages }", true),
        ("{ publish: pages }, { publish: pages, p: 0.2 }", true),
        ("{ publish: pages }", false),
        ("{ publish: pages, p: 0.5 }, { publish: pages, p: 0.5 }", false),
        ("{ publish: pages, when: \"op == other\" }, { publish: pages }", false),
    ])
    func counts(_ example: (String, Bool)) {
        let found = Self.warnings(Self.topology(example.0)).contains { $0.contains("grows without bound") }
        #expect(found == example.1)
    }

    @Test("the loop is found through a topic's subscription to the queue, too")
    func throughTopic() {
        let text = """
            archsim: 1
            name: feedback
            components:
              api: { kind: service, service_time: 1ms, handlers: { crawl: [{ publish: news }] } }
              news: { kind: sns, subscriptions: [{ target: pages }] }
              pages: { kind: sqs, consumers: crawler }
              crawler: { kind: service, service_time: 1ms, handlers: { crawl: [{ publish: news }, { publish: news }] } }
            workloads:
              crawl: { entry: api, arrival: { process: poisson, rate: 1/s } }
            """
        #expect(Self.warnings(text).contains { $0.hasPrefix("handler `crawl` of `crawler` publishes 2 messages per message back into `news`") })
    }
}
