import Topology

/// Decides the drawing of a topology: what goes in which box, which arrows, what they say.
///
/// The layout (docs/diagrams.md):
/// - region ⊃ VPC ⊃ zone ⊃ subnet, as nested clusters. Graphviz clusters can't overlap, and a
///   subnet spans zones, so each zone holds its own box of each subnet ("private subnet" in
///   zone a, another in zone b), the way AWS draws it.
/// - A component in a subnet is drawn once per zone it spans, with that zone's share of its
///   units ("processor ×1–8"). A database without Multi-AZ and single-instance brokers are
///   drawn in their first zone only; a Multi-AZ database gets its standby in the second.
/// - Regional services (S3, SQS, SNS, …: the kind's placement) sit in the region, outside
///   the VPC. Clients, one per entry point, sit outside the region.
/// - Synchronous calls are solid arrows, asynchronous hand-offs dashed, dead letters dotted;
///   each is labelled with the workloads it carries. Private subnets' egress goes through
///   their NAT gateway (dotted), calls to regional services without a VPC endpoint say "via NAT".
struct DiagramBuilder {
    let topology: Topology
    let annotations: RunAnnotations?
    let faults: [DrawnFault]
    let trace: FlowTrace

    var graph: DiagramGraph
    /// Where each component was drawn.
    var replicas: [String: [Replica]] = [:]
    var usedIDs = Set<String>()
    var bottleneck: String?
    var subnetBoxes: [SubnetBox] = []
    /// Whether lighter arrows (the same call from other zones' copies) were drawn.
    var drewEchoes = false
    /// NAT gateway node per zone.
    var natNodes: [String: String] = [:]
    /// Families drawn, for the legend.
    var groupsUsed: [Palette.Group] = []
    var kindsUsed: [Palette.Group: [String]] = [:]

    struct Replica {
        var id: String
        var zone: String?
        /// A standby receives nothing until failover.
        var isStandby = false
    }

    init(topology: Topology, annotations: RunAnnotations?, faults: [DrawnFault]) {
        self.topology = topology
        self.annotations = annotations
        self.faults = faults
        self.trace = FlowTrace(topology)
        self.graph = DiagramGraph(name: topology.name)
        self.bottleneck = annotations?.bottleneck(among: topology.components.map(\.name))
    }

    static func build(_ topology: Topology, annotations: RunAnnotations?, faults: [DrawnFault]) -> DiagramGraph {
        var builder = DiagramBuilder(topology: topology, annotations: annotations, faults: faults)
        builder.setDefaults()
        builder.addClients()
        builder.addRegion()
        builder.addEdges()
        builder.addLegend()
        return builder.graph
    }

    // MARK: - Defaults

    private mutating func setDefaults() {
        var title = [Label.Line(topology.name, bold: true, pointSize: 16)]
        var subtitle = topology.region.isEmpty ? "" : "region \(topology.region)"
        if annotations != nil { subtitle += (subtitle.isEmpty ? "" : " · ") + "annotated with a run's report" }
        if !subtitle.isEmpty { title.append(Label.Line(subtitle, pointSize: 10, color: "#455A64")) }
        if let description = topology.root["description"]?.text {
            title.append(Label.Line(description, italic: true, pointSize: 10, color: "#455A64"))
        }
        graph.graphAttributes["label"] = Label.html(title)
        graph.graphAttributes["labelloc"] = "t"
        graph.graphAttributes["rankdir"] = "LR"
        graph.graphAttributes["newrank"] = "true"
        graph.graphAttributes["compound"] = "true"
        graph.graphAttributes["fontname"] = "Helvetica"
        graph.graphAttributes["fontsize"] = "11"
        graph.graphAttributes["nodesep"] = "0.25"
        graph.graphAttributes["ranksep"] = "0.45"
        graph.graphAttributes["pad"] = "0.2"
        graph.graphAttributes["bgcolor"] = "white"
        // Layouts declare this default for every graph opened after them (a libgvc global);
        // declaring it here keeps the DOT the same whether or not a layout ran before.
        graph.nodeDefaults["label"] = "\\N"
        graph.nodeDefaults["fontname"] = "Helvetica"
        graph.nodeDefaults["fontsize"] = "10"
        graph.nodeDefaults["shape"] = "box"
        graph.nodeDefaults["style"] = "rounded,filled"
        graph.nodeDefaults["margin"] = "0.1,0.04"
        graph.nodeDefaults["penwidth"] = "1.2"
        graph.edgeDefaults["fontname"] = "Helvetica"
        graph.edgeDefaults["fontsize"] = "8"
        graph.edgeDefaults["arrowsize"] = "0.7"
        graph.edgeDefaults["color"] = .text(Palette.syncEdge)
    }

    // MARK: - Identifiers

    /// A Graphviz name made of ASCII letters, digits and `_` only, unique in the graph.
    mutating func makeID(_ prefix: String, _ parts: String...) -> String {
        var base = prefix
        for part in parts where !part.isEmpty {
            var clean = ""
            for scalar in part.unicodeScalars {
                let ascii = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
                clean += ascii ? String(scalar) : "_"
            }
            base += "_" + clean
        }
        var id = base
        var counter = 2
        while !usedIDs.insert(id).inserted {
            id = "\(base)_\(counter)"
            counter += 1
        }
        return id
    }

    // MARK: - Clients

    /// One node per entry point, listing the workloads that enter there.
    private mutating func addClients() {
        var cluster = Subgraph(id: "cluster_clients")
        cluster.attributes["label"] = Label.html(Label.Line("clients", bold: true, pointSize: 10))
        cluster.attributes["style"] = "rounded,dashed"
        cluster.attributes["color"] = "#90A4AE"
        var entries: [String] = []
        for workload in topology.workloads where !entries.contains(workload.entry) {
            entries.append(workload.entry)
        }
        for entry in entries {
            let workloads = topology.workloads.filter { $0.entry == entry }
            var lines: [Label.Line] = []
            for workload in workloads {
                lines.append(Label.Line(workload.name, bold: true))
                lines += arrival(workload).map { Label.Line($0, pointSize: 8, color: "#455A64") }
            }
            var node = Node(id: makeID("client", entry))
            node.attributes["label"] = Label.html(lines)
            node.attributes["shape"] = "box"
            node.attributes["style"] = "rounded"
            node.attributes["color"] = "#37474F"
            // Clients of a front door (nothing else sends to it) line up in the first column;
            // clients of something deeper inside (a database other parts also write, a bucket)
            // are drawn next to it instead of with an arrow across the whole drawing.
            let isFrontDoor = !trace.links.contains { $0.to == entry && $0.from != entry }
            if isFrontDoor {
                cluster.nodes.append(node)
            } else {
                graph.root.nodes.append(node)
            }
            clientNodes.append((node.id, entry, workloads.map(\.name), isFrontDoor))
        }
        graph.root.subgraphs.append(cluster)
    }

    var clientNodes: [(id: String, entry: String, workloads: [String], isFrontDoor: Bool)] = []

    private func arrival(_ workload: Workload) -> [String] {
        guard let value = workload.value["arrival"] else { return [] }
        var text: String
        switch value.tag {
        case "poisson": text = value["rate"]?.formatted(.rate).map { "Poisson \($0)" } ?? "Poisson"
        case "closed": text = "\(value["users"]?.int ?? 0) users, closed loop"
        case "diurnal": text = value["mean"]?.formatted(.rate).map { "diurnal, mean \($0)" } ?? "diurnal"
        case "bursts": text = value["rate"]?.formatted(.rate).map { "\($0) with bursts" } ?? "bursts"
        case let tag?: text = tag
        case nil: text = ""
        }
        if workload.op != workload.name { text += " · op \(workload.op)" }
        if let figures = annotations?.workloads[workload.name] {
            var measured: [String] = []
            if let rate = figures.throughputRPS { measured.append(NumberFormat.rate(rate)) }
            if let p99 = figures.p99Milliseconds { measured.append("p99 \(NumberFormat.milliseconds(p99))") }
            if !measured.isEmpty { return [text, "measured " + measured.joined(separator: ", ")] }
        }
        return [text]
    }
}
