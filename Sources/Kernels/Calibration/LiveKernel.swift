/// Runs a pipeline for real on a synthetic photo of a requested size and returns the CPU
/// seconds it took: the `live` kernel mode, where each simulated image costs what this
/// machine just spent on it.
///
/// Making the synthetic JPEG is not timed and costs more than the pipeline itself, so the
/// last few inputs are kept by pixel size: workloads with a few fixed image sizes make each
/// once. One instance per replication (not shared between threads).
public final class LiveKernel {
    public let pipeline: KernelPipeline
    public let clock: KernelClock
    private let seed: UInt64
    private var inputs: [(width: Int, height: Int, jpeg: [UInt8])] = []
    private let keep = 8
    /// Pipelines run so far.
    public private(set) var runs = 0

    public init(_ pipeline: KernelPipeline, seed: UInt64, clock: KernelClock = .threadCPU) {
        self.pipeline = pipeline
        self.seed = seed
        self.clock = clock
    }

    /// Seconds to run the pipeline on a `megapixels` photo (at least 1×1 pixel). Throws what
    /// the pipeline throws (e.g. an absurd size).
    public func measure(megapixels: Double) throws -> Double {
        // Checked before the pixel count is converted to integers (which would trap on 1e30).
        guard megapixels.isFinite, megapixels * 1e6 <= Double(RasterImage.maximumPixels) else {
            throw KernelError.invalidDimensions(
                "a \(megapixels)MP image is over the limit of \(RasterImage.maximumPixels / 1_000_000)MP")
        }
        let (width, height) = SyntheticImage.size(megapixels: max(megapixels, 1e-6))
        let input: [UInt8]
        if let index = inputs.firstIndex(where: { $0.width == width && $0.height == height }) {
            input = inputs[index].jpeg
            // Most recently used last.
            inputs.append(inputs.remove(at: index))
        } else {
            input = try SyntheticImage.jpeg(width: width, height: height, seed: seed &+ UInt64(width), quality: 90)
            if inputs.count == keep { inputs.removeFirst() }
            inputs.append((width, height, input))
        }
        runs += 1
        return try pipeline.measure(input, clock: clock)
    }
}
