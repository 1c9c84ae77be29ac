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
            service_time: 1ms
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

    /// Without `max_priority` the publishes carry no priority: validate refuses priorities on a
    /// queue that would ignore them (RabbitMQ: a queue without x-max-priority).
    static func rabbit(maxPriority: Int) -> String {
        func priority(_ level: Int) -> String { maxPriority > 0 ? ", priority: \(level)" : "" }
        return ArchitectureRun.header(duration: "30min", warmup: "5min") + """
        components:
          producer:
            kind: service
            servers: 10
            service_time: 1ms
            handlers:
              urgent: [{ publish: claims\(priority(9)) }]
              bulk: [{ publish: claims\(priority(1)) }]
          claims:
            kind: rabbitmq
            subnet: app
            max_priority: \(maxPriority)
            prefetch: 1
            consumers: [{ component: worker, concurrency: 1 }]
          worker: { kind: service, servers: 1, service_time: { exponential: 90ms } }
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
            service_time: 1ms
            handlers:
              order: [{ publish: orders }]
          orders:
            kind: rabbitmq
            subnet: app
            throughput: 100/s
            consumers: [{ component: worker, concurrency: 20 }]
          worker: { kind: service, servers: 20, service_time: 10ms }
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

    static func ordered(type: String) -> String {
        ArchitectureRun.header(duration: "10min", warmup: "1min") + """
        components:
          producer:
            kind: service
            servers: 10
            service_time: 1ms
            handlers:
              order: [{ publish: orders, key: account }]
          orders:
            kind: sqs
            type: \(type)
            visibility_timeout: 5min
            consumers: [{ component: worker, concurrency: 8 }]
          worker: { kind: service, servers: 8, service_time: 100ms }
        workloads:
          orders:
            entry: producer
            op: order
            arrival: { process: poisson, rate: 30/s }
            mix: { account: { A: 0.5, B: 0.5 } }
            timeout: 1h
        """
    }

    /// Watches the consumer's activations after every event: how many messages of one group
    /// are processed at once, and whether a group's messages start in the order published.
    final class GroupWatch {
        var running: [Int32: Int] = [:]
        var mostAtOnce = 0
        var started = Set<Int64>()
        var lastPublished: [Int32: Double] = [:]
        var outOfOrder = 0
        var starts = 0

        func observe(_ model: NetworkModel) {
            running.removeAll(keepingCapacity: true)
            for record in model.activations.records where record.state != .free && record.message >= 0 {
                let message = model.messages.records[Int(record.message)]
                running[message.key, default: 0] += 1
                // A message is new to the consumer once per receive (its receipt changes).
                let identity = Int64(record.message) << 32 | Int64(record.messageReceipt)
                guard started.insert(identity).inserted else { continue }
                starts += 1
                if let last = lastPublished[message.key], message.published < last { outOfOrder += 1 }
                lastPublished[message.key] = message.published
            }
            mostAtOnce = max(mostAtOnce, running.values.max() ?? 0)
        }
    }

    @Test("SQS FIFO: a group's messages are processed one at a time, in order; groups in parallel, so throughput is bounded by the groups")
    func fifoGroups() throws {
        let fifoWatch = GroupWatch()
        let fifo = try ArchitectureRun(Self.ordered(type: "fifo")) { fifoWatch.observe($0) }
        #expect(fifoWatch.starts > 5000)
        #expect(fifoWatch.mostAtOnce == 1)
        #expect(fifoWatch.outOfOrder == 0)
        // 2 groups, 15/s each, one 100 ms message at a time: each group does exactly 10/s once
        // its backlog forms (within seconds), so 20/s in all although 8 workers could do 80/s.
        // The bound is the one message per group in service at either end of the window.
        let rate = Double(fifo.messages("orders").consumed) / fifo.result.measured
        #expect(abs(rate - 20) < 0.05)
        #expect(fifo.messages("orders").lagP99 > 60)
        // Both groups progress in parallel: the worker is busy on 2 of its 8 servers.
        #expect(abs(fifo.component("worker").utilization - 0.25) < 0.01)

        // A standard queue with the same messages: several of a group at once, all 30/s served.
        let standardWatch = GroupWatch()
        let standard = try ArchitectureRun(Self.ordered(type: "standard")) { standardWatch.observe($0) }
        #expect(standardWatch.mostAtOnce > 1)
        // Poisson(30/s × 540 s): SD ≈ 127 messages, 5 SD ≈ 1.2 % of the rate.
        let standardRate = Double(standard.messages("orders").consumed) / standard.result.measured
        #expect(abs(standardRate - 30) < 0.4)
        #expect(standard.messages("orders").lagP99 < 1)
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
          car-backend: { kind: service, servers: 2, service_time: { exponential: 100ms } }
          house-backend: { kind: service, servers: 4, service_time: { exponential: 100ms } }
        """

    @Test("SNS with filters isolates one type's surge from the others; one Lambda routing every type does not (seed 003)")
    func filtersIsolate() throws {
        let filtered = try ArchitectureRun(ArchitectureRun.header(duration: "30min", warmup: "1min") + """
            components:
              system-a:
                kind: service
                servers: 20
                service_time: 1ms
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
                service_time: 1ms
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
                service_time: 1ms
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
            service_time: 1ms
            handlers:
              event: [{ publish: events }]
          events:
            kind: kafka
            subnet: app
            partitions: \(partitions)
            consumers: [{ component: worker, concurrency: 8 }]
          worker: { kind: service, servers: 8, service_time: { exponential: 100ms } }
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
                service_time: 1ms
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

    /// One shard read by `groups` consumer groups (each its own component), records of
    /// `bytes` at `rate`; each group takes up to `batch` records per GetRecords call.
    static func kinesisReaders(groups: Int, rate: String, bytes: String, batch: Int) -> String {
        let readers = (1...groups).map { "  reader\($0): { kind: service, servers: 1, service_time: constant(1ms) }" }
        let consumers = (1...groups).map { "{ component: reader\($0), batch_size: \(batch) }" }
        return ArchitectureRun.header(duration: "10min", warmup: "1min") + """
            components:
              producer:
                kind: service
                servers: 10
                service_time: 1ms
                handlers:
                  click: [{ publish: clicks, bytes: \(bytes) }]
              clicks:
                kind: kinesis
                shards: 1
                shard_write_bandwidth: 10MB/s
                consumers: [\(consumers.joined(separator: ", "))]
            \(readers.joined(separator: "\n"))
            workloads:
              clicks: { entry: producer, op: click, arrival: { process: poisson, rate: \(rate) } }
            """
    }

    @Test("Kinesis: consumer groups share a shard's 2 MB/s read quota; past it every group's lag grows", arguments: [1, 4, 8])
    func shardReadBandwidth(groups: Int) throws {
        // 4 records/s of 100KB: each group reads 0.4 MB/s, so 1 and 4 groups (1.6 MB/s) fit in
        // the shard's 2 MB/s and 8 groups (3.2 MB/s) do not. (Writes are allowed 10MB/s here, to
        // keep the write quota out of it.)
        let run = try ArchitectureRun(Self.kinesisReaders(groups: groups, rate: "4/s", bytes: "100KB", batch: 10))
        let clicks = run.messages("clicks")
        #expect(clicks.rejected == 0)
        if groups * 400_000 <= 2_000_000 {
            // Within the quota the groups keep up: records wait for at most a few GetRecords
            // calls (five a second, shared), not for the quota's bandwidth.
            #expect(clicks.lagP99 < 5)
            #expect(clicks.queued < 40 * groups)
        } else {
            // Over it, the groups together read exactly 2 MB/s: the quota is never idle. The
            // bound is what is in flight at either end (at most one 1 MB call per group, 0.8%)
            // and the one second of allowance the shard starts with.
            let readRate = Double(clicks.consumed) * 100_000 / run.result.measured
            #expect(readRate > 0.97 * 2e6 && readRate < 1.01 * 2e6)
            // Each group gets 0.25 MB/s of the 0.4 it needs: its backlog grows by 1.5 records/s,
            // ≈ 800 records per group by the end, and the age of records taken climbs to minutes.
            #expect(clicks.queued > 500 * groups)
            #expect(clicks.lagP99 > 120)
        }
    }

    @Test("Kinesis: a shard allows 5 GetRecords calls/s for all consumers together; one-record calls fall behind, batches keep up")
    func shardReadCalls() throws {
        // 6 groups of 2 records/s each: one record per call needs 12 calls/s; 1KB records keep
        // the 2 MB/s bandwidth out of it.
        let single = try ArchitectureRun(Self.kinesisReaders(groups: 6, rate: "2/s", bytes: "1KB", batch: 1))
        // At most 5 calls/s of one record each: 5 records/s consumed, exactly, as the allowance
        // is never idle (± the 5 calls it starts with and the 6 records in flight at either end).
        let consumedRate = Double(single.messages("clicks").consumed) / single.result.measured
        #expect(abs(consumedRate - 5) < 0.05)
        #expect(single.messages("clicks").lagP99 > 120)
        // Batches of up to 10 records need 12/10 calls/s when they are full: the groups keep up.
        let batched = try ArchitectureRun(Self.kinesisReaders(groups: 6, rate: "2/s", bytes: "1KB", batch: 10))
        #expect(batched.messages("clicks").lagP99 < 5)
        #expect(batched.messages("clicks").queued < 100)
    }
}
