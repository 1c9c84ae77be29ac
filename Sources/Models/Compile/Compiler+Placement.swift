import Topology

/// Where components run and how their traffic leaves the VPC.
extension Compiler {
    /// Zones of components in subnets (their `zones`, else their subnet's); NAT egress and
    /// VPC endpoints of the regional services they call.
    mutating func placeComponents(_ stations: inout [NetworkPlan.Station]) {
        let endpoints = Set(topology.network?["endpoints"]?.elements.compactMap(\.text) ?? [])
        for (index, component) in topology.components.enumerated() {
            let subnet = component.subnet.flatMap { name in topology.subnets.first { $0.name == name } }
            let zoneNames = component["zones"]?.elements.compactMap(\.text) ?? subnet?.zones ?? []
            stations[index].zones = zoneNames.compactMap { topology.zones.firstIndex(of: $0) }
            stations[index].egressThroughNAT = subnet.map { !$0.isPublic && $0.egress == "nat" } ?? false
            stations[index].isRegional = subnet == nil
            stations[index].hasEndpoint = endpoints.contains(component.kind.name)
        }
    }

    func compileNATs() -> ([NetworkPlan.NAT], [Int]) {
        guard let nat = topology.network?["nat"], !topology.zones.isEmpty else {
            return ([], Array(repeating: -1, count: topology.zones.count))
        }
        let bandwidth = (nat["bandwidth"]?.double ?? 100e9) / 8
        if nat["placement"]?.text == "single" {
            let zone = nat["zone"]?.text.flatMap { topology.zones.firstIndex(of: $0) } ?? 0
            return ([.init(name: "nat-\(topology.zones[zone])", zone: zone, bytesPerSecond: bandwidth)],
                Array(repeating: 0, count: topology.zones.count))
        }
        return (topology.zones.enumerated().map { .init(name: "nat-\($1)", zone: $0, bytesPerSecond: bandwidth) },
            Array(topology.zones.indices))
    }
}
