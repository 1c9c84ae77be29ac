/// Every name used somewhere must be declared, and be of a kind that makes sense there.
enum ReferenceChecks {
    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        var seenComponents = Set<String>()
        for component in topology.components where !seenComponents.insert(component.name).inserted {
            diagnostics.error("component `\(component.name)` is declared twice", at: component.location)
        }
        visit(topology.root, topology, &diagnostics)
        for (index, target) in topology.targets.enumerated() {
            guard case .target(let expression) = target.content, let subject = expression.metric.subject else { continue }
            let names = subject.isWorkload ? topology.workloads.map(\.name) : topology.components.map(\.name)
            if !names.contains(subject.name) {
                report(subject.isWorkload ? "workload" : "component", subject.name, among: names,
                    at: target.location, context: "target \(index + 1)", &diagnostics)
            }
        }
    }

    /// Walks the value tree and checks each `.reference` against its namespace.
    private static func visit(_ value: Value, _ topology: Topology, _ diagnostics: inout Diagnostics) {
        switch value.content {
        case .reference(let name, let kind):
            check(name, kind, at: value.location, topology, &diagnostics)
        case .list(let values):
            for item in values { visit(item, topology, &diagnostics) }
        case .object(let object):
            for entry in object.entries { visit(entry.value, topology, &diagnostics) }
        default:
            break
        }
    }

    private static func check(
        _ name: String, _ kind: ReferenceKind, at location: SourceLocation, _ topology: Topology,
        _ diagnostics: inout Diagnostics
    ) {
        switch kind {
        case .component(let families):
            if topology.unreadableComponents.contains(name) { return }
            guard let component = topology.component(name) else {
                let names = topology.components.map(\.name) + topology.unreadableComponents.sorted()
                report("component", name, among: names, at: location, context: nil, &diagnostics)
                return
            }
            if !families.isEmpty, !families.contains(component.kind.family) {
                let wanted = families.map(\.rawValue).sorted().joined(separator: ", ")
                diagnostics.error(
                    "`\(name)` (\(component.kind.name), a \(component.kind.family.rawValue)) can't be used here: this needs a \(wanted) component",
                    at: location)
            }
        case .subnet:
            if !topology.subnets.contains(where: { $0.name == name }) {
                // Without a network, the component's own placement error says it all.
                if topology.network != nil {
                    report("subnet", name, among: topology.subnets.map(\.name), at: location, context: nil, &diagnostics)
                }
            }
        case .zone:
            if !topology.zones.contains(name) {
                report("zone", name, among: topology.zones, at: location, context: nil, &diagnostics)
            }
        case .kernel:
            if !topology.kernelNames.contains(name) {
                report("kernel", name, among: topology.kernelNames, at: location, context: nil, &diagnostics)
            }
        case .workload:
            if !topology.workloads.contains(where: { $0.name == name }) {
                report("workload", name, among: topology.workloads.map(\.name), at: location, context: nil, &diagnostics)
            }
        case .handler:
            break  // resolved by FlowChecks, which knows which component is meant
        }
    }

    static func report(
        _ what: String, _ name: String, among names: [String], at location: SourceLocation, context: String?,
        _ diagnostics: inout Diagnostics
    ) {
        var message = "unknown \(what) `\(name)`" + (context.map { " in \($0)" } ?? "")
        if let suggestion = Suggestions.closest(to: name, in: names) {
            message += " (did you mean `\(suggestion)`?)"
        } else if names.isEmpty {
            message += ": none is declared"
        } else {
            message += ": declared \(what)s are \(SpecDecoder.list(names, limit: 10))"
        }
        diagnostics.error(message, at: location)
    }
}
