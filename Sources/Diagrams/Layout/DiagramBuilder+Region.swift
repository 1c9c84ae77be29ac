import Topology

extension DiagramBuilder {
    // MARK: - Region, VPC, zones, subnets

    mutating func addRegion() {
        var region = Subgraph(id: "cluster_region")
        region.attributes["label"] = Label.html(Label.Line(topology.region.isEmpty ? "region" : "region \(topology.region)", bold: true))
        region.attributes["style"] = "rounded"
        region.attributes["color"] = "#607D8B"
        region.attributes["labeljust"] = "l"
        if !topology.zones.isEmpty {
            region.subgraphs.append(vpc())
        }
        // Outside the VPC: the edge services clients meet first (DNS, CDN, API Gateway) in one
        // box, the services behind (S3, queues, Lambda…) in another, so each box can sit near
        // the side of the drawing its arrows come from.
        let outside = topology.components.filter(isOutsideVPC)
        let front = outside.filter { $0.kind.family == .edge }
        let back = outside.filter { $0.kind.family != .edge }
        for (id, title, members) in [
            ("cluster_edge", topology.zones.isEmpty ? "edge services" : "edge services (outside the VPC)", front),
            ("cluster_regional", topology.zones.isEmpty ? "components" : "regional services (outside the VPC)", back),
        ] where !members.isEmpty {
            var cluster = Subgraph(id: id)
            cluster.attributes["label"] = Label.html(Label.Line(title, pointSize: 10, color: "#455A64"))
            cluster.attributes["style"] = "rounded,dashed"
            cluster.attributes["color"] = "#90A4AE"
            for component in members {
                cluster.nodes.append(componentNode(component, zone: nil, share: nil, role: .single))
            }
            region.subgraphs.append(cluster)
        }
        graph.root.subgraphs.append(region)
    }

    func isOutsideVPC(_ component: Component) -> Bool {
        component.subnet == nil || topology.zones.isEmpty
    }

    private mutating func vpc() -> Subgraph {
        var vpc = Subgraph(id: "cluster_vpc")
        var title = [Label.Line("VPC", bold: true, pointSize: 10, color: "#1565C0")]
        let endpoints = topology.network?["endpoints"]?.elements.compactMap(\.text) ?? []
        if !endpoints.isEmpty {
            title.append(Label.Line("VPC endpoints: \(endpoints.joined(separator: ", "))", pointSize: 8, color: "#455A64"))
        }
        vpc.attributes["label"] = Label.html(title)
        vpc.attributes["labeljust"] = "l"
        vpc.attributes["style"] = "rounded"
        vpc.attributes["color"] = "#1565C0"
        vpc.attributes["bgcolor"] = "#F7FAFD"

        let natZones = self.natZones()
        let zoneCount = topology.zones.count
        for (zoneIndex, zone) in topology.zones.enumerated() {
            let fault = faults.first { $0.target == .zone(zone) }
            var cluster = Subgraph(id: makeID("cluster_zone", zone))
            var label = [Label.Line("zone \(zone)", bold: true, pointSize: 10, color: "#33691E")]
            if let fault {
                label = [Label.Line("zone \(zone) — \(fault.note)", bold: true, pointSize: 10, color: Palette.failedText)]
            }
            cluster.attributes["label"] = Label.html(label)
            cluster.attributes["labeljust"] = "l"
            cluster.attributes["style"] = fault == nil ? "rounded,dashed" : "rounded,filled,dashed"
            cluster.attributes["color"] = .text(fault == nil ? "#7CB342" : Palette.failedText)
            if fault != nil { cluster.attributes["fillcolor"] = .text(Palette.failedZone) }

            var placedNAT = false
            for subnet in topology.subnets where subnet.zones.contains(zone) {
                var box = Subgraph(id: makeID("cluster_subnet", zone, subnet.name))
                let kind = subnet.isPublic ? "public subnet" : subnet.egress == "nat" ? "private subnet, egress via NAT" : "private subnet, no egress"
                var title = [Label.Line(subnet.name, bold: true, pointSize: 9)]
                if subnet.name != (subnet.isPublic ? "public" : "private") || !subnet.isPublic && subnet.egress != "nat" {
                    title.append(Label.Line(kind, pointSize: 8, color: "#455A64"))
                } else {
                    title = [Label.Line(kind, bold: true, pointSize: 9)]
                }
                box.attributes["label"] = Label.html(title)
                box.attributes["labeljust"] = "l"
                box.attributes["style"] = "rounded,filled"
                box.attributes["color"] = subnet.isPublic ? "#7CB342" : "#5C8DC9"
                box.attributes["fillcolor"] = .text(fault != nil ? "#D6D6D6" : subnet.isPublic ? "#F1F8E9" : "#E8F1FB")
                for component in topology.components where component.subnet == subnet.name {
                    let zones = componentZones(component)
                    guard let index = zones.firstIndex(of: zone) else { continue }
                    let role = role(of: component, zoneIndex: index)
                    guard role != .absent, fixedUnits(component, share: (index, zones.count)) != 0 else { continue }
                    box.nodes.append(componentNode(component, zone: zone, share: (index, zones.count), role: role))
                }
                if subnet.isPublic, natZones.contains(zone), !placedNAT {
                    box.nodes.append(natNode(zone: zone))
                    placedNAT = true
                }
                if let first = box.nodes.first {
                    subnetBoxes.append(SubnetBox(zone: zone, subnet: subnet, clusterID: box.id, anchor: first.id))
                }
                cluster.subgraphs.append(box)
            }
            if natZones.contains(zone), !placedNAT {
                cluster.nodes.append(natNode(zone: zone))
            }
            _ = zoneIndex
            _ = zoneCount
            vpc.subgraphs.append(cluster)
        }
        return vpc
    }

    /// Zones that hold a NAT gateway.
    private func natZones() -> [String] {
        let nat = topology.network?["nat"]
        let needed = nat != nil || topology.subnets.contains { !$0.isPublic && $0.egress == "nat" }
        guard needed else { return [] }
        if nat?["placement"]?.text == "single" {
            return [nat?["zone"]?.text ?? topology.zones.first ?? ""]
        }
        return topology.zones
    }

    private mutating func natNode(zone: String) -> Node {
        var node = Node(id: makeID("net", "nat", zone))
        var lines = [Label.Line("NAT gateway", bold: true, pointSize: 9), Label.Line("to the internet", pointSize: 8, color: "#455A64")]
        let fault = faults.first { $0.target == .nat(zone: zone) }
        if let fault { lines.append(Label.Line(fault.note, pointSize: 8, color: Palette.failedText)) }
        node.attributes["label"] = Label.html(lines)
        style(&node, group: .network)
        if fault != nil {
            node.attributes["fillcolor"] = .text(Palette.failedZone)
            node.attributes["style"] = "rounded,filled,dashed"
            node.attributes["color"] = .text(Palette.failedText)
        }
        natNodes[zone] = node.id
        return node
    }

    // MARK: - Where a component is drawn

    enum Role: Equatable {
        /// Drawn once, outside the zones.
        case single
        /// One of its copies in a zone.
        case zonal
        case primary
        case standby
        /// Not in this zone (a single-zone database or broker).
        case absent
    }

    /// Zones a component in a subnet spans: its own `zones:`, else its subnet's.
    func componentZones(_ component: Component) -> [String] {
        if let zones = component["zones"]?.elements.compactMap(\.text), !zones.isEmpty { return zones }
        return topology.subnets.first { $0.name == component.subnet }?.zones ?? topology.zones
    }

    /// A fixed number of units (not autoscaled) spread over zones, this zone's share: a
    /// 2-node cache over 3 zones has none in the third. nil when the kind has no such count.
    private func fixedUnits(_ component: Component, share: (index: Int, of: Int)) -> Int? {
        guard component["scaling"] == nil else { return nil }
        let total: Int?
        switch component.kind.name {
        case "ecs-service", "eks-deployment", "ec2-asg": total = component["count"]?.int
        case "service": total = component["servers"]?.int
        case "kafka": total = component["brokers"]?.int
        case "elasticache": total = component["nodes"]?.int
        default: total = nil
        }
        return total.map { $0 / share.of + (share.index < $0 % share.of ? 1 : 0) }
    }

    private func role(of component: Component, zoneIndex: Int) -> Role {
        switch component.kind.name {
        case "rds":
            if zoneIndex == 0 { return component["multi_az"]?.bool == true ? .primary : .zonal }
            return zoneIndex == 1 && component["multi_az"]?.bool == true ? .standby : .absent
        case "redshift", "rabbitmq":
            // A Redshift cluster and a single-instance Amazon MQ broker live in one zone.
            return zoneIndex == 0 ? .zonal : .absent
        default:
            return .zonal
        }
    }
}

/// A subnet's box in one zone, for the egress arrows.
struct SubnetBox {
    var zone: String
    var subnet: Subnet
    var clusterID: String
    /// A node inside, for the arrow's tail (clipped at the box: `ltail`).
    var anchor: String
}
