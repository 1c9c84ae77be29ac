import Foundation
import Testing

@testable import Models

/// One convention for priorities across the language: a higher `priority` number is served
/// first, at a generic `service` station with `discipline: priority` as in RabbitMQ (and in
/// most AWS and queueing conventions). The `service` kind used to serve the lowest first.
@Suite("Priority direction")
struct PriorityDirectionTests {
    /// A saturated single server (ρ = 0.95) shared by two classes of equal rate: priority only
    /// matters when requests wait, and here they wait several service times.
    static func saturated(first: String, second: String, duration: String = "20000s") -> String {
        """
        archsim: 1
        name: priority-direction
        simulation: { duration: \(duration), warmup: 1000s, replications: 4, seed: 11 }
        components:
          queue: { kind: service, servers: 1, service_time: "exponential(mean: 1s)", discipline: priority }
        workloads:
          first: { entry: queue, op: serve, arrival: { process: poisson, rate: 0.475/s }, mix: { priority: { \(first): 1.0 } }, timeout: 1d }
          second: { entry: queue, op: serve, arrival: { process: poisson, rate: 0.475/s }, mix: { priority: { \(second): 1.0 } }, timeout: 1d }
        """
    }

    static func meanLatency(_ result: RunResult, _ workload: Int) -> Double {
        let values = result.replications.map { $0.workloads[workload].latencyMean }
        return values.reduce(0, +) / Double(values.count)
    }

    /// Cobham: the favoured class waits W0 / (1 − 0.475) ≈ 1.8 s, the other W0 / (0.525 · 0.05)
    /// ≈ 36 s; a factor of 5 between them is far from noise either way.
    @Test("the higher number waits less: priority 5 against 2, and 2 against 5 swapped", arguments: [("\"5\"", "\"2\""), ("\"2\"", "\"5\"")])
    func higherNumberFirst(_ pair: (String, String)) throws {
        let result = try SimulationHarness.run(Self.saturated(first: pair.0, second: pair.1))
        let first = Self.meanLatency(result, 0)
        let second = Self.meanLatency(result, 1)
        let firstIsHigher = Int(pair.0.filter(\.isNumber))! > Int(pair.1.filter(\.isNumber))!
        let (favoured, other) = firstIsHigher ? (first, second) : (second, first)
        #expect(favoured * 5 < other, "priority \(firstIsHigher ? pair.0 : pair.1) waited \(favoured) s, the other \(other) s")
    }

    @Test("named priorities: the value listed first in the mix is the highest")
    func namedValues() throws {
        // One workload, two named values: `high` listed first, served first.
        let yaml = """
            archsim: 1
            name: named-priorities
            simulation: { duration: 20000s, warmup: 1000s, replications: 4, seed: 12 }
            components:
              queue: { kind: service, servers: 1, service_time: "exponential(mean: 1s)", discipline: priority }
            workloads:
              jobs: { entry: queue, op: serve, arrival: { process: poisson, rate: 0.95/s }, mix: { priority: { high: 0.5, low: 0.5 } }, timeout: 1d }
            """
        let plan = try SimulationHarness.plan(yaml)
        let lanes = Dictionary(uniqueKeysWithValues: plan.workloads[0].combinations.map { ($0.values["priority"]!, $0.priorityClass) })
        #expect(lanes == ["high": 0, "low": 1], "lane 0 is served first")
        #expect(plan.priorityLanes == 2)
    }

    @Test("lanes follow the numbers across workloads: 9 before 3 before 0 (a workload without the attribute is 0)")
    func lanesAcrossWorkloads() throws {
        let yaml = """
            archsim: 1
            name: lanes
            components:
              queue: { kind: service, servers: 1, service_time: 10ms, discipline: priority }
            workloads:
              a: { entry: queue, arrival: { process: poisson, rate: 1/s }, mix: { priority: { "3": 1.0 } } }
              b: { entry: queue, arrival: { process: poisson, rate: 1/s }, mix: { priority: { "9": 1.0 } } }
              c: { entry: queue, arrival: { process: poisson, rate: 1/s } }
            """
        let plan = try SimulationHarness.plan(yaml)
        #expect(plan.workloads.map { $0.combinations[0].priorityClass } == [1, 0, 2])
        #expect(plan.priorityLanes == 3)
    }
}
