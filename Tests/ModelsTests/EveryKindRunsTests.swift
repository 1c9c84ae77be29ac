import Foundation
import Kernels
import Testing
import Topology

@testable import Models

/// Kinds are data: every kind of the catalogue compiles to the primitive its catalogue entry
/// names, and runs, in at least one committed topology (the example runs check conservation) or the fixture
/// `nlb-and-batch.yaml`.
@Suite("Every catalogue kind compiles and runs")
struct EveryKindRunsTests {
    static let root = ExampleTopologiesRunTests.root

    @Test("each kind appears in a committed topology, compiles to its catalogue primitive, and serves requests there")
    func everyKind() throws {
        let reference = try CalibrationProfile.load(path: Self.root.appendingPathComponent("Topologies/profiles/reference.json").path)
        var ran: [String: Int] = [:]
        // The committed topologies, and a fixture with the kinds none of them uses.
        let paths = ExampleTopologiesRunTests.files.map { "Topologies/" + $0 } + ["Tests/ModelsTests/Fixtures/nlb-and-batch.yaml"]
        for file in paths {
            let loaded = TopologyLoader.load(path: Self.root.appendingPathComponent(file).path)
            let topology = try #require(loaded.topology)
            var plan = try NetworkCompiler.compile(topology, kernels: .calibrated(reference, source: "reference.json"))
            for (index, component) in topology.components.enumerated() {
                // What the compiler built is what the catalogue says the kind is.
                #expect(Self.compiled(plan.stations[index].behaviour, as: component.kind.primitive), "\(file): \(component.name)")
            }
            plan.duration = 300
            plan.warmup = .fixed(0)
            let result = Runner.replicate(plan, index: 0, seed: 5)
            for (index, component) in topology.components.enumerated() {
                ran[component.kind.name, default: 0] += result.stations[index].arrivals
            }
        }
        for kind in Catalogue.kinds {
            #expect(ran[kind.name] != nil, "no committed topology uses `\(kind.name)`")
            #expect((ran[kind.name] ?? 0) > 0, "`\(kind.name)` received no request in 300 s of any committed topology")
        }
    }

    /// Whether the compiled behaviour is the primitive the catalogue names.
    static func compiled(_ behaviour: Behaviour, as primitive: Primitive) -> Bool {
        switch (behaviour, primitive) {
        case (.station, .station), (.compute, .compute), (.function, .function), (.proxy, .proxy), (.queue, .queue),
            (.topic, .topic), (.stream, .stream), (.objectStore, .objectStore), (.table, .table), (.database, .database):
            true
        default:
            false
        }
    }
}
