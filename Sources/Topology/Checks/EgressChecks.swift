/// Components in a private subnet with `egress: none` reach nothing outside the VPC except
/// through a VPC endpoint: gateway endpoints exist for S3 and DynamoDB, interface endpoints
/// (AWS PrivateLink) for SQS, SNS, Kinesis, EventBridge and most other AWS APIs.
enum EgressChecks {
    /// The `network.endpoints` entry that gives a route to a regional kind, and its type.
    private static let endpoints: [String: (endpoint: String, type: String)] = [
        "s3": ("s3", "gateway"), "dynamodb": ("dynamodb", "gateway"), "sqs": ("sqs", "interface"),
        "sns": ("sns", "interface"), "kinesis": ("kinesis", "interface"), "eventbridge": ("eventbridge", "interface"),
    ]

    static func run(_ topology: Topology, into diagnostics: inout Diagnostics) {
        let isolated = Dictionary(
            topology.subnets.filter { $0.isTypeKnown && !$0.isPublic && $0.egress == "none" }.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first })
        guard !isolated.isEmpty else { return }
        let available = Set(topology.network?["endpoints"]?.elements.compactMap(\.text) ?? [])
        for component in topology.components {
            guard let subnetName = component.subnet, let subnet = isolated[subnetName] else { continue }
            func check(_ target: String, _ verb: String, at location: SourceLocation) {
                guard let service = topology.component(target), isRegional(service) else { return }
                let route = endpoints[service.kind.name]
                if let route, available.contains(route.endpoint) { return }
                var fix = Self.fix(route, subnet)
                if route == nil, service.kind.placement == .either {
                    fix += ", or attach `\(service.name)` to the VPC with `subnet:`"
                }
                diagnostics.error(
                    "`\(component.name)` is in private subnet `\(subnet.name)`, which has `egress: none`, and \(verb) `\(service.name)` (\(service.kind.name)), a regional service outside the VPC: there is no route to it; \(fix)",
                    at: location)
            }
            for handler in component.handlers {
                for step in handler.steps {
                    switch step.action {
                    case .call(let call): check(call.target, "calls", at: call.location)
                    case .fanout(let calls): for call in calls { check(call.target, "calls", at: call.location) }
                    case .publish(let target, _): check(target, "publishes to", at: step.value["publish"]?.location ?? step.location)
                    case .work: break
                    }
                }
            }
        }
        // Consumers poll their queue or stream themselves (Lambda's event source mappings poll
        // from the Lambda service, outside the VPC).
        for source in topology.components where isRegional(source) {
            for consumer in source["consumers"]?.elements ?? [] {
                let reference = consumer.reference ?? consumer["component"]?.reference
                guard let name = reference, let polling = topology.component(name), polling.kind.name != "lambda",
                    let subnetName = polling.subnet, let subnet = isolated[subnetName]
                else { continue }
                let route = endpoints[source.kind.name]
                if let route, available.contains(route.endpoint) { continue }
                let fix = Self.fix(route, subnet)
                diagnostics.error(
                    "`\(polling.name)` polls `\(source.name)` (\(source.kind.name)) from private subnet `\(subnet.name)`, which has `egress: none`: there is no route to it; \(fix)",
                    at: consumer.location)
            }
        }
    }

    /// "add `sqs` to `network.endpoints` (an interface endpoint), or set `egress: nat` on `app`".
    private static func fix(_ route: (endpoint: String, type: String)?, _ subnet: Subnet) -> String {
        let nat = "set `egress: nat` on `\(subnet.name)`"
        guard let route else { return nat }
        return "add `\(route.endpoint)` to `network.endpoints` (\(route.type == "interface" ? "an" : "a") \(route.type) endpoint), or " + nat
    }

    /// Outside the VPC: regional kinds, and kinds that may be in a subnet but are not.
    private static func isRegional(_ component: Component) -> Bool {
        switch component.kind.placement {
        case .regional: component.kind.family != .job
        case .either: component.subnet == nil && component.kind.name == "lambda"
        case .subnet: false
        }
    }
}
