import Foundation
import SimKit
import Testing
import Topology

@testable import Models

/// Runs one replication of an inline topology and reads its results by name.
struct ArchitectureRun {
    let plan: NetworkPlan
    let result: ReplicationResult

    init(_ yaml: String, seed: UInt64 = 1) throws {
        plan = try SimulationHarness.plan(yaml)
        result = Runner.replicate(plan, index: 0, seed: seed)
        Self.expectConservation(result)
    }

    /// Runs the replication one event at a time, calling `observe` after each: for invariants
    /// no report shows (the order messages are processed in). Needs a fixed warm-up.
    init(_ yaml: String, seed: UInt64 = 1, observe: (NetworkModel) -> Void) throws {
        plan = try SimulationHarness.plan(yaml)
        guard case .fixed(let time) = plan.warmup else { throw HarnessError(message: "stepping needs a fixed warm-up") }
        let warmup = min(time, plan.duration)
        var model = NetworkModel(plan: plan, streams: RandomStreams(seed: seed, replication: 0))
        var simulation = Simulation()
        model.start(&simulation, warmup: warmup)
        while simulation.step(&model, until: plan.duration) { observe(model) }
        result = Runner.collect(model, plan: plan, index: 0, warmup: warmup, events: simulation.handledEvents)
        Self.expectConservation(result)
    }

    /// Every behaviour test also checks conservation: requests offered == completed + failed +
    /// in flight; messages published == consumed + queued + expired + dead-lettered.
    static func expectConservation(_ result: ReplicationResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for workload in result.workloads {
            #expect(workload.offered == workload.completed + workload.failed + workload.inFlight, sourceLocation: sourceLocation)
        }
        for component in result.stations {
            if let messages = component.messages { #expect(messages.balances, sourceLocation: sourceLocation) }
        }
    }

    func component(_ name: String) -> ReplicationResult.Station {
        result.stations[plan.stations.firstIndex { $0.name == name }!]
    }

    func workload(_ name: String) -> ReplicationResult.Workload {
        result.workloads[plan.workloads.firstIndex { $0.name == name }!]
    }

    func count(_ name: String, _ key: String) -> Int {
        component(name).counts.first { $0.0 == key }?.1 ?? 0
    }

    func measure(_ name: String, _ key: String) -> Double {
        component(name).measures.first { $0.0 == key }?.1 ?? .nan
    }

    func messages(_ name: String) -> ReplicationResult.MessageBalance {
        component(name).messages!
    }

    func failed(_ workload: String, _ cause: FailureCause) -> Int {
        self.workload(workload).failedByCause[cause.name, default: 0]
    }

    /// The start of a topology: a simulation section and a two-zone network.
    static func header(
        duration: String = "10min", warmup: String = "1min", egress: String = "none", nat: String = "", endpoints: String = "[]"
    ) -> String {
        """
        archsim: 1
        name: behaviour
        region: us-east-1
        simulation: { duration: \(duration), warmup: \(warmup), replications: 1, seed: 1 }
        network:
          zones: [a, b]
          subnets:
            pub: { type: public }
            app: { type: private, egress: \(egress) }
          \(nat)
          endpoints: \(endpoints)

        """
    }
}

/// `n` binomial trials at probability `p`: the count is within 5 standard deviations.
func binomiallyClose(_ count: Int, trials: Int, probability p: Double) -> Bool {
    let mean = Double(trials) * p
    let sd = (Double(trials) * p * (1 - p)).squareRoot()
    return abs(Double(count) - mean) <= 5 * sd + 1
}
