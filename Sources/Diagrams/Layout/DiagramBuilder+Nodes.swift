import Topology

extension DiagramBuilder {
    // MARK: - Component nodes

    /// A component's node, or one of its zone copies (`share`: which copy of how many, for
    /// its share of the units).
    mutating func componentNode(_ component: Component, zone: String?, share: (index: Int, of: Int)?, role: Role) -> Node {
        var node = Node(id: makeID("c", component.name, zone ?? ""), component: component.name)
        let group = Palette.Group(component.kind.family)
        noteUsed(group, kind: component.kind.name)

        var name = component.name
        if role == .standby { name += " (standby)" }
        var lines = [Label.Line(name, bold: true, pointSize: 10)]
        var kindLine = component.kind.name
        if role == .primary { kindLine += " primary" }
        if let units = units(component, share: share), role != .standby { kindLine += " " + units }
        lines.append(Label.Line(kindLine, pointSize: 8, color: "#37474F"))
        if role != .standby, let detail = detail(component) {
            lines.append(Label.Line(detail, pointSize: 8, color: "#546E7A"))
        }

        style(&node, group: group)
        node.attributes["shape"] = .text(Palette.shape(component.kind.family))
        if component.kind.family == .queue || component.kind.family == .topic || component.kind.family == .bus
            || component.kind.family == .stream || component.kind.family == .store || component.kind.family == .database
            || component.kind.family == .cache
        {
            node.attributes["style"] = "filled"
        }
        if role == .standby {
            node.attributes["style"] = .text(node.attributes["style"] == "filled" ? "filled,dashed" : "rounded,filled,dashed")
        }

        // Annotated: fill by utilization, family colour stays on the border.
        if role != .standby, let utilization = annotations?.utilization[component.name] {
            node.attributes["fillcolor"] = .text(Palette.utilizationFill(utilization))
            node.attributes["penwidth"] = "2"
            var line = Label.Line("utilization \(NumberFormat.percent(utilization))", bold: true, pointSize: 9)
            if component.name == bottleneck {
                line.color = Palette.bottleneck
                lines.append(line)
                lines.append(Label.Line("BOTTLENECK", bold: true, pointSize: 9, color: Palette.bottleneck))
                node.attributes["color"] = .text(Palette.bottleneck)
                node.attributes["penwidth"] = "3.5"
            } else {
                lines.append(line)
            }
        }
        node.attributes["label"] = Label.html(lines)

        replicas[component.name, default: []].append(Replica(id: node.id, zone: zone, isStandby: role == .standby))
        return node
    }

    mutating func style(_ node: inout Node, group: Palette.Group) {
        node.attributes["fillcolor"] = .text(group.swatch.fill)
        node.attributes["color"] = .text(group.swatch.border)
        if group == .network { noteUsed(.network, kind: nil) }
    }

    private mutating func noteUsed(_ group: Palette.Group, kind: String?) {
        if !groupsUsed.contains(group) { groupsUsed.append(group) }
        if let kind, kindsUsed[group]?.contains(kind) != true { kindsUsed[group, default: []].append(kind) }
    }

    /// This copy's units: `×2`, `×1–8` (autoscaled), `2 servers`, `1 broker`.
    private func units(_ component: Component, share: (index: Int, of: Int)?) -> String? {
        func part(_ total: Int) -> Int {
            guard let share, share.of > 1 else { return total }
            return total / share.of + (share.index < total % share.of ? 1 : 0)
        }
        func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        if let scaling = component["scaling"], let max = scaling["max"]?.int {
            let low = part(scaling["min"]?.int ?? 1)
            let high = part(max)
            return low == high ? "×\(low)" : "×\(low)–\(high)"
        }
        switch component.kind.name {
        case "ecs-service", "eks-deployment", "ec2-asg":
            return component["count"]?.int.map { "×\(part($0))" }
        case "service":
            return component["servers"]?.int.map { counted(part($0), "server") }
        case "kafka":
            return component["brokers"]?.int.map { counted(part($0), "broker") }
        case "elasticache":
            return component["nodes"]?.int.map { counted(part($0), "node") }
        case "redshift":
            return component["nodes"]?.int.map { counted($0, "node") }
        case "kinesis":
            if component["mode"]?.text == "on-demand" { return "on-demand" }
            return component["shards"]?.int.map { counted($0, "shard") }
        default:
            return nil
        }
    }

    /// One short line of what matters most about the kind.
    private func detail(_ component: Component) -> String? {
        switch component.kind.name {
        case "s3":
            let lifecycle = component["lifecycle"]
            if let expire = lifecycle?["expire_after"]?.double.map(NumberFormat.duration) { return "expires after \(expire)" }
            if let after = lifecycle?["transition_after"]?.double.map(NumberFormat.duration), let to = lifecycle?["transition_to"]?.text {
                return "→ \(to) after \(after)"
            }
            return nil
        case "sqs", "sns":
            return component["type"]?.text == "fifo" ? "FIFO" : nil
        case "cloudfront", "elasticache":
            return component["hit_ratio"]?.formatted(.percentage).map { "hit ratio \($0)" }
        case "api-gateway":
            guard let authorizer = component["authorizer"] else { return nil }
            return authorizer["type"]?.text == "lambda" ? "Lambda authorizer" : "JWT authorizer"
        case "glue", "batch":
            return component["schedule"]?["every"]?.double.map(NumberFormat.duration).map { "every \($0)" }
        case "rds":
            let replicas = component["replicas"]?.int ?? 0
            let engine = component["engine"]?.text ?? ""
            return replicas > 0 ? "\(engine), +\(replicas) read replica\(replicas == 1 ? "" : "s")" : engine
        case "rabbitmq":
            let priority = component["max_priority"]?.int ?? 0
            return priority > 0 ? "priorities 0–\(priority)" : nil
        case "alb", "nlb":
            return component["scheme"]?.text == "internal" ? "internal" : nil
        default:
            return nil
        }
    }
}
