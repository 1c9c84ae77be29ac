import SimKit
import Testing

@testable import Models

/// Per-component time series: each bucket is what the component did in that minute, so the
/// buckets must add up to the run's own figures, must not depend on the warm-up, and must
/// show load that changes over time.
@Suite("Component time series")
struct ComponentSeriesTests {
    static func station(warmup: String, arrival: String = "{ process: poisson, rate: 1.6/s }", servers: Int = 2, duration: String = "30min") -> String {
        """
        archsim: 1
        name: series
        simulation: { duration: \(duration), warmup: \(warmup), replications: 1, seed: 1, time_series: 1min }
        components:
          queue: { kind: service, servers: \(servers), service_time: { exponential: 1s } }
        workloads:
          jobs: { entry: queue, arrival: \(arrival), timeout: 1d }
        """
    }

    static func close(_ a: Double, _ b: Double, relative: Double = 1e-9) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b), 1e-12)
    }

    @Test("with no warm-up, the buckets add up to the run's utilization, queue, throughput and mean wait")
    func bucketsAddUp() throws {
        let run = try ArchitectureRun(Self.station(warmup: "0s"))
        let queue = run.component("queue")
        let series = queue.series
        #expect(series.utilization.count == 30)
        // Equal one-minute buckets: the run's time averages are the means of the buckets'.
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        #expect(Self.close(mean(series.utilization), queue.utilization), "\(mean(series.utilization)) vs \(queue.utilization)")
        #expect(Self.close(mean(series.queueLength), queue.queueLengthMean))
        #expect(Self.close(mean(series.throughput), queue.throughput))
        // Waits are recorded when service starts, so each bucket's wait is weighted by its starts.
        let starts = series.throughput.map { $0 * 60 }
        let weighted = zip(series.waitMean, starts).reduce(0) { $0 + ($1.1 > 0 ? $1.0 * $1.1 : 0) } / starts.reduce(0, +)
        #expect(Self.close(weighted, queue.waitMean), "\(weighted) vs \(queue.waitMean)")
        #expect(series.refused.allSatisfy { $0 == 0 })
        #expect(series.runningUnits == nil && series.lagMean == nil)
    }

    @Test("the series runs from time 0 and does not depend on the warm-up (which cuts a bucket in two here)")
    func warmupDoesNotChangeTheSeries() throws {
        let none = try ArchitectureRun(Self.station(warmup: "0s")).component("queue")
        let warm = try ArchitectureRun(Self.station(warmup: "90s")).component("queue")
        // Same random streams, same events: only the statistics' window differs.
        #expect(none.utilization != warm.utilization)
        for (a, b) in [(none.series.utilization, warm.series.utilization), (none.series.queueLength, warm.series.queueLength),
            (none.series.throughput, warm.series.throughput)]
        {
            #expect(a.count == b.count)
            #expect(zip(a, b).allSatisfy { Self.close($0, $1) }, "\(a.prefix(3)) vs \(b.prefix(3))")
        }
        #expect(zip(none.series.waitMean, warm.series.waitMean).allSatisfy { Self.close($0, $1) || ($0.isNaN && $1.isNaN) })
    }

    @Test("a burst shows: utilization per minute follows the arrival rate (M/M/10 at ρ = 0.2, bursts at ρ = 0.8)")
    func burstsShow() throws {
        // Bursts of 8/s in minutes 0–5, 20–25 and 40–45; 2/s otherwise; ten servers of mean 1 s.
        // A phase's first minute is left out: the queue takes a few service times to follow.
        let yaml = Self.station(
            warmup: "0s", arrival: "{ process: bursts, rate: 2/s, burst_rate: 8/s, every: 20min, for: 5min }", servers: 10,
            duration: "1h")
        var burst: [Double] = []
        var base: [Double] = []
        for seed in 1...6 as ClosedRange<UInt64> {
            let series = try ArchitectureRun(yaml, seed: seed).component("queue").series.utilization
            #expect(series.count == 60)
            let minutes = series.indices.map { ($0 % 20, series[$0]) }
            burst.append(mean(minutes.filter { (1..<5).contains($0.0) }.map(\.1)))
            base.append(mean(minutes.filter { (6..<20).contains($0.0) }.map(\.1)))
        }
        // Offered load over servers: λ·E[S]/c.
        expectWithinInterval(burst, 0.8, "utilization during bursts")
        expectWithinInterval(base, 0.2, "utilization between bursts")
    }

    @Test("compute reports running units per bucket, queues their backlog and lag; refusals land in their minute")
    func computeAndQueues() throws {
        // `endpoints: [sqs]`: from a subnet without egress, SQS is reached through its VPC endpoint.
        let run = try ArchitectureRun(ArchitectureRun.header(duration: "20min", warmup: "0s", endpoints: "[sqs]") + """
            components:
              api:
                kind: ecs-service
                subnet: app
                count: 2
                task: { vcpu: 1, memory: 2GiB, concurrency: 4 }
                handlers:
                  job: [{ work: { cpu: { exponential: 50ms } } }, { publish: jobs }]
              jobs: { kind: sqs, consumers: [{ component: worker, concurrency: 3 }] }
              worker: { kind: service, servers: 3, service_time: { exponential: 400ms } }
              gate: { kind: api-gateway, targets: api, throttle: { rate: 10/s, burst: 10 } }
            workloads:
              jobs: { entry: gate, op: job, arrival: { process: bursts, rate: 4/s, burst_rate: 20/s, every: 10min, for: 2min } }
            """)
        let api = run.component("api")
        let running = try #require(api.series.runningUnits)
        #expect(running.allSatisfy { abs($0 - 2) < 1e-9 }, "two tasks run all the time: \(running)")
        let jobs = run.component("jobs")
        let backlog = try #require(jobs.series.backlog)
        let lag = try #require(jobs.series.lagMean)
        #expect(backlog.count == 20 && lag.count == 20)
        let mean = backlog.reduce(0, +) / 20
        #expect(Self.close(mean, jobs.messages!.backlogMean), "\(mean) vs \(jobs.messages!.backlogMean)")
        // Bursts throttled to 10/s against three workers of 2.5/s each: the backlog grows in minutes 0–2 and
        // 10–12 and drains later; lag follows it.
        #expect(backlog[1] > 10 * max(backlog[8], 0.1))
        #expect(lag[2] > 10 * lag[9])
        // The gateway throttles 20/s to 10/s in bursts only: every refusal is in a burst minute.
        let refused = run.component("gate").series.refused
        #expect(refused.reduce(0, +) == Double(run.count("gate", "throttled")))
        #expect(refused.enumerated().allSatisfy { ($0.offset % 10 < 3) || $0.element == 0 })
        #expect(refused[0] > 100)
    }
}

private func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
