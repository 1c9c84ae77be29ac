/// A checked list of image operations: decode first, then any transforms, optionally one
/// encode last.
///
/// Running is depth first: a resize with several targets makes each output from the decoded
/// source, runs the remaining steps on it and lets it go before making the next, so memory
/// stays near the decoded image plus one output.
public struct KernelPipeline: Sendable, Hashable, CustomStringConvertible {
    public let operations: [KernelOperation]

    public init(_ operations: [KernelOperation]) throws {
        guard case .decode = operations.first else {
            throw KernelError.invalidPipeline("a kernel starts with `decode` (it receives encoded bytes)")
        }
        for (index, operation) in operations.enumerated() {
            switch operation {
            case .decode where index > 0:
                throw KernelError.invalidPipeline("`decode` may only be the first step (step \(index + 1) decodes again)")
            case .encode where index != operations.count - 1:
                throw KernelError.invalidPipeline("`encode` must be the last step (step \(index + 1) is followed by more)")
            case .resize(let targets, _, _) where targets.isEmpty:
                throw KernelError.invalidPipeline("`resize` needs at least one target (step \(index + 1))")
            case .encode(_, let quality) where !(1...100).contains(quality):
                throw KernelError.invalidPipeline("encode quality is 1 to 100, not \(quality)")
            default:
                break
            }
        }
        self.operations = operations
    }

    /// The steps, one per line's worth: `decode jpeg | resize 10MP lanczos3 contain | encode jpeg q85`.
    public var description: String { operations.map(\.description).joined(separator: " | ") }

    /// Eight hex digits of FNV-1a over `description`: the same definition always hashes the
    /// same, on every platform (unlike `Hasher`, which is seeded per process).
    public var definitionHash: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in description.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The key of this pipeline in a calibration profile when a topology calls it `name`:
    /// `name@hash`, so two files that define a kernel of the same name differently don't collide.
    public func profileKey(name: String) -> String { "\(name)@\(definitionHash)" }

    // MARK: - Running

    /// Runs the pipeline on encoded bytes; returns every output (encoded, or raw when the
    /// pipeline has no `encode`).
    public func run(_ input: [UInt8]) throws -> [KernelOutput] {
        var outputs: [KernelOutput] = []
        guard case .decode(let format) = operations[0] else { return [] }
        let image = try Self.decode(input, format)
        try run(from: 1, image, into: &outputs)
        return outputs
    }

    /// Runs once and returns the seconds it took, by `clock`.
    public func measure(_ input: [UInt8], clock: KernelClock = .threadCPU) throws -> Double {
        let start = clock.now()
        let outputs = try run(input)
        let seconds = clock.now() - start
        withExtendedLifetime(outputs) {}
        return seconds
    }

    private func run(from index: Int, _ image: RasterImage, into outputs: inout [KernelOutput]) throws {
        var image = image
        var index = index
        while index < operations.count {
            switch operations[index] {
            case .decode:
                throw KernelError.invalidPipeline("`decode` may only be the first step")
            case .resize(let targets, let filter, let fit):
                if targets.count == 1 {
                    image = try image.resized(to: targets[0], filter: filter, fit: fit)
                } else {
                    for target in targets {
                        try run(from: index + 1, image.resized(to: target, filter: filter, fit: fit), into: &outputs)
                    }
                    return
                }
            case .crop(let width, let height, let gravity):
                image = try image.cropped(width: width, height: height, gravity: gravity)
            case .grayscale:
                image = image.grayscale()
            case .blur(let sigma):
                image = try image.blurred(sigma: sigma)
            case .sharpen(let sigma, let amount):
                image = try image.sharpened(sigma: sigma, amount: amount)
            case .encode(let format, let quality):
                outputs.append(.encoded(format, try Self.encode(image, format, quality: quality), width: image.width, height: image.height))
                return
            }
            index += 1
        }
        outputs.append(.image(image))
    }

    static func decode(_ data: [UInt8], _ format: ImageFormat) throws -> RasterImage {
        switch format {
        case .jpeg: return try JPEG.decode(data)
        case .png, .webp: throw KernelError.unsupportedFormat("\(format.rawValue): not supported yet (decode jpeg only)")
        }
    }

    static func encode(_ image: RasterImage, _ format: ImageFormat, quality: Int) throws -> [UInt8] {
        switch format {
        case .jpeg: return try JPEG.encode(image, quality: quality)
        case .png, .webp: throw KernelError.unsupportedFormat("\(format.rawValue): not supported yet (encode jpeg only)")
        }
    }
}

/// One result of a pipeline run.
public enum KernelOutput: Sendable {
    case encoded(ImageFormat, [UInt8], width: Int, height: Int)
    case image(RasterImage)

    public var width: Int {
        switch self {
        case .encoded(_, _, let width, _): width
        case .image(let image): image.width
        }
    }

    public var height: Int {
        switch self {
        case .encoded(_, _, _, let height): height
        case .image(let image): image.height
        }
    }
}
