import Foundation
import Kernels
import Testing
import Topology

@testable import Models

@Suite("KernelPlan")
struct KernelPlanTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func plan(_ file: String) throws -> KernelPlan {
        let loaded = TopologyLoader.load(path: root.appendingPathComponent(file).path)
        let topology = try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
        return try KernelPlan.compile(topology)
    }

    @Test("the image-sharing kernels become pipelines, boxes staying boxes")
    func imageSharing() throws {
        let plan = try Self.plan("Topologies/image-sharing.yaml")
        #expect(plan.kernels.map(\.name) == ["compress", "filters"])
        #expect(plan.kernel("compress")?.pipeline.operations == [
            .decode(.jpeg),
            .resize(targets: [.box(width: 2048, height: 2048), .box(width: 320, height: 320)], filter: .lanczos3, fit: .cover),
            .encode(.jpeg, quality: 80),
        ])
        #expect(plan.kernel("filters")?.pipeline.operations == [
            .decode(.jpeg), .crop(width: 1080, height: 1080, gravity: .center), .grayscale,
            .sharpen(sigma: 1, amount: 0.6), .encode(.jpeg, quality: 85),
        ])
    }

    @Test("megapixel and box targets mix in one resize")
    func imagePipeline() throws {
        let plan = try Self.plan("Topologies/image-pipeline.yaml")
        let derivatives = try #require(plan.kernel("derivatives"))
        #expect(derivatives.pipeline.operations[1] == .resize(targets: [.megapixels(10), .megapixels(7), .megapixels(5)], filter: .lanczos3, fit: .contain))
        #expect(derivatives.profileKey == "derivatives@\(derivatives.pipeline.definitionHash)")
        let stream = try #require(plan.kernel("stream-derivatives"))
        #expect(stream.pipeline.operations[1] == .resize(targets: [.megapixels(1), .box(width: 320, height: 320)], filter: .lanczos3, fit: .cover))
    }

    @Test("steps in an order that can't run are reported at the kernel")
    func badOrder() throws {
        let yaml = """
            archsim: 1
            name: t
            components:
              s:
                kind: service
                service_time: { exponential: 10ms }
            workloads:
              w:
                entry: s
                arrival: { process: poisson, rate: 1/s }
            kernels:
              backwards:
                - encode: { format: jpeg }
                - decode: jpeg
            """
        let loaded = TopologyLoader.load(text: yaml, file: "t.yaml")
        let topology = try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
        #expect {
            try KernelPlan.compile(topology)
        } throws: { error in
            guard let invalid = error as? KernelPlan.Invalid else { return false }
            return invalid.diagnostics.count == 1 && invalid.diagnostics[0].message.contains("kernel `backwards`")
                && invalid.diagnostics[0].location.line == 12
        }
    }

    @Test("png and webp are refused at the value that names them, not when an image is first decoded")
    func unsupportedFormats() throws {
        let yaml = """
            archsim: 1
            name: t
            components:
              s: { kind: service, service_time: { exponential: 10ms } }
            workloads:
              w: { entry: s, arrival: { process: poisson, rate: 1/s } }
            kernels:
              k:
                - decode: png
                - encode: { format: webp }
            """
        let loaded = TopologyLoader.load(text: yaml, file: "t.yaml")
        let topology = try #require(loaded.topology, "\(loaded.renderedDiagnostics())")
        #expect {
            try KernelPlan.compile(topology)
        } throws: { error in
            let diagnostics = (error as? KernelPlan.Invalid)?.diagnostics ?? []
            return diagnostics.count == 2
                && diagnostics[0].message.hasPrefix("`png` images are not supported yet") && diagnostics[0].location.line == 9
                && diagnostics[1].message.hasPrefix("`webp` images are not supported yet") && diagnostics[1].location.line == 10
        }
    }
}
