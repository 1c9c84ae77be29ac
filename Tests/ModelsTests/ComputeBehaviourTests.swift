import Testing

@testable import Models

/// Compute, functions, balancers, gateways, CDNs and caches: each test fails if the behaviour
/// it names were missing.
@Suite("Behaviour: compute and the edge")
struct ComputeBehaviourTests {
    /// A compute front that calls a fast generic `back` on every request (one ECS task of 4
    /// vCPUs and 8 slots unless told).
    static func chain(backTime: String, front: String = "kind: ecs-service\n    subnet: app\n    count: 1\n    task: { vcpu: 4, memory: 4GiB, concurrency: 8 }") -> String {
        ArchitectureRun.header() + """
        components:
          front:
            \(front)
            handlers:
              get:
                - work: 1ms
                - call: back
          back: { kind: service, servers: 100, service_time: \(backTime) }
        workloads:
          reads: { entry: front, op: get, arrival: { process: poisson, rate: 50/s }, timeout: 1h }
        """
    }

    @Test("a synchronous call holds the caller's slot: a slower dependency exhausts the caller's pool and its latency climbs")
    func slotExhaustion() throws {
        let fast = try ArchitectureRun(Self.chain(backTime: "constant(10ms)"))
        let slow = try ArchitectureRun(Self.chain(backTime: "constant(200ms)"))
        // 50/s × 11 ms ≈ 0.55 of 8 slots busy; 50/s × 201 ms ≈ 10 > 8 slots: saturated.
        #expect(fast.component("front").slotUtilization < 0.15)
        #expect(slow.component("front").slotUtilization > 0.97)
        #expect(slow.component("front").waitMean > 1)
        #expect(slow.workload("reads").latencyP50 > 10 * fast.workload("reads").latencyP50)
        // The dependency itself is nearly idle: the bottleneck is the caller's pool.
        #expect(slow.component("back").utilization < 0.1)
        // The CPU is not the reason either.
        #expect(slow.component("front").utilization < 0.05)
    }

    /// The same service as each compute kind: `count` units of 2 vCPUs and 8 slots.
    static func unit(_ kind: String) -> String {
        let key = ["ecs-service": "task", "eks-deployment": "pod", "ec2-asg": "instance"][kind]!
        return "kind: \(kind)\n    subnet: app\n    count: 2\n    \(key): { vcpu: 2, memory: 4GiB, concurrency: 8 }"
    }

    static let computeKinds = ["ecs-service", "eks-deployment", "ec2-asg"]

    @Test("EKS pods and EC2 instances hold a slot per request as ECS tasks do: a slow dependency exhausts the pool", arguments: computeKinds)
    func computeSlots(kind: String) throws {
        // 2 units × 8 slots. 50/s × 11 ms ≈ 0.55 slots busy of 16; 50/s × 401 ms ≈ 20 > 16: saturated.
        let fast = try ArchitectureRun(Self.chain(backTime: "constant(10ms)", front: Self.unit(kind)))
        let slow = try ArchitectureRun(Self.chain(backTime: "constant(400ms)", front: Self.unit(kind)))
        #expect(fast.component("front").slotUtilization < 0.1)
        #expect(slow.component("front").slotUtilization > 0.97)
        #expect(slow.component("front").waitMean > 1)
        #expect(slow.workload("reads").latencyP50 > 10 * fast.workload("reads").latencyP50)
        // Slots, not vCPUs, are the bottleneck: 50/s × 1 ms over 4 vCPUs.
        #expect(slow.component("front").utilization < 0.05)
        // The dependency is not the limit either: at most the 16 slots' calls reach its 100 servers.
        #expect(slow.component("back").utilization <= 0.16 + 1e-9)
    }

    @Test("EKS pods and EC2 instances: vCPU utilization is offered CPU load over vCPUs (within the replications' 99% CI)", arguments: computeKinds)
    func computeUtilization(kind: String) throws {
        // 30/s × 100 ms of work (exponential) on 2 units × 2 vCPUs: utilization 3/4 = 0.75.
        let yaml = ArchitectureRun.header(duration: "10min", warmup: "1min").replacingOccurrences(
            of: "replications: 1", with: "replications: 10") + """
            components:
              front:
                \(Self.unit(kind))
                handlers:
                  get: [{ work: { exponential: 100ms } }]
            workloads:
              reads: { entry: front, op: get, arrival: { process: poisson, rate: 30/s }, timeout: 1h }
            """
        let result = try SimulationHarness.run(yaml)
        #expect(result.replications.count == 10)
        for replication in result.replications { ArchitectureRun.expectConservation(replication) }
        expectWithinInterval(result.replications.map { $0.stations[0].utilization }, 0.75, "\(kind) vCPU utilization")
        // Slots are held for the work and any wait for a vCPU: more than the bare 3 / 16.
        #expect(result.replications.allSatisfy { $0.stations[0].slotUtilization > 3.0 / 16 })
    }

    static func dns(policy: String) -> String {
        ArchitectureRun.header() + """
        components:
          dns: { kind: route53, policy: \(policy), targets: [primary, secondary] }
          primary: { kind: service, servers: 10, service_time: 5ms }
          secondary: { kind: service, servers: 10, service_time: 5ms }
        workloads:
          visits: { entry: dns, op: get, arrival: { process: poisson, rate: 20/s } }
        """
    }

    @Test("Route 53: failover sends everything to the first target; other policies spread over the targets", arguments: ["failover", "weighted", "simple", "latency"])
    func route53(policy: String) throws {
        let run = try ArchitectureRun(Self.dns(policy: policy))
        let lookups = run.component("dns").arrivals
        #expect(lookups > 10_000)
        if policy == "failover" {
            #expect(run.component("primary").arrivals == lookups)
            #expect(run.component("secondary").arrivals == 0)
        } else {
            #expect(binomiallyClose(run.component("primary").arrivals, trials: lookups, probability: 0.5))
            #expect(run.component("primary").arrivals + run.component("secondary").arrivals == lookups)
        }
        // DNS adds no latency per request: the answer takes the target's 5 ms.
        #expect(abs(run.workload("visits").latencyMean - 0.005) < 1e-6)
    }

    static func memory(_ memory: String) -> String {
        ArchitectureRun.header() + """
        components:
          worker:
            kind: ecs-service
            subnet: app
            count: 2
            task: { vcpu: 2, memory: \(memory), concurrency: 4 }
            handlers:
              resize: [{ work: { kernel: thumbs } }]
        kernels:
          thumbs:
            - decode: jpeg
            - resize: { to: [1MP] }
            - encode: {}
        workloads:
          uploads:
            entry: worker
            op: resize
            arrival: { process: poisson, rate: 2/s }
            payload: { image: { uniform: [80MP, 120MP] } }
            timeout: 1h
        """
    }

    @Test("an image job holds its decoded buffers: a task over its memory is killed, with every request in it")
    func outOfMemory() throws {
        // 100MP × 6 B/pixel ≈ 600MB per job; two at once exceed 1GiB.
        let small = try ArchitectureRun(Self.memory("1GiB"))
        #expect(small.count("worker", "tasks_killed") > 0)
        #expect(small.failed("uploads", .outOfMemory) > 0)
        let large = try ArchitectureRun(Self.memory("8GiB"))
        #expect(large.count("worker", "tasks_killed") == 0)
        #expect(large.failed("uploads", .outOfMemory) == 0)
    }

    static func balancer(crossZone: Bool, count: Int = 2) -> String {
        ArchitectureRun.header() + """
        components:
          lb: { kind: alb, subnet: pub, targets: web, cross_zone: \(crossZone) }
          web:
            kind: ecs-service
            subnet: app
            zones: [a]
            count: \(count)
            handlers:
              get: [{ work: { exponential: 5ms } }]
        workloads:
          browse: { entry: lb, op: get, arrival: { process: poisson, rate: 20/s } }
        """
    }

    @Test("ALB: no healthy target gives errors; with cross-zone off a zone without targets fails its half")
    func balancers() throws {
        let none = try ArchitectureRun(Self.balancer(crossZone: true, count: 0))
        #expect(none.workload("browse").completed == 0)
        #expect(none.failed("browse", .noHealthyTarget) == none.workload("browse").offered - none.workload("browse").inFlight)
        let crossZone = try ArchitectureRun(Self.balancer(crossZone: true))
        #expect(crossZone.workload("browse").failed == 0)
        let zonal = try ArchitectureRun(Self.balancer(crossZone: false))
        let answered = zonal.workload("browse").completed + zonal.workload("browse").failed
        #expect(binomiallyClose(zonal.failed("browse", .noHealthyTarget), trials: answered, probability: 0.5))
    }

    @Test("API Gateway: the token bucket throttles (429) what exceeds its rate; the authorizer cache validates each token once per TTL")
    func gateway() throws {
        let run = try ArchitectureRun(ArchitectureRun.header(warmup: "0s") + """
            components:
              api:
                kind: api-gateway
                targets: fn
                throttle: { rate: 50/s, burst: 10 }
                authorizer: { type: jwt, cache_ttl: 60s, tokens: 20 }
              fn:
                kind: lambda
                handlers:
                  call: [{ work: 5ms }]
            workloads:
              calls: { entry: api, op: call, arrival: { process: poisson, rate: 100/s } }
            """)
        let calls = run.workload("calls")
        let answered = calls.completed + calls.failed
        // 100/s offered, 50/s let through: about half throttled.
        let share = Double(run.failed("calls", .throttled)) / Double(answered)
        #expect(abs(share - 0.5) < 0.03)
        // 20 tokens, each validated again when 60 s old: ≈ 20 × 600/60 validations.
        let misses = run.count("api", "misses")
        #expect(misses >= 180 && misses <= 220)
    }

    @Test("CloudFront: misses (1 − hit ratio) go to the origin")
    func cdn() throws {
        let run = try ArchitectureRun(ArchitectureRun.header() + """
            components:
              cdn: { kind: cloudfront, origin: images, hit_ratio: 90% }
              images: { kind: s3 }
            workloads:
              views: { entry: cdn, op: get, arrival: { process: poisson, rate: 50/s } }
            """)
        let requests = run.component("cdn").arrivals
        #expect(binomiallyClose(run.count("images", "reads"), trials: requests, probability: 0.1))
    }

    @Test("ElastiCache without `miss`: a hit skips the caller's next step (the database read)")
    func cacheFallsThrough() throws {
        let run = try ArchitectureRun(ArchitectureRun.header() + """
            components:
              app:
                kind: service
                service_time: 1ms
                servers: 50
                handlers:
                  get:
                    - call: cache
                    - call: db
              cache: { kind: elasticache, subnet: app, hit_ratio: 75% }
              db: { kind: rds, subnet: app }
            workloads:
              reads: { entry: app, op: get, arrival: { process: poisson, rate: 40/s } }
            """)
        let lookups = run.component("cache").arrivals
        #expect(binomiallyClose(run.component("db").arrivals, trials: lookups, probability: 0.25))
    }

    static func function(rate: String, idle: String, concurrency: Int = 100) -> String {
        ArchitectureRun.header() + """
        components:
          fn:
            kind: lambda
            concurrency: \(concurrency)
            idle_lifetime: \(idle)
            cold_start: 300ms
            handlers:
              run: [{ work: 200ms }]
        workloads:
          calls: { entry: fn, op: run, arrival: { process: poisson, rate: \(rate) } }
        """
    }

    @Test("Lambda: a cold start when no warm instance is idle; throttles over the concurrency limit")
    func lambda() throws {
        // One call a minute, instances kept 10 s: nearly every call starts cold.
        let sparse = try ArchitectureRun(Self.function(rate: "1/min", idle: "10s"))
        #expect(sparse.count("fn", "cold_starts") >= sparse.count("fn", "invocations") - 1)
        #expect(sparse.workload("calls").latencyP50 > 0.45)
        // 20/s kept warm for 10 min: only the first few instances start cold.
        let busy = try ArchitectureRun(Self.function(rate: "20/s", idle: "10min"))
        #expect(busy.count("fn", "cold_starts") < 30)
        #expect(busy.count("fn", "invocations") > 9000)
        // Concurrency 1 at 20/s × 0.2 s: most synchronous calls are throttled.
        let limited = try ArchitectureRun(Self.function(rate: "20/s", idle: "10min", concurrency: 1))
        #expect(limited.failed("calls", .throttled) > limited.workload("calls").completed)
    }

    static func retries(_ retries: String) -> String {
        ArchitectureRun.header() + """
        components:
          app:
            kind: service
            servers: 100
            service_time: 1ms
            handlers:
              get:
                - { call: flaky, retries: \(retries) }
          flaky: { kind: service, servers: 1, capacity: 1, service_time: { exponential: 50ms } }
        workloads:
          gets: { entry: app, op: get, arrival: { process: poisson, rate: 10/s } }
        """
    }

    @Test("call retries with backoff turn transient rejections into successes")
    func callRetries() throws {
        let once = try ArchitectureRun(Self.retries("0"))
        let thrice = try ArchitectureRun(Self.retries("{ max: 3, backoff: 100ms, jitter: full }"))
        // ρ = 0.5 with no waiting room: about a third are turned away on the first try.
        #expect(once.workload("gets").errorRate > 0.25)
        // Retries come soon after the rejection, often within the same busy period, so they are
        // not independent tries (0.34⁴ would be 1.3%): they still cut the error rate severalfold.
        #expect(thrice.workload("gets").errorRate < once.workload("gets").errorRate / 3)
    }

    @Test("a call's timeout fails the caller with `timeout` while the callee runs on")
    func callTimeout() throws {
        let run = try ArchitectureRun(ArchitectureRun.header() + """
            components:
              app:
                kind: service
                servers: 100
                service_time: 1ms
                handlers:
                  get:
                    - { call: slow, timeout: 50ms }
              slow: { kind: service, servers: 100, service_time: 100ms }
            workloads:
              gets: { entry: app, op: get, arrival: { process: poisson, rate: 10/s } }
            """)
        let gets = run.workload("gets")
        #expect(gets.completed == 0)
        #expect(run.failed("gets", .timeout) == gets.offered - gets.inFlight)
        // Failed at the caller's timeout, not the callee's time: completion (everything the
        // request started) still waits for the callee.
        #expect(run.component("slow").throughput > 9)
    }

    @Test("a scheduled job runs once per period")
    func scheduledJob() throws {
        let run = try ArchitectureRun(ArchitectureRun.header(duration: "1h", warmup: "0s") + """
            components:
              etl:
                kind: glue
                schedule: { every: 10min, offset: 1min }
                handlers:
                  run: [{ work: 2min }]
            workloads: {}
            """)
        let job = run.workload("schedule:etl")
        #expect(job.offered == 6)
        #expect(job.completed == 6)
        #expect(abs(job.latencyMean - 120) < 1e-6)
    }
}
