import SimKit
import Testing

@testable import Models

/// The engine against queueing theory. Each check runs independent replications and asks
/// that the analytic value lie inside their 99% confidence interval.
@Suite("Queueing theory")
struct QueueingTheoryTests {
    @Test("M/M/1: wait, response time and utilization", arguments: [0.5, 0.8, 0.9])
    func mm1(rho: Double) throws {
        // Longer runs at higher load: the relaxation time grows like 1/(1-√ρ)².
        let duration = rho < 0.85 ? 40_000.0 : 150_000.0
        let result = try SimulationHarness.run(SimulationHarness.station(
            servers: 1, arrivalRate: rho, serviceTime: "exponential(mean: 1s)", duration: duration))
        let theory = QueueingTheory.mmc(lambda: rho, mu: 1, servers: 1)
        expectWithinInterval(result.replications.map { $0.stations[0].waitMean }, theory.wq, "Wq at ρ=\(rho)")
        expectWithinInterval(result.replications.map { $0.workloads[0].latencyMean }, theory.w, "W at ρ=\(rho)")
        expectWithinInterval(result.replications.map { $0.stations[0].utilization }, rho, "utilization at ρ=\(rho)")
        expectWithinInterval(result.replications.map { $0.stations[0].queueLengthMean }, theory.lq, "Lq at ρ=\(rho)")
    }

    @Test("M/M/c against Erlang C (λ = 9, μ = 5)", arguments: [2, 4])
    func mmc(servers: Int) throws {
        let theory = QueueingTheory.mmc(lambda: 9, mu: 5, servers: servers)
        // The reference values, to three decimals.
        if servers == 2 {
            #expect(abs(theory.lq - 7.674) < 0.0005 && abs(theory.w - 1.053) < 0.0005)
        } else {
            #expect(abs(theory.lq - 0.105) < 0.0005 && abs(theory.w - 0.212) < 0.0005)
        }
        let result = try SimulationHarness.run(SimulationHarness.station(
            servers: servers, arrivalRate: 9, serviceTime: "exponential(mean: 200ms)",
            duration: servers == 2 ? 40_000 : 5_000))
        expectWithinInterval(result.replications.map { $0.stations[0].queueLengthMean }, theory.lq, "Lq, c=\(servers)")
        expectWithinInterval(result.replications.map { $0.workloads[0].latencyMean }, theory.w, "W, c=\(servers)")
    }

    @Test("M/D/1 and M/G/1 against Pollaczek–Khinchine", arguments: [
        ("constant(1s)", 1.0, 0.0),
        ("uniform(low: 0.5s, high: 1.5s)", 1.0, 1.0 / 12.0),
        ("lognormal(mean: 1s, sd: 1.5s)", 1.0, 2.25),
    ])
    func pollaczekKhinchine(service: (String, Double, Double)) throws {
        let lambda = 0.7
        let result = try SimulationHarness.run(SimulationHarness.station(
            servers: 1, arrivalRate: lambda, serviceTime: service.0, duration: 60_000))
        let wq = QueueingTheory.pollaczekKhinchine(lambda: lambda, meanService: service.1, scv: service.2)
        expectWithinInterval(result.replications.map { $0.stations[0].waitMean }, wq, "Wq for \(service.0)")
    }

    @Test("Tandem (Jackson) network: each station is M/M/1, the path's sojourn is their sum")
    func tandem() throws {
        let yaml = """
            archsim: 1
            name: tandem
            simulation: { duration: 40000s, warmup: auto, replications: 10, seed: 3 }
            components:
              first: { kind: service, servers: 1, service_time: { exponential: 1s }, handlers: { jobs: [ { publish: second } ] } }
              second: { kind: service, servers: 1, service_time: { exponential: 800ms } }
            workloads:
              jobs: { entry: first, arrival: { process: poisson, rate: 0.6/s }, timeout: 1d }
            """
        let result = try SimulationHarness.run(yaml)
        let first = QueueingTheory.mmc(lambda: 0.6, mu: 1, servers: 1)
        let second = QueueingTheory.mmc(lambda: 0.6, mu: 1.25, servers: 1)
        expectWithinInterval(result.replications.map { $0.stations[0].waitMean }, first.wq, "Wq first")
        expectWithinInterval(result.replications.map { $0.stations[1].waitMean }, second.wq, "Wq second")
        expectWithinInterval(result.replications.map { $0.workloads[0].latencyMean }, first.w, "response at first")
        expectWithinInterval(result.replications.map { $0.workloads[0].completionMean }, first.w + second.w, "end-to-end sojourn")
    }

    @Test("M/M/1/K blocking probability", arguments: [(0.8, 5), (1.5, 3)])
    func blocking(example: (Double, Int)) throws {
        let (rho, capacity) = example
        let result = try SimulationHarness.run(SimulationHarness.station(
            servers: 1, arrivalRate: rho, serviceTime: "exponential(mean: 1s)", capacity: capacity, duration: 20_000))
        let values = result.replications.map { Double($0.stations[0].dropped) / Double($0.stations[0].arrivals) }
        expectWithinInterval(values, QueueingTheory.blocking(rho: rho, capacity: capacity), "P(block) ρ=\(rho) K=\(capacity)")
    }

    @Test("Little's law on every station: Lq = λ·Wq")
    func littlesLaw() throws {
        let result = try SimulationHarness.run(Self.network)
        for replication in result.replications {
            for station in replication.stations where station.throughput > 0 {
                let predicted = station.throughput * (station.waitMean.isNaN ? 0 : station.waitMean)
                // Sample-path identity up to customers still waiting at the end: within 2%
                // plus a small absolute slack for nearly empty queues.
                #expect(abs(station.queueLengthMean - predicted) <= 0.02 * predicted + 0.01,
                    "Lq \(station.queueLengthMean) vs λWq \(predicted)")
            }
        }
    }

    static let network = """
        archsim: 1
        name: network
        simulation: { duration: 5000s, warmup: 500s, replications: 4, seed: 9 }
        components:
          front:
            kind: service
            servers: 3
            service_time: { exponential: 100ms }
            handlers:
              order:
                - call: stock
                  p: 0.7
                - publish: mail
          stock: { kind: service, servers: 2, service_time: { lognormal: { median: 40ms, sigma: 0.5 } }, capacity: 50 }
          mail: { kind: service, servers: 1, service_time: { exponential: 60ms } }
        workloads:
          order: { entry: front, arrival: { process: poisson, rate: 14/s }, timeout: 2s }
        """
}

extension QueueingTheoryTests {
    /// Non-preemptive priorities (Cobham 1954): class k waits W0 / ((1 − σ_{k−1})(1 − σ_k)),
    /// with W0 = Σ λ_i E[S_i²] / 2 and σ_k the load of classes 1…k.
    @Test("M/M/1 with two non-preemptive priority classes against Cobham's formula")
    func priorities() throws {
        let yaml = """
            archsim: 1
            name: priorities
            simulation: { duration: 60000s, warmup: auto, replications: 10, seed: 4 }
            components:
              queue: { kind: service, servers: 1, service_time: { exponential: 1s }, discipline: priority }
            workloads:
              urgent: { entry: queue, op: serve, arrival: { process: poisson, rate: 0.3/s }, mix: { priority: { "1": 1.0 } }, timeout: 1d }
              normal: { entry: queue, op: serve, arrival: { process: poisson, rate: 0.5/s }, mix: { priority: { "0": 1.0 } }, timeout: 1d }
            """
        let result = try SimulationHarness.run(yaml)
        let w0 = (0.3 + 0.5) * 2.0 / 2  // E[S²] = 2 for exponential(mean 1)
        let urgent = w0 / (1 - 0.3)
        let normal = w0 / ((1 - 0.3) * (1 - 0.8))
        // Response time = wait + 1 s of service.
        expectWithinInterval(result.replications.map { $0.workloads[0].latencyMean }, urgent + 1, "urgent class")
        expectWithinInterval(result.replications.map { $0.workloads[1].latencyMean }, normal + 1, "normal class")
    }
}
