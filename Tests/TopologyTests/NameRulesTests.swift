import Testing

@testable import Topology

/// Names with bidirectional controls or invisible characters display as something they are not
/// (Trojan Source, CVE-2021-42574; Unicode TR #36 and UTS #39): they are refused, and names
/// that only look alike are reported.
@Suite("Name rules")
struct NameRulesTests {
    @Test("every bidirectional control and zero-width character is refused", arguments: Array(NameRules.invisible).sorted())
    func invisible(_ code: UInt32) throws {
        let name = "we" + String(Unicode.Scalar(code)!) + "b"
        let problem = try #require(NameRules.problem(with: name))
        #expect(problem.contains("U+" + String(code, radix: 16, uppercase: true).leftPadded(to: 4)))
    }

    @Test("ordinary Unicode names stay allowed", arguments: ["web", "Müller's \"Bilder\" <EU>", "画像", "api v2", "👩‍💻"])
    func allowed(_ name: String) {
        // A ZWJ emoji sequence holds U+200D and is refused; the others are fine.
        #expect((NameRules.problem(with: name) == nil) == !name.unicodeScalars.contains("\u{200D}"))
    }

    @Test("lookalikes from other scripts and compatibility forms share a skeleton", arguments: [
        ("w\u{0435}b", "web"), ("\u{0430}pi", "api"), ("ｗｅｂ", "web"), ("\u{039F}RDERS", "ORDERS"),
    ])
    func skeleton(_ pair: (String, String)) {
        #expect(NameRules.skeleton(pair.0) == NameRules.skeleton(pair.1))
        #expect(pair.0 != pair.1)
    }

    @Test("a workload named like a component in another script is not a lookalike: only one namespace is compared")
    func namespaces() {
        let text = """
            archsim: 1
            name: lookalikes
            components:
              web: { kind: service, service_time: 1ms }
            workloads:
              w\u{0435}b: { entry: web, op: get, arrival: { process: poisson, rate: 1/s } }
              web: { entry: web, op: get, arrival: { process: poisson, rate: 1/s } }
            """
        let messages = TopologyLoader.load(text: text, file: "t.yaml").diagnostics.map(\.message)
        #expect(messages == [
            "workload `web` looks the same as workload `wеb` but is a different name (one of them has U+0435 (CYRILLIC SMALL LETTER IE)): rename one so they can be told apart"
        ])
    }

    @Test("lookalike zones are reported at the second one")
    func zones() {
        let text = """
            archsim: 1
            name: zones
            network:
              zones: [a, \u{0430}]
              subnets:
                app: { type: private, egress: none }
            components:
              web: { kind: service, service_time: 1ms }
            workloads:
              get: { entry: web, arrival: { process: poisson, rate: 1/s } }
            """
        let errors = TopologyLoader.load(text: text, file: "t.yaml").diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == [
            "zone `а` looks the same as zone `a` but is a different name (one of them has U+0430 (CYRILLIC SMALL LETTER A)): rename one so they can be told apart"
        ])
        #expect(errors.first?.location.line == 4)
        #expect(errors.first?.location.column == 14)
    }

    @Test("rendered diagnostics never carry a bidi override into the terminal")
    func rendering() {
        let text = "archsim: 1\nname: x\ncomponents:\n  \"a\u{202E}b\": { kind: service, service_time: 1ms }\nworkloads: {}\n"
        let rendered = TopologyLoader.load(text: text, file: "t.yaml").renderedDiagnostics()
        #expect(rendered.contains("U+202E"))
        #expect(!rendered.unicodeScalars.contains { NameRules.invisible.contains($0.value) })
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
