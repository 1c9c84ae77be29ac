import Topology

extension Compiler {
    mutating func compileObjectStore(
        _ settings: KindSettings, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> ObjectStorePlan {
        let notifications = (settings["notifications"]?.elements ?? []).compactMap { value -> ObjectStorePlan.Notification? in
            guard let target = value["target"]?.text.flatMap({ stationIndex[$0] }) else { return nil }
            return .init(target: .init(station: target, operation: value["op"]?.text.map { intern($0) } ?? -1),
                guardCondition: compileGuard(value["when"]?.condition, workloads))
        }
        if let lifecycle = settings["lifecycle"], lifecycle["transition_after"] != nil {
            notSimulated.append(.warning("storage-class transitions matter for cost only (the cost milestone)", at: lifecycle.location))
        }
        return ObjectStorePlan(
            prefixes: settings.integer("prefixes"), putLimit: settings.number("put_limit"), getLimit: settings.number("get_limit"),
            firstByte: distribution("first_byte_latency", of: settings),
            // Written in bits per second; the model counts bytes.
            transferRate: settings.number("transfer_rate") / 8,
            expireAfter: settings["lifecycle"]?["expire_after"]?.double, storedAtStart: settings.number("stored"),
            notifications: notifications)
    }
}
