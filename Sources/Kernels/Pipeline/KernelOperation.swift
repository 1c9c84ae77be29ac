/// One step of a kernel pipeline (the kernel language's `kernel-step`, without its source
/// locations: the Models module converts topology values into these).
public enum KernelOperation: Sendable, Hashable, Codable, CustomStringConvertible {
    case decode(ImageFormat)
    /// One output per target, each resized from the same input.
    case resize(targets: [ResizeTarget], filter: ResampleFilter, fit: ResizeFit)
    case crop(width: Int, height: Int, gravity: Gravity)
    case grayscale
    case blur(sigma: Double)
    case sharpen(sigma: Double, amount: Double)
    /// Encodes every current output.
    case encode(ImageFormat, quality: Int)

    /// A canonical one-line form, e.g. `resize 10MP,7MP lanczos3 contain`; also what the
    /// pipeline's definition hash is computed from.
    public var description: String {
        switch self {
        case .decode(let format): "decode \(format.rawValue)"
        case .resize(let targets, let filter, let fit):
            "resize \(targets.map(\.description).joined(separator: ",")) \(filter.rawValue) \(fit.rawValue)"
        case .crop(let width, let height, let gravity): "crop \(width)x\(height) \(gravity.rawValue)"
        case .grayscale: "grayscale"
        case .blur(let sigma): "blur sigma=\(KernelText.number(sigma))"
        case .sharpen(let sigma, let amount): "sharpen sigma=\(KernelText.number(sigma)) amount=\(KernelText.number(amount))"
        case .encode(let format, let quality): "encode \(format.rawValue) q\(quality)"
        }
    }
}
