/// The human summary `archsim describe` prints: what is where, and how requests flow.
package enum TopologySummary {
    package static func text(of topology: Topology) -> String {
        var out = "\(topology.name) — region \(topology.region)\n"
        let simulation = topology.simulation
        out += "simulation: \(simulation["duration"]?.formatted(.duration) ?? "?")"
        out += ", warm-up \(simulation["warmup"]?.text ?? simulation["warmup"]?.formatted(.duration) ?? "?")"
        out += ", \(simulation["replications"]?.int ?? 0) replications, seed \(simulation["seed"]?.int ?? 0)\n"
        if !topology.zones.isEmpty {
            out += "\nnetwork: zones \(topology.zones.joined(separator: ", "))\n"
            for subnet in topology.subnets {
                out += "  subnet \(subnet.name) (\(subnet.isPublic ? "public" : "private, egress \(subnet.egress)"))"
                out += " in \(subnet.zones.joined(separator: ", "))\n"
                for component in topology.components where component.subnet == subnet.name {
                    out += "    \(component.name): \(component.kind.name)\(units(component))\n"
                }
            }
            if let nat = topology.network?["nat"] {
                let placement = nat["placement"]?.text ?? "per-zone"
                out += "  NAT: \(placement == "single" ? "single, in zone \(nat["zone"]?.text ?? "?")" : "one per zone")\n"
            }
            let endpoints = topology.network?["endpoints"]?.elements.compactMap(\.text) ?? []
            if !endpoints.isEmpty { out += "  VPC endpoints: \(endpoints.joined(separator: ", "))\n" }
        }
        let outside = topology.components.filter { $0.subnet == nil }
        if !outside.isEmpty {
            out += "\n\(topology.zones.isEmpty ? "components" : "regional (outside the VPC)"):\n"
            for component in outside {
                out += "  \(component.name): \(component.kind.name)\(units(component))\n"
            }
        }
        out += "\nflows:\n"
        for component in topology.components {
            for handler in component.handlers {
                let steps = handler.steps.map(describe).joined(separator: ", ")
                out += "  \(component.name).\(handler.name): \(steps.isEmpty ? "(no steps)" : steps)\n"
            }
        }
        out += "\nworkloads:\n"
        for workload in topology.workloads {
            out += "  \(workload.name) → \(workload.entry) (op \(workload.op)): \(arrival(workload.value["arrival"]))\n"
            for attribute in workload.mix {
                let values = attribute.shares.map { "\($0.value) \(UnitParser.format($0.probability, .percentage))" }
                out += "    \(attribute.attribute): \(values.joined(separator: ", "))\n"
            }
        }
        if !topology.kernels.isEmpty {
            out += "\nkernels: \(topology.kernels.map { "\($0.key) (\($0.value.elements.count) steps)" }.joined(separator: ", "))\n"
        }
        if !topology.faults.isEmpty { out += "faults: \(topology.faults.compactMap(\.tag).joined(separator: ", "))\n" }
        if !topology.targets.isEmpty { out += "targets: \(topology.targets.count)\n" }
        return out
    }

    private static func units(_ component: Component) -> String {
        if let scaling = component["scaling"] {
            return " ×\(scaling["min"]?.int ?? 0)–\(scaling["max"]?.int ?? 0)"
        }
        if let count = component["count"]?.int { return " ×\(count)" }
        if let servers = component["servers"]?.int { return " (\(servers) servers)" }
        return ""
    }

    private static func describe(_ step: Step) -> String {
        var text: String
        switch step.action {
        case .work(let value):
            if let kernel = value["kernel"]?.reference { text = "kernel \(kernel)" } else { text = "work" }
        case .call(let call): text = "call \(call.target)" + (call.op.map { ".\($0)" } ?? "")
        case .publish(let target, _): text = "publish \(target)"
        case .fanout(let calls): text = "fanout [\(calls.map(\.target).joined(separator: ", "))]"
        }
        if step.value["when"] != nil { text += " (when …)" }
        if let p = step.value["p"]?.double { text += " (p \(NumberText.format(p)))" }
        return text
    }

    private static func arrival(_ value: Value?) -> String {
        guard let value else { return "?" }
        switch value.tag {
        case "poisson": return "Poisson \(value["rate"]?.formatted(.rate) ?? "?")"
        case "closed": return "closed, \(value["users"]?.int ?? 0) users"
        case let tag?: return tag
        case nil: return "?"
        }
    }
}
