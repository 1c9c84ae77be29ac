/// What can go wrong running a kernel. Every message says what was wrong with the input.
public enum KernelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not a decodable image (garbage, truncated, corrupt).
    case invalidImage(String)
    /// A format or variant this module does not implement.
    case unsupportedFormat(String)
    /// Zero, negative or absurd sizes.
    case invalidDimensions(String)
    /// A pipeline whose steps don't fit together (e.g. nothing decoded first).
    case invalidPipeline(String)
    /// libjpeg-turbo failed on something that should have worked.
    case codec(String)
    /// A calibration profile without the pipeline asked for, or a profile file that can't be read.
    case profile(String)

    public var description: String {
        switch self {
        case .invalidImage(let message): "invalid image: \(message)"
        case .unsupportedFormat(let message): "unsupported format: \(message)"
        case .invalidDimensions(let message): "invalid dimensions: \(message)"
        case .invalidPipeline(let message): "invalid pipeline: \(message)"
        case .codec(let message): "codec error: \(message)"
        case .profile(let message): "calibration profile: \(message)"
        }
    }
}
