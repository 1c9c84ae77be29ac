import Testing

@testable import Topology

/// Names may hold any printable characters (NameRules); a target names them in quotes when
/// the bare form can't be read: `p99("upload v2") < 800ms`.
@Suite("Quoted names in targets")
struct QuotedTargetTests {
    @Test("a quoted subject is read whole, in either quotes", arguments: [
        ("p99(\"upload v2\") < 800ms", "upload v2"),
        ("utilization('2fa') < 80%", "2fa"),
        ("cost.monthly(\"db (primary)\") < 100 USD", "db (primary)"),
        ("p99( \"say \\\"hi\\\"\" ) < 1s", "say \"hi\""),
    ])
    func quoted(_ example: (String, String)) throws {
        let target = try TargetParser.parse(example.0).get()
        #expect(target.metric.subject?.name == example.1)
        // Written back, it reads back the same.
        #expect(try TargetParser.parse(target.text).get() == target)
    }

    @Test("bare names keep working and are written bare", arguments: ["p99(upload) < 800ms", "lag(image.events-v2) < 30s"])
    func bare(_ text: String) throws {
        #expect(try TargetParser.parse(text).get().text == text)
    }

    @Test("a bare name that needs quotes gets an error that shows the quoted form, at the name", arguments: [
        ("p99(upload v2) < 800ms", "write `p99(\"upload v2\")`", 4),
        ("utilization(2fa) < 80%", "write `utilization(\"2fa\")`", 12),
        ("wait(my:queue) < 1s", "write `wait(\"my:queue\")`", 5),
    ])
    func needsQuotes(_ example: (String, String, Int)) {
        guard case .failure(let error) = TargetParser.parse(example.0) else {
            Issue.record("`\(example.0)` should not parse")
            return
        }
        #expect(error.message.hasSuffix(example.1))
        #expect(error.offset == example.2)
    }

    @Test("an unclosed quote is located at the quote")
    func unclosed() {
        guard case .failure(let error) = TargetParser.parse("p99(\"upload < 1s") else {
            Issue.record("should not parse")
            return
        }
        #expect(error.message == "the workload name has no closing double quote")
        #expect(error.offset == 4)
    }

    @Test("a quoted target resolves against the declared names")
    func resolves() {
        let text = """
            archsim: 1
            name: quoted
            components:
              "image api": { kind: service, service_time: 1ms }
            workloads:
              "upload v2": { entry: "image api", arrival: { process: poisson, rate: 1/s } }
            targets:
              - p99("upload v2") < 800ms
              - utilization("image api") < 80%
              - utilization("image-api") < 80%
            """
        let errors = TopologyLoader.load(text: text, file: "t.yaml").diagnostics.map(\.message)
        #expect(errors == ["unknown component `image-api` in target 3 (did you mean `image api`?)"])
    }
}
