import Testing

@testable import Models

@Suite("Conservation and determinism")
struct ConservationAndDeterminismTests {
    static let overloaded = """
        archsim: 1
        name: overloaded
        simulation: { duration: 600s, warmup: 60s, replications: 3, seed: 5 }
        components:
          front: { kind: service, servers: 20, service_time: { exponential: 100ms }, handlers: { go: [ { call: back } ] } }
          back: { kind: service, servers: 1, service_time: { exponential: 250ms }, capacity: 3 }
        workloads:
          go: { entry: front, arrival: { process: poisson, rate: 15/s }, timeout: 1s }
          users: { entry: front, op: go, arrival: { process: closed, users: 20, think_time: { exponential: 2s } }, timeout: 500ms }
        """

    @Test("offered == completed + failed + in_flight, per workload and replication, under drops and timeouts")
    func conservation() throws {
        let result = try SimulationHarness.run(Self.overloaded)
        var failures = 0
        for replication in result.replications {
            for workload in replication.workloads {
                #expect(workload.offered == workload.completed + workload.failed + workload.inFlight)
                failures += workload.failed
            }
        }
        // The run must actually exercise drops and timeouts for this to mean anything.
        #expect(failures > 100)
        #expect(result.replications.contains { $0.workloads[0].failedByCause["timeout", default: 0] > 0 })
        #expect(result.replications.contains { $0.workloads[0].failedByCause["queue_full", default: 0] > 0 })
    }

    @Test("same seed, same results; different seeds, different results")
    func determinism() throws {
        let a = try SimulationHarness.run(QueueingTheoryTests.network, seed: 11)
        let b = try SimulationHarness.run(QueueingTheoryTests.network, seed: 11)
        let c = try SimulationHarness.run(QueueingTheoryTests.network, seed: 12)
        // Bit patterns, so NaN (no observation) compares equal to itself.
        func fingerprint(_ result: RunResult) -> [UInt64] {
            result.replications.flatMap { replication in
                replication.workloads.flatMap { [Double($0.offered), Double($0.completed), $0.latencyMean, $0.latencyP99] }
                    + replication.stations.flatMap { [$0.utilization, $0.waitMean, Double($0.dropped)] }
            }.map(\.bitPattern)
        }
        #expect(fingerprint(a) == fingerprint(b))
        #expect(fingerprint(a) != fingerprint(c))
    }
}
