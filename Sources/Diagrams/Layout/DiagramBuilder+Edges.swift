import Topology

extension DiagramBuilder {
    // MARK: - Arrows

    mutating func addEdges() {
        for client in clientNodes {
            let entry = topology.component(client.entry)
            let messaging = entry.map { [.queue, .topic, .bus, .stream].contains($0.kind.family) } ?? false
            for target in receivers(client.entry) {
                var edge = Edge(tail: client.id, head: target)
                if messaging { edge.attributes["style"] = "dashed" }
                edge.attributes["color"] = .text(messaging ? Palette.asyncEdge : Palette.syncEdge)
                graph.edges.append(edge)
            }
        }
        for link in trace.links {
            addLink(link)
        }
        addStandbys()
        addEgress()
        for (_, copies) in replicas.sorted(by: { $0.key < $1.key }) where copies.count > 1 {
            graph.rankGroups.append(RankGroup(rank: "same", nodes: copies.map(\.id)))
        }
        // Stable order: the dictionary above is sorted, but keep groups in drawing order.
        let order = Dictionary(uniqueKeysWithValues: graph.allNodes.enumerated().map { ($1.id, $0) })
        graph.rankGroups.sort { (order[$0.nodes[0]] ?? 0) < (order[$1.nodes[0]] ?? 0) }
        // Clients in the first column.
        graph.rankGroups.insert(RankGroup(rank: "min", nodes: clientNodes.filter(\.isFrontDoor).map(\.id)), at: 0)
    }

    /// Copies that take requests (not standbys).
    private func receivers(_ component: String) -> [String] {
        (replicas[component] ?? []).filter { !$0.isStandby }.map(\.id)
    }

    /// One arrow per copy of the sender, to the receiver's copy in the same zone when both
    /// span zones and there is one (zone-local traffic), else to every copy: a broker in one
    /// zone delivers to its consumers in all of them. Only the first arrow is labelled.
    private mutating func addLink(_ link: FlowTrace.Link) {
        let senders = (replicas[link.from] ?? []).filter { !$0.isStandby }
        let targets = (replicas[link.to] ?? []).filter { !$0.isStandby }
        var pairs: [(String, String)] = []
        for sender in senders {
            let local = senders.count > 1 ? targets.filter { $0.zone != nil && $0.zone == sender.zone } : []
            for target in local.isEmpty ? targets : local {
                pairs.append((sender.id, target.id))
            }
        }
        let label = linkLabel(link)
        for (index, pair) in pairs.enumerated() {
            var edge = Edge(tail: pair.0, head: pair.1)
            // The other zones' copies calling the same single target draw their arrows
            // lighter: every copy's path is there, and the labelled one reads as the flow.
            let echo = index > 0 && pair.1 == pairs[0].1
            switch link.style {
            case .sync:
                break
            case .async:
                edge.attributes["style"] = "dashed"
                edge.attributes["color"] = .text(Palette.asyncEdge)
            case .deadLetter:
                edge.attributes["style"] = "dotted"
                edge.attributes["color"] = .text(Palette.deadLetterEdge)
                edge.attributes["arrowhead"] = "onormal"
            }
            if index == 0, let label { edge.attributes["label"] = label }
            if echo {
                let color: String
                if case .text(let set)? = edge.attributes["color"] { color = set } else { color = Palette.syncEdge }
                edge.attributes["color"] = .text(color + "66")
                edge.attributes["penwidth"] = "0.8"
                drewEchoes = true
            }
            graph.edges.append(edge)
        }
    }

    /// Workloads on the arrow (with their measured rate and p99 in annotated mode), and
    /// whether it leaves the VPC through a NAT gateway.
    private func linkLabel(_ link: FlowTrace.Link) -> AttributeValue? {
        var lines: [Label.Line] = []
        let workloads = trace.workloads[link] ?? []
        if let annotations {
            for workload in workloads {
                var text = workload
                if let figures = annotations.workloads[workload] {
                    if let rate = figures.throughputRPS { text += " \(NumberFormat.rate(rate))" }
                    if let p99 = figures.p99Milliseconds { text += " · p99 \(NumberFormat.milliseconds(p99))" }
                }
                lines.append(Label.Line(text))
            }
        } else {
            // Three names a line keeps busy arrows narrow.
            var index = 0
            while index < workloads.count {
                lines.append(Label.Line(workloads[index..<min(index + 3, workloads.count)].joined(separator: ", ")))
                index += 3
            }
        }
        if link.style == .deadLetter { lines.append(Label.Line("dead letters", italic: true)) }
        if viaNAT(link) { lines.append(Label.Line("via NAT", italic: true, color: Palette.egressEdge)) }
        return lines.isEmpty ? nil : Label.html(lines)
    }

    /// A call from a private subnet with NAT egress to a regional service that has no VPC endpoint.
    private func viaNAT(_ link: FlowTrace.Link) -> Bool {
        guard let from = topology.component(link.from), let to = topology.component(link.to),
            !isOutsideVPC(from), isOutsideVPC(to),
            let subnet = topology.subnets.first(where: { $0.name == from.subnet }), !subnet.isPublic, subnet.egress == "nat"
        else { return false }
        let endpoints = topology.network?["endpoints"]?.elements.compactMap(\.text) ?? []
        return !endpoints.contains(to.kind.name)
    }

    /// Primary → standby of Multi-AZ databases (synchronous replication; the standby's own
    /// label says what it is, a label on the line would sit on the zone's title).
    private mutating func addStandbys() {
        for copies in replicas.values.sorted(by: { $0[0].id < $1[0].id }) {
            guard let primary = copies.first(where: { !$0.isStandby }) else { continue }
            for standby in copies where standby.isStandby {
                var edge = Edge(tail: primary.id, head: standby.id)
                edge.attributes["style"] = "dotted"
                edge.attributes["color"] = "#1565C0"
                edge.attributes["arrowhead"] = "none"
                graph.edges.append(edge)
            }
        }
    }

    /// Private subnets → their zone's NAT gateway (or the single one) → internet gateway.
    private mutating func addEgress() {
        var labelled = false
        for box in subnetBoxes where !box.subnet.isPublic && box.subnet.egress == "nat" {
            guard let nat = natNodes[box.zone] ?? natNodes.values.sorted().first, nat != box.anchor else { continue }
            // Drawn NAT → subnet with the arrowhead turned back: the NAT then ranks before
            // the subnet (the internet side, where the clients are), not in a column of its own.
            var edge = Edge(tail: nat, head: box.anchor)
            edge.attributes["dir"] = "back"
            edge.attributes["lhead"] = .text(box.clusterID)
            edge.attributes["style"] = "dotted"
            edge.attributes["color"] = .text(Palette.egressEdge)
            if !labelled {
                edge.attributes["label"] = Label.html(Label.Line("egress", italic: true, color: Palette.egressEdge))
                labelled = true
            }
            graph.edges.append(edge)
        }
    }
}
