import Testing

@testable import Models

/// Stores and the network: each test fails if the behaviour it names were missing.
@Suite("Behaviour: stores and the network")
struct StoreBehaviourTests {
    static func uploads(prefixes: Int) -> String {
        ArchitectureRun.header() + """
        components:
          app:
            kind: service
            servers: 100
            service_time: 1ms
            handlers:
              put: [{ call: bucket, op: put, bytes: 10KB }]
          bucket: { kind: s3, prefixes: \(prefixes), put_limit: 100/s }
        workloads:
          puts: { entry: app, op: put, arrival: { process: poisson, rate: 150/s } }
        """
    }

    @Test("S3: per-prefix request limits throttle; spreading keys over more prefixes lifts them")
    func prefixLimits() throws {
        let one = try ArchitectureRun(Self.uploads(prefixes: 1))
        let answered = one.workload("puts").completed + one.workload("puts").failed
        let share = Double(one.failed("puts", .throttled)) / Double(answered)
        #expect(abs(share - 1.0 / 3.0) < 0.03)
        let four = try ArchitectureRun(Self.uploads(prefixes: 4))
        #expect(four.failed("puts", .throttled) < answered / 200)
    }

    @Test("S3: stored bytes grow with writes and lifecycle expiry removes them")
    func lifecycle() throws {
        let run = try ArchitectureRun(ArchitectureRun.header(duration: "1h", warmup: "0s") + """
            components:
              app:
                kind: service
                servers: 100
                service_time: 1ms
                handlers:
                  put: [{ call: bucket, op: put, bytes: 1MB }]
              bucket: { kind: s3, lifecycle: { expire_after: 10min } }
            workloads:
              puts: { entry: app, op: put, arrival: { process: poisson, rate: 10/s } }
            """)
        // Steady state: 10/s × 1MB × 600 s = 6GB stored.
        let end = run.measure("bucket", "stored_gb_end")
        #expect(abs(end - 6) < 0.5)
    }

    static func table(_ mode: String) -> String {
        ArchitectureRun.header(duration: "10min", warmup: "0s") + """
        components:
          app:
            kind: service
            servers: 100
            service_time: 1ms
            handlers:
              put: [{ call: policies, op: put }]
          policies: { kind: dynamodb, \(mode) }
        workloads:
          puts: { entry: app, op: put, arrival: { process: poisson, rate: 20/s } }
        """
    }

    @Test("DynamoDB: provisioned capacity throttles once its 300 s burst is spent; on-demand does not")
    func capacityModes() throws {
        let provisioned = try ArchitectureRun(Self.table("mode: provisioned, read_capacity: 5, write_capacity: 5"))
        // 1500 tokens of burst drain at 15/s net in 100 s; then 15 of every 20 writes are refused.
        let throttled = provisioned.failed("puts", .throttled)
        #expect(throttled > 6000 && throttled < 8000)
        let onDemand = try ArchitectureRun(Self.table("mode: on-demand"))
        #expect(onDemand.failed("puts", .throttled) == 0)
    }

    static func onDemand(table: String, op: String, rate: String, duration: String = "1min") -> String {
        ArchitectureRun.header(duration: duration, warmup: "5s") + """
        components:
          policies: { kind: dynamodb, \(table) }
        workloads:
          requests: { entry: policies, op: \(op), arrival: { process: poisson, rate: \(rate) } }
        """
    }

    @Test("DynamoDB on-demand: requests past the table's maximum request units per second are throttled (40,000 by default)")
    func onDemandLimits() throws {
        // Default limit: 10KB items take ⌈10000/1024⌉ = 10 write units, so 5000 writes/s ask for
        // 50,000 units/s of the 40,000 allowed: a fifth are throttled. Overloaded from the first
        // second, the one-second allowance holds almost nothing at either end of the window, so
        // the share varies only with the Poisson count of writes (N ≈ 125,000): its SD is
        // 0.8/√N ≈ 0.0023, and 5 SD ≈ 0.012.
        let writes = try ArchitectureRun(Self.onDemand(table: "item_size: 10KB", op: "put", rate: "5000/s", duration: "30s"))
        let answered = writes.workload("requests").completed + writes.workload("requests").failed
        let share = Double(writes.failed("requests", .throttled)) / Double(answered)
        #expect(abs(share - 0.2) < 0.012)
        #expect(writes.count("policies", "throttled") == writes.failed("requests", .throttled))
        // The same writes as 1KB items (1 unit each, 5000/s) fit under the default.
        let small = try ArchitectureRun(Self.onDemand(table: "item_size: 1KB", op: "put", rate: "5000/s", duration: "30s"))
        #expect(small.failed("requests", .throttled) == 0)
        // A configured maximum (MaxReadRequestUnits): 1KB reads take 1 unit, 150/s against 100.
        let reads = try ArchitectureRun(Self.onDemand(table: "max_read_request_units: 100", op: "get", rate: "150/s"))
        let readsAnswered = reads.workload("requests").completed + reads.workload("requests").failed
        // A third throttled; N ≈ 8,250 reads: SD of the share ≈ (2/3)/√N ≈ 0.007, plus the 100
        // units of allowance at the start of the window (0.012): within 0.05.
        #expect(abs(Double(reads.failed("requests", .throttled)) / Double(readsAnswered) - 1.0 / 3.0) < 0.05)
    }

    static func database(replicas: Int, connections: Int = 1000, rate: String = "300/s") -> String {
        ArchitectureRun.header() + """
        components:
          app:
            kind: service
            servers: 1000
            service_time: 1ms
            handlers:
              select: [{ call: db, op: select }]
          db: { kind: rds, subnet: app, vcpu: 2, replicas: \(replicas), max_connections: \(connections), query_time: { exponential: 5ms } }
        workloads:
          reads: { entry: app, op: select, arrival: { process: poisson, rate: \(rate) } }
        """
    }

    @Test("RDS: reads spread over read replicas; past max_connections, connections are refused")
    func database() throws {
        let alone = try ArchitectureRun(Self.database(replicas: 0))
        let replicated = try ArchitectureRun(Self.database(replicas: 2))
        // 300/s × 5 ms = 1.5 busy vCPUs: 75% of the primary's 2, 25% of 6.
        #expect(abs(alone.component("db").utilization - 0.75) < 0.05)
        #expect(abs(replicated.component("db").utilization - 0.25) < 0.03)
        let limited = try ArchitectureRun(Self.database(replicas: 0, connections: 2, rate: "350/s"))
        #expect(limited.failed("reads", .throttled) > 1000)
    }

    static func warehouse(rate: String, duration: String) -> String {
        ArchitectureRun.header(duration: duration, warmup: "200s").replacingOccurrences(
            of: "replications: 1", with: "replications: 10") + """
        components:
          app:
            kind: service
            servers: 1000
            service_time: 1ms
            handlers:
              report: [{ call: warehouse, op: select }]
          warehouse: { kind: redshift, subnet: app, query_slots: 4, query_time: { exponential: 1s } }
        workloads:
          reports: { entry: app, op: report, arrival: { process: poisson, rate: \(rate) }, timeout: 1d }
        """
    }

    @Test("Redshift: queries wait for one of `query_slots` WLM slots, an M/M/c queue (Erlang C within the 99% CI); past the slots they pile up")
    func redshiftSlots() throws {
        // λ = 3/s, μ = 1/s, c = 4: ρ = 0.75, Erlang C gives Wq ≈ 0.51 s.
        let theory = QueueingTheory.mmc(lambda: 3, mu: 1, servers: 4)
        let result = try SimulationHarness.run(Self.warehouse(rate: "3/s", duration: "5000s"))
        for replication in result.replications { ArchitectureRun.expectConservation(replication) }
        let warehouse = result.plan.stations.firstIndex { $0.name == "warehouse" }!
        expectWithinInterval(result.replications.map { $0.stations[warehouse].waitMean }, theory.wq, "Redshift Wq")
        expectWithinInterval(result.replications.map { $0.stations[warehouse].utilization }, 0.75, "Redshift slot utilization")
        // 5 queries/s for 4 slots: all slots always busy, and the wait grows with the run.
        let saturated = try ArchitectureRun(Self.warehouse(rate: "5/s", duration: "20min"))
        #expect(saturated.component("warehouse").utilization > 0.99)
        #expect(saturated.component("warehouse").waitMean > 60)
    }

    static func egress(nat: String, endpoints: String = "[]") -> String {
        ArchitectureRun.header(egress: "nat", nat: "nat: \(nat)", endpoints: endpoints) + """
        components:
          uploader:
            kind: ecs-service
            subnet: app
            count: 2
            handlers:
              put: [{ call: bucket, op: put, bytes: 1MB }]
          bucket: { kind: s3 }
        workloads:
          puts: { entry: uploader, op: put, arrival: { process: poisson, rate: 20/s } }
        """
    }

    @Test("NAT: a single NAT carries every zone's egress (and the other zone's crosses zones); per-zone NATs split it; a VPC endpoint skips them")
    func natEgress() throws {
        let single = try ArchitectureRun(Self.egress(nat: "{ placement: single, zone: a }"))
        let calls = Double(single.component("bucket").arrivals)
        let perCall = 1e6 + 1000
        #expect(single.plan.nats.count == 1)
        #expect(abs(single.result.network.natBytes[0] - calls * perCall) < perCall)
        // Tasks are spread over both zones: half the bytes cross to zone a's NAT.
        #expect(abs(single.result.network.crossZoneBytes / (calls * perCall) - 0.5) < 0.05)
        let perZone = try ArchitectureRun(Self.egress(nat: "{ placement: per-zone }"))
        #expect(perZone.plan.nats.count == 2)
        #expect(perZone.result.network.natBytes.allSatisfy { $0 > 0.4 * Double(perZone.component("bucket").arrivals) * perCall })
        #expect(perZone.result.network.crossZoneBytes == 0)
        let endpoint = try ArchitectureRun(Self.egress(nat: "{ placement: per-zone }", endpoints: "[s3]"))
        #expect(endpoint.result.network.natBytes.allSatisfy { $0 == 0 })
    }
}
