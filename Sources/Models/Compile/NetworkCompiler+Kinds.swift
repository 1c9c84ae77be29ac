import Foundation
import Kernels
import SimKit
import Topology

/// Each kind's settings read into its behaviour's plan. Defaults come from the catalogue
/// (filled in by the decoder), where each one states its source.
extension Compiler {
    mutating func compileBehaviour(
        _ component: Component, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> Behaviour {
        let settings = component.settings
        func number(_ key: String, _ fallback: Double) -> Double { settings[key]?.double ?? fallback }
        func integer(_ key: String, _ fallback: Int) -> Int { settings[key]?.int ?? fallback }
        func distribution(_ key: String, _ fallback: Variate) -> Variate {
            settings[key].flatMap { variate($0, .duration) } ?? fallback
        }
        switch component.kind.name {
        case "service":
            return .station
        case "ecs-service", "eks-deployment", "ec2-asg":
            let unitKey = ["ecs-service": "task", "eks-deployment": "pod", "ec2-asg": "instance"][component.kind.name]!
            let unit = settings[unitKey]
            let scaling = settings["scaling"]
            let units = scaling.map { $0["min"]?.int ?? 1 } ?? integer("count", 2)
            return .compute(ComputePlan(
                units: units, vcpu: unit?["vcpu"]?.double ?? 1, memory: unit?["memory"]?.double ?? 2 * 1_073_741_824,
                concurrency: unit?["concurrency"]?.int ?? 16, vcpuSpeed: unit?["vcpu_speed"]?.double ?? 1,
                startup: scaling?["startup_time"].flatMap { variate($0, .duration) } ?? .lognormal(mu: log(45), sigma: 0.42)))
        case "glue", "batch":
            let vcpu = component.kind.name == "glue" ? Double(integer("dpu", 10) * 4) : number("vcpu", 4)
            let memory = component.kind.name == "glue" ? Double(integer("dpu", 10)) * 16e9 : number("memory", 8 * 1_073_741_824)
            return .compute(ComputePlan(
                units: 1, vcpu: vcpu, memory: memory, concurrency: 1, vcpuSpeed: 1, startup: .constant(60)))
        case "lambda":
            let memory = number("memory", 1769 * 1_048_576)
            return .lambda(LambdaPlan(
                concurrency: integer("concurrency", 1000), timeout: number("timeout", 3), memory: memory,
                coldStart: distribution("cold_start", .constant(0.25)), idleLifetime: number("idle_lifetime", 600),
                speed: min(1, memory / (1769 * 1_048_576)) * number("vcpu_speed", 1)))
        case "alb", "nlb":
            var plan = PassThroughPlan(role: .balancer)
            plan.leastOutstanding = settings["algorithm"]?.text == "least-outstanding"
            plan.crossZone = settings["cross_zone"]?.bool ?? (component.kind.name == "alb")
            let check = settings["health_check"]
            plan.detectAfter = (check?["interval"]?.double ?? 30) * Double(check?["unhealthy_threshold"]?.int ?? 2)
            return .passThrough(plan)
        case "api-gateway":
            var plan = PassThroughPlan(role: .gateway)
            // AWS applies the account throttle to every API even when the topology doesn't say.
            plan.throttleRate = settings["throttle"]?["rate"]?.double ?? 10_000
            plan.throttleBurst = settings["throttle"]?["burst"]?.double ?? 5_000
            if let authorizer = settings["authorizer"] {
                plan.authorizerLatency = authorizer["latency"].flatMap { variate($0, .duration) } ?? .constant(0.005)
                plan.authorizerTTL = authorizer["cache_ttl"]?.double ?? 300
                plan.authorizerTokens = min(authorizer["tokens"]?.int ?? 10_000, AuthorizerCache.maximumTokens)
                if let function = authorizer["function"] {
                    notSimulated.append(.warning(
                        "the Lambda authorizer's function is not invoked; its time is the authorizer's `latency`",
                        at: function.location))
                }
            }
            return .passThrough(plan)
        case "cloudfront":
            var plan = PassThroughPlan(role: .cdn)
            plan.hitRatio = number("hit_ratio", 0.85)
            return .passThrough(plan)
        case "route53":
            return .passThrough(PassThroughPlan(role: .dns))
        case "elasticache":
            var plan = PassThroughPlan(role: .cache)
            plan.hitRatio = number("hit_ratio", 0.8)
            plan.callerSkipsNextOnHit = settings["miss"] == nil
            return .passThrough(plan)
        case "sqs", "rabbitmq":
            let isRabbit = component.kind.name == "rabbitmq"
            return .queue(QueuePlan(
                isRabbit: isRabbit, fifo: settings["type"]?.text == "fifo",
                visibilityTimeout: number("visibility_timeout", 30), retention: number("retention", isRabbit ? .infinity : 345_600),
                maxReceives: settings["max_receives"]?.int, deadLetter: settings["dlq"]?.text.flatMap { stationIndex[$0] },
                maxPriority: integer("max_priority", 0), prefetch: integer("prefetch", isRabbit ? 10 : 0),
                brokerRate: isRabbit ? number("throughput", 20_000) : nil,
                consumers: consumers(settings["consumers"], stationIndex, partitions: nil).consumers))
        case "sns":
            let subscriptions = (settings["subscriptions"]?.elements ?? []).compactMap { subscription -> TopicPlan.Subscription? in
                guard let target = subscription["target"]?.text.flatMap({ stationIndex[$0] }) else { return nil }
                return .init(target: .init(station: target, operation: -1),
                    guardCondition: compileGuard(subscription["filter"]?.condition, workloads))
            }
            return .topic(TopicPlan(
                subscriptions: subscriptions, latency: distribution("delivery_latency", .constant(0.02)), throughput: nil))
        case "eventbridge":
            var subscriptions: [TopicPlan.Subscription] = []
            for rule in settings["rules"]?.elements ?? [] {
                let condition = compileGuard(rule["when"]?.condition, workloads)
                for target in rule["targets"]?.elements ?? [] {
                    guard let index = target.text.flatMap({ stationIndex[$0] }) else { continue }
                    subscriptions.append(.init(target: .init(station: index, operation: -1), guardCondition: condition))
                }
            }
            if let dlq = settings["dlq"] {
                notSimulated.append(.warning("EventBridge's `dlq` receives nothing: deliveries to targets do not fail in this model", at: dlq.location))
            }
            return .topic(TopicPlan(
                subscriptions: subscriptions, latency: distribution("delivery_latency", .constant(0.1)),
                throughput: number("throughput", 10_000)))
        case "kafka", "kinesis":
            let isKinesis = component.kind.name == "kinesis"
            if isKinesis, settings["mode"]?.text == "on-demand" {
                notSimulated.append(.warning("on-demand Kinesis is simulated with its `shards` and their quotas", at: settings["mode"]!.location))
            }
            let partitions = isKinesis ? integer("shards", 1) : integer("partitions", 12)
            let (consumerPlans, groups) = consumers(settings["consumers"], stationIndex, partitions: partitions)
            return .stream(StreamPlan(
                isKinesis: isKinesis, partitions: partitions, retention: number("retention", isKinesis ? 86_400 : 604_800),
                partitionBytesPerSecond: isKinesis ? nil : settings["partition_throughput"]?.double.map { $0 / 8 },
                shardRecordsPerSecond: isKinesis ? number("shard_write_records", 1000) : nil,
                shardBytesPerSecond: isKinesis ? number("shard_write_bandwidth", 8e6) / 8 : nil,
                shardReadCallsPerSecond: isKinesis ? number("shard_read_calls", 5) : nil,
                shardReadBytesPerSecond: isKinesis ? number("shard_read_bandwidth", 16e6) / 8 : nil,
                consumers: consumerPlans, groups: groups))
        case "s3":
            let notifications = (settings["notifications"]?.elements ?? []).compactMap { value -> ObjectStorePlan.Notification? in
                guard let target = value["target"]?.text.flatMap({ stationIndex[$0] }) else { return nil }
                return .init(target: .init(station: target, operation: value["op"]?.text.map { intern($0) } ?? -1),
                    guardCondition: compileGuard(value["when"]?.condition, workloads))
            }
            if let lifecycle = settings["lifecycle"], lifecycle["transition_after"] != nil {
                notSimulated.append(.warning("storage-class transitions matter for cost only (the cost milestone)", at: lifecycle.location))
            }
            return .objectStore(ObjectStorePlan(
                prefixes: integer("prefixes", 1), putLimit: number("put_limit", 3500), getLimit: number("get_limit", 5500),
                firstByte: distribution("first_byte_latency", .constant(0.03)),
                transferRate: number("transfer_rate", 85e6 * 8) / 8,
                expireAfter: settings["lifecycle"]?["expire_after"]?.double, storedAtStart: number("stored", 0),
                notifications: notifications))
        case "dynamodb":
            let provisioned = settings["mode"]?.text == "provisioned"
            let item = number("item_size", 1000)
            // On-demand tables are throttled past their per-table maximum, a per-second limit
            // (the 300 s burst capacity is a provisioned-mode feature).
            return .table(TablePlan(
                latency: distribution("latency", .constant(0.004)),
                readCapacity: provisioned ? settings["read_capacity"]?.double ?? 5 : number("max_read_request_units", 40_000),
                writeCapacity: provisioned ? settings["write_capacity"]?.double ?? 5 : number("max_write_request_units", 40_000),
                burstSeconds: provisioned ? 300 : 1,
                readUnitsPerRequest: (item / 4096).rounded(.up), writeUnitsPerRequest: (item / 1024).rounded(.up)))
        case "rds":
            return .database(DatabasePlan(
                vcpu: integer("vcpu", 2), maxConnections: integer("max_connections", 1800), replicas: integer("replicas", 0),
                queryTime: distribution("query_time", .constant(0.002))))
        case "redshift":
            return .database(DatabasePlan(
                vcpu: integer("query_slots", 5), maxConnections: 500, replicas: 0,
                queryTime: distribution("query_time", .constant(2))))
        default:
            problems.append(.error("`\(component.kind.name)` has no simulation model", at: component.location))
            return .station
        }
    }

    /// Consumers of a queue or stream. Pollers default to the consumer's concurrency (all its
    /// slots); a stream's group gets at most one poller per partition.
    mutating func consumers(
        _ value: Value?, _ stationIndex: [String: Int], partitions: Int?
    ) -> (consumers: [ConsumerPlan], groups: [String]) {
        var result: [ConsumerPlan] = []
        var groups: [String] = []
        for element in value?.elements ?? [] {
            let name = element.text ?? element["component"]?.text
            guard let name, let index = stationIndex[name], let component = topology.component(name) else { continue }
            let group = element["group"]?.text ?? name
            if !groups.contains(group) { groups.append(group) }
            var pollers = element["concurrency"]?.int ?? defaultConcurrency(component)
            if let partitions { pollers = min(pollers, partitions) }
            result.append(ConsumerPlan(
                component: index, operation: element["handler"]?.text.map { intern($0) } ?? -1,
                batchSize: element["batch_size"]?.int ?? 1, pollers: max(1, pollers), group: groups.firstIndex(of: group)!))
        }
        return (result, groups)
    }

    func defaultConcurrency(_ component: Component) -> Int {
        switch component.kind.name {
        case "lambda": return component["concurrency"]?.int ?? 1000
        case "service": return component["servers"]?.int ?? 1
        case "glue", "batch": return 1
        default:
            let unit = component["task"] ?? component["pod"] ?? component["instance"]
            let units = component["scaling"].map { $0["min"]?.int ?? 1 } ?? component["count"]?.int ?? 2
            return max(1, units * (unit?["concurrency"]?.int ?? 16))
        }
    }

    // MARK: - Handlers written by the compiler

    /// Balancers, gateways, CDNs, DNS and caches: a latency step, then a call to the target
    /// their rules pick (first matching route, else the default targets).
    mutating func passThroughSteps(
        _ component: Component, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
    ) -> [NetworkPlan.Step] {
        let settings = component.settings
        func delay(_ key: String) -> NetworkPlan.Step? {
            guard let time = settings[key].flatMap({ variate($0, .duration) }) else { return nil }
            return NetworkPlan.Step(action: .work(time), guardCondition: .always, probability: nil)
        }
        func targets(_ key: String) -> [NetworkPlan.Step.Target] {
            (settings[key]?.elements ?? []).compactMap { $0.text.flatMap { stationIndex[$0] } }
                .map { .init(station: $0, operation: -1) }
        }
        var steps: [NetworkPlan.Step] = []
        switch component.kind.name {
        case "alb", "nlb", "api-gateway":
            if let overhead = delay("overhead") { steps.append(overhead) }
            let timeout = component.kind.name == "api-gateway" ? settings["timeout"]?.double : nil
            var earlier: Condition?
            for route in settings["routes"]?.elements ?? [] {
                guard let condition = route["when"]?.condition,
                    let target = route["target"]?.text.flatMap({ stationIndex[$0] })
                else { continue }
                let applies = earlier.map { Condition.and(condition, .not($0)) } ?? condition
                var step = NetworkPlan.Step(
                    action: .call([.init(station: target, operation: -1)]), guardCondition: compileGuard(applies, workloads),
                    probability: nil)
                step.timeout = timeout
                steps.append(step)
                earlier = earlier.map { .or($0, condition) } ?? condition
            }
            let defaults = targets("targets")
            if !defaults.isEmpty {
                var step = NetworkPlan.Step(
                    action: defaults.count == 1 ? .call(defaults) : .callOne(defaults),
                    guardCondition: compileGuard(earlier.map { .not($0) }, workloads), probability: nil)
                step.timeout = timeout
                steps.append(step)
            }
        case "cloudfront":
            if let edge = delay("edge_latency") { steps.append(edge) }
            if let origin = settings["origin"]?.text.flatMap({ stationIndex[$0] }) {
                var step = NetworkPlan.Step(action: .call([.init(station: origin, operation: -1)]), guardCondition: .always, probability: nil)
                step.onlyOnMiss = true
                step.timeout = settings["origin_timeout"]?.double
                steps.append(step)
            }
        case "route53":
            // DNS answers are cached by clients: no latency per request. `failover` sends
            // everything to the primary (the first target) while it is healthy.
            let all = targets("targets")
            let chosen = settings["policy"]?.text == "failover" ? Array(all.prefix(1)) : all
            if !chosen.isEmpty {
                steps.append(NetworkPlan.Step(action: chosen.count == 1 ? .call(chosen) : .callOne(chosen), guardCondition: .always, probability: nil))
            }
        case "elasticache":
            if let latency = delay("latency") { steps.append(latency) }
            if let miss = settings["miss"]?.text.flatMap({ stationIndex[$0] }) {
                var step = NetworkPlan.Step(action: .call([.init(station: miss, operation: -1)]), guardCondition: .always, probability: nil)
                step.onlyOnMiss = true
                steps.append(step)
            }
        default:
            break
        }
        return steps
    }

    // MARK: - Placement

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

extension Compiler {
    /// Memory a kernel step holds per megapixel of its image: the decoded source (3 bytes a
    /// pixel) plus at most one output of the same size, as `KernelPipeline` runs depth first.
    /// The kernels benchmark measured a peak of 1.81× the decoded image (docs/kernels.md).
    static let kernelBytesPerMegapixel = 6e6

    /// The slot of kernel `name` in the plan's `kernels`, compiling the topology's kernels
    /// and finding their times on first use; nil after recording why it can't run.
    mutating func kernelSlot(_ name: String, at location: SourceLocation) -> Int? {
        if let slot = kernelSlots[name] { return slot }
        if kernelDefinitions == nil {
            do {
                kernelDefinitions = .some(try KernelPlan.compile(topology))
            } catch {
                problems += error.diagnostics
                kernelDefinitions = .some(nil)
            }
        }
        guard let definitions = kernelDefinitions ?? nil else { return nil }
        guard let kernel = definitions.kernel(name) else {
            problems.append(.error("no kernel `\(name)` in `kernels:`", at: location))
            return nil
        }
        var step = KernelStepPlan(name: name, key: kernel.profileKey, pipeline: kernel.pipeline, times: nil)
        switch kernelTiming {
        case nil:
            problems.append(.error(
                "kernel `\(name)` needs service times: a calibration profile (`run --profile FILE`) or `--kernels live`",
                at: location))
            return nil
        case .calibrated(let profile, let source)?:
            guard let calibration = profile.calibration(name: name, pipeline: kernel.pipeline) else {
                problems.append(.error(
                    "kernel `\(name)` (\(kernel.pipeline)) is not in the calibration profile \(source); "
                        + "calibrate it with `archsim calibrate \(topology.file) --out PROFILE`, or run without --profile "
                        + "to calibrate it on this machine",
                    at: kernel.location))
                return nil
            }
            step.times = KernelTimeModel(calibration)
        case .live?:
            break
        }
        kernels.append(step)
        kernelSlots[name] = kernels.count - 1
        return kernels.count - 1
    }
}


/// API Gateway's authorizer cache: the time each token was last validated. Tokens are drawn
/// uniformly from `tokens` users; more than this many are treated as this many (the cache
/// then rarely hits anyway).
enum AuthorizerCache {
    static let maximumTokens = 1 << 20
}
