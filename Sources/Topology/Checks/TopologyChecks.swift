/// Checks that need the whole topology: references, placement, request flow, and values
/// that are only impossible together (min > max, mixes that don't sum to 1).
enum TopologyChecks {
    static func run(_ topology: Topology) -> Diagnostics {
        var diagnostics = Diagnostics()
        ReferenceChecks.run(topology, into: &diagnostics)
        NameChecks.run(topology, into: &diagnostics)
        NetworkChecks.run(topology, into: &diagnostics)
        EgressChecks.run(topology, into: &diagnostics)
        FlowChecks.run(topology, into: &diagnostics)
        ValueChecks.run(topology, into: &diagnostics)
        DistributionChecks.run(topology, into: &diagnostics)
        PriorityChecks.run(topology, into: &diagnostics)
        FileChecks.run(topology, into: &diagnostics)
        return diagnostics
    }
}
