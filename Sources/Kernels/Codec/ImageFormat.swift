/// Encoded image formats the kernel language names. Only JPEG is implemented.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg
    case png
    case webp
}
