import SimKit
import Topology

extension Compiler {
    mutating func compileProxy(_ settings: KindSettings, _ role: ProxyRole) -> ProxyPlan {
        var plan = ProxyPlan(role: role)
        switch role {
        case .balancer:
            plan.leastOutstanding = settings.text("algorithm") == "least-outstanding"
            plan.crossZone = settings.flag("cross_zone")
            let check = settings.required("health_check")
            plan.detectAfter = settings.number("interval", in: check) * Double(settings.integer("unhealthy_threshold", in: check))
        case .gateway(let accountRate, let accountBurst):
            // AWS applies the account throttle to every API even when the topology doesn't say.
            let throttle = settings["throttle"]
            plan.throttleRate = throttle.map { settings.number("rate", in: $0) } ?? accountRate
            plan.throttleBurst = throttle.map { Double(settings.integer("burst", in: $0)) } ?? accountBurst
            if let authorizer = settings["authorizer"] {
                plan.authorizerLatency = distribution("latency", of: settings, in: authorizer)
                plan.authorizerTTL = settings.number("cache_ttl", in: authorizer)
                plan.authorizerTokens = min(settings.integer("tokens", in: authorizer), AuthorizerCache.maximumTokens)
                if let function = authorizer["function"] {
                    notSimulated.append(.warning(
                        "the Lambda authorizer's function is not invoked; its time is the authorizer's `latency`",
                        at: function.location))
                }
            }
        case .cdn:
            plan.hitRatio = settings.number("hit_ratio")
        case .dns:
            break
        case .cache:
            plan.hitRatio = settings.number("hit_ratio")
            plan.callerSkipsNextOnHit = settings["miss"] == nil
        }
        return plan
    }

    /// Balancers, gateways, CDNs, DNS and caches: a latency step, then a call to the target
    /// their rules pick (first matching route, else the default targets).
    mutating func proxySteps(
        _ component: Component, _ role: ProxyRole, _ stationIndex: [String: Int], _ workloads: [NetworkPlan.Workload]
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
        switch role {
        case .balancer, .gateway:
            if let overhead = delay("overhead") { steps.append(overhead) }
            let timeout = role == .balancer ? nil : settings["timeout"]?.double
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
        case .cdn:
            if let edge = delay("edge_latency") { steps.append(edge) }
            if let origin = settings["origin"]?.text.flatMap({ stationIndex[$0] }) {
                var step = NetworkPlan.Step(action: .call([.init(station: origin, operation: -1)]), guardCondition: .always, probability: nil)
                step.onlyOnMiss = true
                step.timeout = settings["origin_timeout"]?.double
                steps.append(step)
            }
        case .dns:
            // DNS answers are cached by clients: no latency per request. `failover` sends
            // everything to the primary (the first target) while it is healthy.
            let all = targets("targets")
            let chosen = settings["policy"]?.text == "failover" ? Array(all.prefix(1)) : all
            if !chosen.isEmpty {
                steps.append(NetworkPlan.Step(action: chosen.count == 1 ? .call(chosen) : .callOne(chosen), guardCondition: .always, probability: nil))
            }
        case .cache:
            if let latency = delay("latency") { steps.append(latency) }
            if let miss = settings["miss"]?.text.flatMap({ stationIndex[$0] }) {
                var step = NetworkPlan.Step(action: .call([.init(station: miss, operation: -1)]), guardCondition: .always, probability: nil)
                step.onlyOnMiss = true
                steps.append(step)
            }
        }
        return steps
    }
}

/// API Gateway's authorizer cache: the time each token was last validated. Tokens are drawn
/// uniformly from `tokens` users; more than this many are treated as this many (the cache
/// then rarely hits anyway).
enum AuthorizerCache {
    static let maximumTokens = 1 << 20
}
