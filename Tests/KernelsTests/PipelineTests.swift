import Testing

@testable import Kernels

@Suite("KernelPipeline")
struct PipelineTests {
    static let derivatives = try! KernelPipeline([
        .decode(.jpeg), .resize(targets: [.megapixels(0.05), .megapixels(0.02), .box(width: 32, height: 32)], filter: .lanczos3, fit: .cover),
        .encode(.jpeg, quality: 85),
    ])

    @Test("a resize with three targets gives three encoded outputs of the planned sizes")
    func threeOutputs() throws {
        let input = try SyntheticImage.jpeg(width: 360, height: 240, seed: 4)
        let outputs = try Self.derivatives.run(input)
        #expect(outputs.map { [$0.width, $0.height] } == [[274, 183], [173, 115], [32, 32]])
        for output in outputs {
            guard case .encoded(.jpeg, let bytes, let width, let height) = output else {
                Issue.record("not encoded")
                continue
            }
            let header = try JPEG.header(bytes)
            #expect(header.width == width && header.height == height)
        }
    }

    @Test("the image-sharing `filters` kernel: crop, grayscale, sharpen, encode")
    func filtersKernel() throws {
        let pipeline = try KernelPipeline([
            .decode(.jpeg), .crop(width: 100, height: 100, gravity: .center), .grayscale,
            .sharpen(sigma: 1, amount: 0.6), .blur(sigma: 0.8), .encode(.jpeg, quality: 85),
        ])
        let outputs = try pipeline.run(SyntheticImage.jpeg(width: 200, height: 150, seed: 8))
        #expect(outputs.count == 1)
        guard case .encoded(_, let bytes, 100, 100) = outputs[0] else {
            Issue.record("unexpected output \(outputs)")
            return
        }
        #expect(try JPEG.header(bytes).channels == 1)
    }

    @Test("without encode the raw images come out")
    func rawOutput() throws {
        let pipeline = try KernelPipeline([.decode(.jpeg), .grayscale])
        let outputs = try pipeline.run(SyntheticImage.jpeg(width: 40, height: 30, seed: 1))
        guard case .image(let image) = outputs.first else {
            Issue.record("no image")
            return
        }
        #expect(image.channels == 1 && image.width == 40)
    }

    @Test("badly ordered steps are refused")
    func validation() {
        #expect(throws: KernelError.self) { try KernelPipeline([.grayscale]) }
        #expect(throws: KernelError.self) { try KernelPipeline([]) }
        #expect(throws: KernelError.self) { try KernelPipeline([.decode(.jpeg), .decode(.jpeg)]) }
        #expect(throws: KernelError.self) { try KernelPipeline([.decode(.jpeg), .encode(.jpeg, quality: 80), .grayscale]) }
        #expect(throws: KernelError.self) { try KernelPipeline([.decode(.jpeg), .resize(targets: [], filter: .box, fit: .contain)]) }
    }

    @Test("PNG and WebP say they are not supported yet")
    func unsupportedFormats() throws {
        let input = try SyntheticImage.jpeg(width: 20, height: 20, seed: 1)
        let png = try KernelPipeline([.decode(.jpeg), .encode(.png, quality: 85)])
        #expect(throws: KernelError.unsupportedFormat("png: not supported yet (encode jpeg only)")) { try png.run(input) }
        let webp = try KernelPipeline([.decode(.webp)])
        #expect(throws: KernelError.unsupportedFormat("webp: not supported yet (decode jpeg only)")) { try webp.run(input) }
    }

    @Test("bad input bytes throw through the pipeline")
    func badInput() {
        #expect(throws: KernelError.self) { try Self.derivatives.run([0xFF, 0xD8, 0xFF]) }
        #expect(throws: KernelError.self) { try Self.derivatives.run([]) }
    }

    @Test("definition hashes follow the steps, not the name")
    func definitionHash() throws {
        let a = try KernelPipeline([.decode(.jpeg), .resize(targets: [.megapixels(10)], filter: .lanczos3, fit: .contain)])
        let b = try KernelPipeline([.decode(.jpeg), .resize(targets: [.megapixels(10)], filter: .lanczos3, fit: .contain)])
        let c = try KernelPipeline([.decode(.jpeg), .resize(targets: [.megapixels(10)], filter: .bilinear, fit: .contain)])
        #expect(a.definitionHash == b.definitionHash && a.definitionHash != c.definitionHash)
        #expect(a.definitionHash.count == 8)
        #expect(a.profileKey(name: "x") == "x@\(a.definitionHash)")
        #expect(a.description == "decode jpeg | resize 10MP lanczos3 contain")
    }

    @Test("measure returns a positive time")
    func measure() throws {
        let input = try SyntheticImage.jpeg(width: 120, height: 80, seed: 2)
        #expect(try Self.derivatives.measure(input, clock: .wall) > 0)
        #expect(try Self.derivatives.measure(input, clock: .threadCPU) > 0)
    }
}
