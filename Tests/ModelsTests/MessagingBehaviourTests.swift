import Testing

@testable import Models

/// Queues, topics, buses and streams: each test fails if the behaviour it names were missing.
@Suite("Behaviour: messaging")
struct MessagingBehaviourTests {
    static func deadLetter(work: String) -> String {
        ArchitectureRun.header() + """
        components:
          producer:
            kind: service
            servers: 10
            service_time: constant(1ms)
            handlers:
              job: [{ publish: jobs }]
          jobs:
            kind: sqs
            visibility_timeout: 5s
            max_receives: 3
            dlq: dead
            consumers: [{ component: worker, concurrency: 5 }]
          dead: { kind: sqs, retention: 14d }
          worker:
            kind: lambda
            timeout: 1s
            handlers:
              job: [{ work: \(work) }]
        workloads:
          jobs: { entry: producer, op: job, arrival: { process: poisson, rate: 1/s } }
        """
    }

    @Test("SQS: a consumer that keeps failing sees each message redelivered, then moved to the DLQ after max_receives")
    func deadLetterQueue() throws {
        let failing = try ArchitectureRun(Self.deadLetter(work: "constant(2s)"))
        let jobs = failing.messages("jobs")
        #expect(jobs.consumed == 0)
        #expect(jobs.deadLettered > 400)
        #expect(jobs.redelivered >= 2 * jobs.deadLettered)
        // The DLQ has no consumer: it holds what it got (some before the warm-up ended, too).
        #expect(failing.messages("dead").published >= jobs.deadLettered)
        #expect(failing.messages("dead").queued == failing.messages("dead").published)
        #expect(failing.count("worker", "timeouts") >= 3 * jobs.deadLettered)
        let healthy = try ArchitectureRun(Self.deadLetter(work: "constant(200ms)"))
        #expect(healthy.messages("jobs").deadLettered == 0)
        #expect(healthy.messages("jobs").consumed > 500)
    }

    static func rabbit(maxPriority: Int) -> String {
        ArchitectureRun.header(duration: "30min", warmup: "5min") + """
        components:
          producer:
            kind: service
            servers: 10
            service_time: constant(1ms)
            handlers:
              urgent: [{ publish: claims, priority: 9 }]
              bulk: [{ publish: claims, priority: 1 }]
          claims:
            kind: rabbitmq
            subnet: app
            max_priority: \(maxPriority)
            prefetch: 1
            consumers: [{ component: worker, concurrency: 1 }]
          worker: { kind: service, servers: 1, service_time: exponential(mean: 90ms) }
        workloads:
          urgent: { entry: producer, op: urgent, arrival: { process: poisson, rate: 2/s } }
          bulk: { entry: producer, op: bulk, arrival: { process: poisson, rate: 8/s } }
        """
    }

    @Test("RabbitMQ: message priorities cut the high-priority wait")
    func rabbitPriorities() throws {
        let plain = try ArchitectureRun(Self.rabbit(maxPriority: 0))
        let prioritised = try ArchitectureRun(Self.rabbit(maxPriority: 9))
        // ρ = 0.9. Without priorities both wait alike (M/M/1: W ≈ 0.9 s); with them the urgent
        // class waits about as long as one service (Cobham: W₁ ≈ 0.09 + 0.18·0.09/0.82 s ≈ 0.11 s).
        let plainUrgent = plain.workload("urgent").completionMean
        let plainBulk = plain.workload("bulk").completionMean
        #expect(abs(plainUrgent - plainBulk) < 0.5 * plainBulk)
        #expect(prioritised.workload("urgent").completionMean < plainUrgent / 3)
        #expect(prioritised.workload("bulk").completionMean > prioritised.workload("urgent").completionMean * 3)
    }

    static func broker(rate: Int) -> String {
        ArchitectureRun.header(duration: "10min", warmup: "1min") + """
        components:
          producer:
            kind: service
            servers: 20
            service_time: constant(1ms)
            handlers:
              order: [{ publish: orders }]
          orders:
            kind: rabbitmq
            subnet: app
            throughput: 100/s
            consumers: [{ component: worker, concurrency: 20 }]
          worker: { kind: service, servers: 20, service_time: constant(10ms) }
        workloads:
          orders: { entry: producer, op: order, arrival: { process: poisson, rate: \(rate)/s }, timeout: 1h }
        """
    }

    @Test("RabbitMQ: the broker handles `throughput` messages/s; faster publishers are held back (flow control), not dropped")
    func brokerThroughput() throws {
        // Below: 50/s into a broker of 100/s, an M/D/1 queue at ρ = 0.5 with D = 10 ms.
        let below = try ArchitectureRun(Self.broker(rate: 50))
        // Pollaczek–Khinchine for M/D/1: Wq = ρD / (2(1 − ρ)) = 5 ms. Over n ≈ 27,000 waits the
        // mean's standard deviation is at most M/M/1's asymptotic one at the same ρ (deterministic
        // service is less variable): √(ρ(2 + 5ρ − 4ρ² + ρ³) / (n μ² (1 − ρ)⁴)) ≈ 0.33 ms. 5 SD: 1.7 ms.
        #expect(abs(below.component("orders").waitMean - 0.005) < 0.0017)
        // Utilization λD = 0.5; its SD (a Poisson count × D over 540 s) is ≈ 0.003.
        #expect(abs(below.component("orders").utilization - 0.5) < 0.02)
        // The publish step costs the broker's wait and service: 1 ms + 5 ms + 10 ms ≈ 16 ms.
        #expect(below.workload("orders").latencyMean < 0.025)
        // Everything offered gets through: completions are Poisson(50/s × 540 s), SD ≈ 164; 5 SD ≈ 3%.
        #expect(abs(below.workload("orders").throughput - 50) < 1.5)

        // Above: 150/s into the same broker. It is never idle, so it passes exactly one message
        // per 10 ms: 54,000 in the 540 s measured, up to the one in service and the 20 messages
        // that can be with the consumers at either end (0.1%).
        let above = try ArchitectureRun(Self.broker(rate: 150))
        #expect(above.component("orders").utilization > 0.999)
        let consumed = Double(above.messages("orders").consumed)
        #expect(abs(consumed - 100 * above.result.measured) <= 25)
        #expect(abs(above.workload("orders").throughput - 100) < 0.1)
        // Nothing is dropped: the publishers wait instead. The backlog grows at 50/s, so a
        // request arriving at t waits about t/2; those answered by the end arrived by ≈ 400 s,
        // and their median latency is ≈ 110 s (fluid approximation). Far above 16 ms either way.
        #expect(above.workload("orders").failed == 0)
        #expect(above.messages("orders").rejected == 0)
        #expect(above.workload("orders").latencyP50 > 60)
        #expect(above.workload("orders").latencyP50 > 1000 * below.workload("orders").latencyP50)
    }

    /// CAR surges to 36/s for 3 minutes of every 10; HOUSE stays at 4/s.
    static let surge = """
        workloads:
          car:
            entry: system-a
            op: purchase
            arrival: { process: bursts, rate: 6/s, burst_rate: 36/s, every: 10min, for: 3min }
            mix: { type: { CAR: 1.0 } }
          house:
            entry: system-a
            op: purchase
            arrival: { process: poisson, rate: 4/s }
            mix: { type: { HOUSE: 1.0 } }
        """

    static let backends = """
          car-backend: { kind: service, servers: 2, service_time: exponential(mean: 100ms) }
          house-backend: { kind: service, servers: 4, service_time: exponential(mean: 100ms) }
        """

    @Test("SNS with filters isolates one type's surge from the others; one Lambda routing every type does not (seed 003)")
    func filtersIsolate() throws {
        let filtered = try ArchitectureRun(ArchitectureRun.header(duration: "30min", warmup: "1min") + """
            components:
              system-a:
                kind: service
                servers: 20
                service_time: constant(1ms)
                handlers:
                  purchase: [{ publish: purchases }]
              purchases:
                kind: sns
                subscriptions:
                  - { target: car-queue, filter: "type == CAR" }
                  - { target: house-queue, filter: "type == HOUSE" }
              car-queue: { kind: sqs, consumers: [{ component: car-backend, concurrency: 2 }] }
              house-queue: { kind: sqs, consumers: [{ component: house-backend, concurrency: 4 }] }
            \(Self.backends)
            \(Self.surge)
            """)
        let single = try ArchitectureRun(ArchitectureRun.header(duration: "30min", warmup: "1min") + """
            components:
              system-a:
                kind: service
                servers: 20
                service_time: constant(1ms)
                handlers:
                  purchase: [{ publish: purchases }]
              purchases: { kind: sqs, consumers: [{ component: router, concurrency: 6 }] }
              router:
                kind: lambda
                concurrency: 6
                timeout: 15min
                handlers:
                  purchase:
                    - { call: car-backend, when: "type == CAR" }
                    - { call: house-backend, when: "type == HOUSE" }
            \(Self.backends)
            \(Self.surge)
            """)
        // CAR's surge (36/s against 20/s of CAR capacity) backs up CAR's own queue only...
        #expect(filtered.messages("car-queue").lagP99 > 30)
        #expect(filtered.messages("house-queue").lagP99 < 1)
        #expect(filtered.workload("car").completionP99 > 30)
        #expect(filtered.workload("house").completionP99 < 2)
        // ...while with one router every type waits behind the CAR calls that hold its slots.
        #expect(single.messages("purchases").lagP99 > 30)
        #expect(single.workload("house").completionP99 > 30)
    }

    @Test("EventBridge: rules route on event content; the PutEvents quota throttles the excess")
    func eventBridge() throws {
        let run = try ArchitectureRun(ArchitectureRun.header() + """
            components:
              system-a:
                kind: service
                servers: 20
                service_time: constant(1ms)
                handlers:
                  purchase: [{ publish: bus }]
              bus:
                kind: eventbridge
                throughput: 15/s
                rules:
                  - { when: "type == CAR", targets: car-queue }
                  - { when: "type != CAR", targets: other-queue }
              car-queue: { kind: sqs }
              other-queue: { kind: sqs }
            workloads:
              purchase:
                entry: system-a
                op: purchase
                arrival: { process: poisson, rate: 20/s }
                mix: { type: { CAR: 0.3, HOUSE: 0.7 } }
            """)
        let delivered = run.messages("car-queue").published + run.messages("other-queue").published
        #expect(binomiallyClose(run.messages("car-queue").published, trials: delivered, probability: 0.3))
        // 20/s offered against 15/s: about a quarter throttled.
        let share = Double(run.count("bus", "throttled")) / Double(run.component("bus").arrivals)
        #expect(abs(share - 0.25) < 0.03)
    }

    static func kafka(partitions: Int) -> String {
        ArchitectureRun.header(duration: "10min") + """
        components:
          producer:
            kind: service
            servers: 10
            service_time: constant(1ms)
            handlers:
              event: [{ publish: events }]
          events:
            kind: kafka
            subnet: app
            partitions: \(partitions)
            consumers: [{ component: worker, concurrency: 8 }]
          worker: { kind: service, servers: 8, service_time: exponential(mean: 100ms) }
        workloads:
          events: { entry: producer, op: event, arrival: { process: poisson, rate: 30/s } }
        """
    }

    @Test("Kafka: a consumer group's parallelism is bounded by the partitions")
    func partitionsBoundParallelism() throws {
        // 2 partitions → 2 consumers → 20/s of capacity for 30/s: the lag grows all run long.
        let two = try ArchitectureRun(Self.kafka(partitions: 2))
        let eight = try ArchitectureRun(Self.kafka(partitions: 8))
        #expect(two.messages("events").lagP99 > 60)
        #expect(two.messages("events").queued > 1000)
        #expect(eight.messages("events").lagP99 < 2)
        #expect(eight.component("worker").utilization > 2 * two.component("worker").utilization * 0.7)
    }

    @Test("Kinesis: writes over a shard's records-per-second quota are rejected")
    func shardQuota() throws {
        let run = try ArchitectureRun(ArchitectureRun.header(warmup: "1min") + """
            components:
              producer:
                kind: service
                servers: 10
                service_time: constant(1ms)
                handlers:
                  click: [{ publish: clicks, bytes: 100B }]
              clicks: { kind: kinesis, shards: 1, shard_write_records: 10/s }
            workloads:
              clicks: { entry: producer, op: click, arrival: { process: poisson, rate: 15/s } }
            """)
        let clicks = run.messages("clicks")
        let share = Double(clicks.rejected) / Double(clicks.rejected + clicks.published)
        #expect(abs(share - 1.0 / 3.0) < 0.04)
    }
}
