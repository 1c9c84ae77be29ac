/// Names that look the same but are not: `web` and `wеb` (with a Cyrillic `е`) are two
/// components to archsim and one to whoever reads the file or the diagram.
enum NameChecks {
    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        check("component", topology.components.map { ($0.name, $0.location) }, &diagnostics)
        check("workload", topology.workloads.map { ($0.name, $0.location) }, &diagnostics)
        check("subnet", topology.subnets.map { ($0.name, $0.location) }, &diagnostics)
        check("zone", (topology.network?["zones"]?.elements ?? []).compactMap { zone in zone.text.map { ($0, zone.location) } }, &diagnostics)
        check("kernel", topology.kernels.map { ($0.key, $0.keyLocation) }, &diagnostics)
        for component in topology.components {
            check("handler", component.handlers.map { ($0.name, $0.location) }, &diagnostics)
        }
    }

    private static func check(_ what: String, _ names: [(String, SourceLocation)], _ diagnostics: inout Diagnostics) {
        var first: [String: String] = [:]
        for (name, location) in names {
            let skeleton = NameRules.skeleton(name)
            guard let earlier = first[skeleton] else {
                first[skeleton] = name
                continue
            }
            guard earlier != name else { continue }  // a true duplicate is reported elsewhere
            let odd = NameRules.firstNonASCII(name) ?? NameRules.firstNonASCII(earlier)
            let how = odd.map { " (one of them has \(NameRules.describe($0)))" } ?? ""
            diagnostics.error(
                "\(what) `\(name)` looks the same as \(what) `\(earlier)` but is a different name\(how): rename one so they can be told apart",
                at: location)
        }
    }
}
