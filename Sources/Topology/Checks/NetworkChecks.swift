/// Zones, subnets, NAT and where each component may live.
enum NetworkChecks {
    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        if let network = topology.network {
            checkNetwork(network, topology, &diagnostics)
        }
        for component in topology.components {
            checkPlacement(component, topology, &diagnostics)
        }
    }

    private static func checkNetwork(_ network: Value, _ topology: Topology, _ diagnostics: inout Diagnostics) {
        var seen = Set<String>()
        for zone in network["zones"]?.elements ?? [] where !seen.insert(zone.text ?? "").inserted {
            diagnostics.error("zone `\(zone.text ?? "")` is listed twice", at: zone.location)
        }
        let nat = network["nat"]
        let natSubnets = topology.subnets.filter { $0.isTypeKnown && !$0.isPublic && $0.egress == "nat" }
        if nat == nil, let first = natSubnets.first {
            diagnostics.error(
                "private subnet `\(first.name)` sends its egress through a NAT gateway, but `network.nat` is not declared (add `nat: { placement: per-zone }`, or set `egress: none`)",
                at: first.location)
        }
        if let nat {
            let placement = nat["placement"]?.text
            if placement == "single", nat["zone"] == nil {
                diagnostics.error("a single NAT gateway needs `zone:` to say where it lives", at: nat.location)
            }
            if placement == "per-zone", let zone = nat["zone"] {
                diagnostics.error("`zone` applies only to `placement: single`; per-zone NATs live in every zone", at: zone.location)
            }
            if natSubnets.isEmpty {
                diagnostics.warning("`network.nat` is declared but no private subnet uses `egress: nat`", at: nat.location)
            }
            if !topology.subnets.contains(where: \.isPublic), topology.subnets.allSatisfy(\.isTypeKnown) {
                diagnostics.error("NAT gateways live in a public subnet, but no subnet has `type: public`", at: nat.location)
            }
        }
        for subnet in topology.subnets where subnet.isPublic {
            if let egress = network["subnets"]?[subnet.name]?["egress"], !egress.isDefault, egress.text == "nat" {
                diagnostics.warning("public subnet `\(subnet.name)` reaches the internet through its internet gateway; `egress: nat` is ignored", at: egress.location)
            }
        }
    }

    private static func checkPlacement(_ component: Component, _ topology: Topology, _ diagnostics: inout Diagnostics) {
        let kind = component.kind
        if kind.placement == .subnet, topology.network == nil {
            diagnostics.error(
                "`\(component.name)` (\(kind.name)) lives in a VPC subnet, but the topology has no `network` section",
                at: component.location)
            return
        }
        guard let subnetName = component.subnet, let subnet = topology.subnets.first(where: { $0.name == subnetName }) else {
            return
        }
        let subnetLocation = component["subnet"]?.location ?? component.location
        if kind.family == .balancer {
            let scheme = component["scheme"]?.text ?? "internet-facing"
            if scheme == "internet-facing", !subnet.isPublic {
                diagnostics.error(
                    "internet-facing \(kind.name) `\(component.name)` must be in a public subnet; `\(subnet.name)` is private (use `scheme: internal` or a public subnet)",
                    at: subnetLocation)
            }
        } else if subnet.isPublic, [.database, .cache, .stream, .queue].contains(kind.family) {
            diagnostics.warning(
                "\(kind.name) `\(component.name)` is in public subnet `\(subnet.name)`: data stores belong in private subnets",
                at: subnetLocation)
        }
        for zone in component["zones"]?.elements ?? [] {
            if let name = zone.text, topology.zones.contains(name), !subnet.zones.contains(name) {
                diagnostics.error("`\(component.name)` spans zone `\(name)`, where subnet `\(subnet.name)` does not exist", at: zone.location)
            }
        }
    }
}
