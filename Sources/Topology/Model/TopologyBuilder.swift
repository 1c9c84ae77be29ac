/// Reads the typed parts of a `Topology` out of a decoded, spec-checked value tree.
/// Everything here may assume the shapes the spec guarantees.
enum TopologyBuilder {
    static func build(_ root: Value, file: String, unreadableComponents: Set<String>) -> Topology {
        let network = root["network"]
        let zones = network?["zones"]?.elements.compactMap(\.text) ?? []
        let subnets = (network?["subnets"]?.object?.entries ?? []).map { entry in
            Subnet(
                name: entry.key, location: entry.keyLocation,
                isPublic: entry.value["type"]?.text == "public",
                isTypeKnown: entry.value["type"] != nil,
                egress: entry.value["egress"]?.text ?? "nat",
                zones: entry.value["zones"]?.elements.compactMap(\.text) ?? zones)
        }
        let components = (root["components"]?.object?.entries ?? []).compactMap { entry -> Component? in
            guard let kindName = entry.value.tag, let kind = Catalogue.kind(kindName) else { return nil }
            return Component(
                name: entry.key, location: entry.keyLocation, kind: kind, settings: entry.value,
                subnet: entry.value["subnet"]?.text,
                handlers: (entry.value["handlers"]?.object?.entries ?? []).map(handler))
        }
        let workloads = (root["workloads"]?.object?.entries ?? []).map { entry in
            Workload(
                name: entry.key, location: entry.keyLocation,
                entry: entry.value["entry"]?.text ?? "",
                op: entry.value["op"]?.text ?? entry.key,
                value: entry.value, mix: mix(entry.value["mix"]))
        }
        var topology = Topology(
            file: file, name: root["name"]?.text ?? "", region: root["region"]?.text ?? "",
            root: root, components: components, workloads: workloads,
            kernelNames: root["kernels"]?.object?.entries.map(\.key) ?? [],
            zones: zones, subnets: subnets)
        topology.unreadableComponents = unreadableComponents
        return topology
    }

    private static func handler(_ entry: ObjectValue.Entry) -> Handler {
        Handler(name: entry.key, location: entry.keyLocation, steps: entry.value.elements.compactMap(step))
    }

    private static func step(_ value: Value) -> Step? {
        let action: Step.Action
        switch value.tag {
        // A step whose action failed to decode was reported already; leave it out.
        case "work":
            guard let work = value["work"] else { return nil }
            action = .work(work)
        case "call":
            guard value["call"] != nil else { return nil }
            action = .call(call(value))
        case "publish":
            guard let target = value["publish"]?.text else { return nil }
            action = .publish(target: target, op: value["op"]?.text)
        case "fanout": action = .fanout(value["fanout"]?.elements.map(call) ?? [])
        default: return nil
        }
        return Step(action: action, location: value.location, value: value)
    }

    private static func call(_ value: Value) -> Call {
        Call(target: value["call"]?.text ?? "", op: value["op"]?.text, location: value["call"]?.location ?? value.location)
    }

    /// `{CAR: 0.5, HOUSE: 0.5}` is the attribute `type`; `{priority: {high: 0.1, …}}` names it.
    /// (Plain loops: a closure-based version crashed the 6.3 optimizer, "Found ownership error".)
    private static func mix(_ value: Value?) -> [MixAttribute] {
        guard let value, let entries = value.object?.entries, !entries.isEmpty else { return [] }
        var result: [MixAttribute] = []
        var flat: [MixAttribute.Share] = []
        for entry in entries {
            if let probability = entry.value.double {
                flat.append(MixAttribute.Share(value: entry.key, probability: probability))
            }
        }
        if !flat.isEmpty {
            result.append(MixAttribute(attribute: "type", shares: flat, location: value.location))
        }
        for entry in entries {
            guard let inner = entry.value.object else { continue }
            var shares: [MixAttribute.Share] = []
            for share in inner.entries {
                if let probability = share.value.double {
                    shares.append(MixAttribute.Share(value: share.key, probability: probability))
                }
            }
            result.append(MixAttribute(attribute: entry.key, shares: shares, location: entry.keyLocation))
        }
        return result
    }
}
