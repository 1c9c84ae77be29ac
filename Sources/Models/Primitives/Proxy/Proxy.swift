import SimKit
import Topology

package struct ProxyPlan: Sendable {
    var role: ProxyRole
    /// Balancers: least-outstanding (else round-robin) and cross-zone routing.
    var leastOutstanding = false
    var crossZone = true
    /// Health checks: a unit that dies is still sent requests for `detectAfter` seconds
    /// (balancers: interval × unhealthy threshold). Gateways and CDNs calling units directly
    /// keep 60 s, the ALB default's 30 s × 2, as before the model layer was rebuilt; issue 15
    /// (faults) is to give them their own health model.
    var detectAfter: Double = 60
    /// Token bucket (API Gateway): requests beyond it get 429 (throttled).
    var throttleRate: Double?
    var throttleBurst: Double = 0
    /// Authorizer (API Gateway): token validation latency, cache TTL, distinct tokens.
    var authorizerLatency: Variate?
    var authorizerTTL: Double = 0
    var authorizerTokens = 0
    /// Caches (CloudFront, ElastiCache): share of requests answered without the call.
    var hitRatio: Double?
    /// ElastiCache without `miss:`: on a hit the caller skips its next step.
    var callerSkipsNextOnHit = false

    var isBalancer: Bool {
        if case .balancer = role { true } else { false }
    }
}

/// A balancer, gateway, CDN, DNS or cache of one replication.
struct ProxyState {
    var isBalancer: Bool
    var leastOutstanding: Bool
    var crossZone: Bool
    var detectAfter: Double
    var hitRatio: Double
    var callerSkipsNextOnHit: Bool
    var throttle: TokenBucket?
    var authorizerLatency: Variate?
    var authorizerTTL: Double
    /// When each authorizer token was last validated (the authorizer's cache).
    var authorizerLastValidated: [Double] = []
    var hits = 0
    var misses = 0
    var bytes = 0.0

    mutating func resetStatistics() {
        hits = 0
        misses = 0
        bytes = 0
    }
}

extension NetworkModel {
    mutating func buildProxy(_ plan: ProxyPlan) -> Int32 {
        var state = ProxyState(
            isBalancer: plan.isBalancer, leastOutstanding: plan.leastOutstanding, crossZone: plan.crossZone,
            detectAfter: plan.detectAfter, hitRatio: plan.hitRatio ?? -1, callerSkipsNextOnHit: plan.callerSkipsNextOnHit,
            throttle: plan.throttleRate.map { TokenBucket(rate: $0, burst: max(1, plan.throttleBurst)) },
            authorizerLatency: plan.authorizerLatency, authorizerTTL: plan.authorizerTTL)
        if plan.authorizerLatency != nil {
            state.authorizerLastValidated = Array(repeating: -.infinity, count: max(1, plan.authorizerTokens))
        }
        proxies.append(state)
        return Int32(proxies.count - 1)
    }

    /// Throttling, authorizer and cache decisions, then the handler the compiler wrote for it.
    mutating func arriveAtProxy(_ activation: Int32, _ component: Int, slot: Int, _ simulation: inout Simulation) {
        let now = simulation.now
        if proxies[slot].throttle != nil, !proxies[slot].throttle!.take(at: now) {
            components[component].counters.throttled += 1
            fail(activation, .throttled, &simulation)
            return
        }
        let zones = components[component].zones
        if !zones.isEmpty {
            // A balancer node in the caller's zone if it has one there, else any (clients
            // resolve the balancer's name to all its nodes).
            let from = activations.records[Int(activation)].zone
            let zone = zones.contains(from) ? from : zones[Int(routingStreams[component].nextUniform() * Double(zones.count)) % zones.count]
            setZone(activation, zone)
        }
        if proxies[slot].isBalancer {
            proxies[slot].bytes += activations.records[Int(activation)].bytes + activations.records[Int(activation)].responseBytes
        }
        if let latency = proxies[slot].authorizerLatency {
            let tokens = proxies[slot].authorizerLastValidated.count
            let token = min(tokens - 1, Int(routingStreams[component].nextUniform() * Double(tokens)))
            if now - proxies[slot].authorizerLastValidated[token] > proxies[slot].authorizerTTL {
                proxies[slot].authorizerLastValidated[token] = now
                proxies[slot].misses += 1
                activations.records[Int(activation)].pendingTime += latency.sample(&serviceStreams[component])
            } else {
                proxies[slot].hits += 1
            }
        }
        let hitRatio = proxies[slot].hitRatio
        if hitRatio >= 0 {
            let hit = routingStreams[component].nextUniform() < hitRatio
            activations.records[Int(activation)].hit = hit
            if hit { proxies[slot].hits += 1 } else { proxies[slot].misses += 1 }
        }
        activations.records[Int(activation)].state = .serving
        continueSteps(activation, &simulation)
    }

    /// A balancer's routing settings travel with the calls it makes (the unit is picked where
    /// the call arrives).
    func routing(of caller: Int) -> (leastOutstanding: Bool, sameZoneOnly: Bool)? {
        guard behaviourCode[caller] == .proxy else { return nil }
        let state = proxies[Int(components[caller].slot)]
        return state.isBalancer ? (state.leastOutstanding, !state.crossZone) : nil
    }

    /// An ElastiCache hit without `miss:` tells its caller to skip the next step.
    func hitSkipsCallersNext(_ component: Int) -> Bool {
        behaviourCode[component] == .proxy && proxies[Int(components[component].slot)].callerSkipsNextOnHit
    }

    func proxyMetrics(_ slot: Int, _ counters: ComponentCounters, measured: Double, into result: inout ReplicationResult.Station) {
        let state = proxies[slot]
        result.counts += [("throttled", counters.throttled)]
        if state.hitRatio >= 0 || state.authorizerLatency != nil {
            result.counts += [("hits", state.hits), ("misses", state.misses)]
        }
        if state.isBalancer {
            // LCU: the largest of its dimensions; one new connection per request assumed
            // (25 new connections/s or 1 GB/h processed per LCU).
            let connections = Double(counters.arrivals) / measured / 25
            let gigabytesPerHour = state.bytes / measured * 3600 / 1e9
            result.measures += [("processed_gb", state.bytes / 1e9), ("lcu", max(connections, gigabytesPerHour))]
        }
    }
}
