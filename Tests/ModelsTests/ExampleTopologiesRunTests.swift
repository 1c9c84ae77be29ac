import Foundation
import Kernels
import SimKit
import Testing
import Topology

@testable import Models

/// Every committed topology compiles and runs, and requests and messages are conserved in each.
@Suite("Example topologies run")
struct ExampleTopologiesRunTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Topologies").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("there are topologies to run")
    func found() {
        #expect(Self.files.count >= 16)
    }

    @Test("runs, with offered == completed + failed + in_flight and published == consumed + queued + expired + dead_lettered", arguments: files)
    func conservation(file: String) throws {
        let loaded = TopologyLoader.load(path: Self.root.appendingPathComponent("Topologies/" + file).path)
        let topology = try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
        // The committed reference profile must cover every kernel of every committed topology.
        let reference = try CalibrationProfile.load(path: Self.root.appendingPathComponent("Topologies/profiles/reference.json").path)
        var plan = try NetworkCompiler.compile(topology, kernels: .calibrated(reference, source: "reference.json"))
        // A fixed warm-up exercises the statistics reset with work in flight.
        plan.duration = 600
        plan.warmup = .fixed(120)
        let result = Runner.replicate(plan, index: 0, seed: 3)
        var offered = 0
        for (index, workload) in result.workloads.enumerated() {
            #expect(workload.offered == workload.completed + workload.failed + workload.inFlight, "\(plan.workloads[index].name)")
            offered += workload.offered
        }
        #expect(offered > 0)
        for (index, component) in result.stations.enumerated() {
            guard let messages = component.messages else { continue }
            #expect(
                messages.balances,
                "\(plan.stations[index].name): published \(messages.published) consumed \(messages.consumed) queued \(messages.queued) expired \(messages.expired) dead-lettered \(messages.deadLettered)")
        }
    }
}
