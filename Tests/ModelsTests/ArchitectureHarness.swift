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
        // Every behaviour test also checks conservation.
        for workload in result.workloads {
            #expect(workload.offered == workload.completed + workload.failed + workload.inFlight)
        }
        for component in result.stations {
            if let messages = component.messages { #expect(messages.balances) }
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
