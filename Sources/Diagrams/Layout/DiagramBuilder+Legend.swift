import Topology

extension DiagramBuilder {
    // MARK: - Legend

    /// One table in its own box, in the last column: the colours of the families drawn, the
    /// arrow styles, and in annotated mode the utilization scale.
    mutating func addLegend() {
        var legend = Subgraph(id: "cluster_legend")
        legend.attributes["label"] = Label.html(Label.Line("legend", bold: true, pointSize: 10))
        legend.attributes["style"] = "rounded"
        legend.attributes["color"] = "#B0BEC5"
        legend.attributes["labeljust"] = "l"

        func row(swatch fill: String?, border: String = "#90A4AE", borderWidth: Int = 1, glyph: (String, String)? = nil, _ text: String) -> String {
            var cell: String
            if let glyph {
                cell = "<TD><FONT COLOR=\"\(glyph.1)\" POINT-SIZE=\"9\">\(Label.escapeHTML(glyph.0))</FONT></TD>"
            } else {
                let background = fill.map { " BGCOLOR=\"\($0)\"" } ?? ""
                cell = "<TD\(background) COLOR=\"\(border)\" BORDER=\"\(borderWidth)\" WIDTH=\"22\" HEIGHT=\"12\"></TD>"
            }
            return "<TR>\(cell)<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(Label.escapeHTML(text))</FONT></TD></TR>"
        }
        func heading(_ text: String) -> String {
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\"><B>\(Label.escapeHTML(text))</B></FONT></TD></TR>"
        }

        var rows = ""
        for group in Palette.Group.allCases where groupsUsed.contains(group) {
            var text = group.rawValue
            if let kinds = kindsUsed[group], !kinds.isEmpty { text += ": " + kinds.joined(separator: ", ") }
            rows += row(swatch: group.swatch.fill, border: group.swatch.border, text)
        }
        rows += heading("arrows")
        rows += row(swatch: nil, glyph: ("───▶", Palette.syncEdge), "synchronous call (caller waits)")
        rows += row(swatch: nil, glyph: ("╌╌╌▶", Palette.asyncEdge), "asynchronous: publish, consume, deliver")
        if drewEchoes {
            rows += row(swatch: nil, glyph: ("───▶", Palette.syncEdge + "66"), "the same call from another zone's copy")
        }
        if trace.links.contains(where: { $0.style == .deadLetter }) {
            rows += row(swatch: nil, glyph: ("┈┈┈▷", Palette.deadLetterEdge), "dead letters")
        }
        if !natNodes.isEmpty {
            rows += row(swatch: nil, glyph: ("┈┈┈▶", Palette.egressEdge), "egress through the zone's NAT")
        }
        if !topology.zones.isEmpty {
            rows += row(swatch: nil, glyph: ("×1–8", "#37474F"), "units (tasks, brokers…) in that zone")
        }
        if annotations != nil {
            rows += heading("utilization (fill)")
            for step in Palette.utilizationScale {
                rows += row(swatch: step.fill, step.label)
            }
            rows += row(swatch: "#FFFFFF", border: Palette.bottleneck, borderWidth: 3, "bottleneck: highest utilization")
        }
        if !faults.isEmpty {
            rows += row(swatch: Palette.failedZone, border: Palette.failedText, "failed during the fault window")
        }
        var table = Node(id: makeID("legend"))
        table.attributes["shape"] = "plaintext"
        table.attributes["style"] = ""
        table.attributes["label"] = .html("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">\(rows)</TABLE>")
        legend.nodes.append(table)
        graph.root.subgraphs.append(legend)
        // After everything else (the last column): invisible arrows from every node that sends
        // nothing. (`rank=max` is not kept for a node inside a cluster.)
        let senders = Set(graph.edges.map(\.tail))
        for node in graph.allNodes where node.component != nil && !senders.contains(node.id) {
            var edge = Edge(tail: node.id, head: table.id)
            edge.attributes["style"] = "invis"
            graph.edges.append(edge)
        }
    }
}
