/// An 8-bit image in memory: rows top to bottom, pixels interleaved (`RGBRGB…` or one gray
/// byte per pixel), no padding between rows.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 3 (RGB) or 1 (gray).
    public let channels: Int
    public var pixels: [UInt8]

    /// An image whose pixels are all `fill`.
    public init(width: Int, height: Int, channels: Int, fill: UInt8 = 0) throws {
        try RasterImage.checkSize(width: width, height: height, channels: channels)
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = [UInt8](repeating: fill, count: width * height * channels)
    }

    /// An image over existing pixels; `pixels.count` must be `width × height × channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws {
        try RasterImage.checkSize(width: width, height: height, channels: channels)
        guard pixels.count == width * height * channels else {
            throw KernelError.invalidDimensions("\(width)x\(height)x\(channels) needs \(width * height * channels) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Pixels not yet written: only for code that fills every byte before reading any.
    init(uninitializedWidth width: Int, height: Int, channels: Int) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = [UInt8](unsafeUninitializedCapacity: width * height * channels) { _, count in
            count = width * height * channels
        }
    }

    public var megapixels: Double { Double(width) * Double(height) / 1e6 }
    public var rowBytes: Int { width * channels }
    public var byteCount: Int { pixels.count }

    /// Channel `channel` of the pixel at (x, y).
    public subscript(x: Int, y: Int, channel: Int) -> UInt8 {
        get { pixels[(y * width + x) * channels + channel] }
        set { pixels[(y * width + x) * channels + channel] = newValue }
    }

    // MARK: - Limits

    /// The largest image any kernel accepts: 1 gigapixel (3 GB of RGB).
    public static let maximumPixels = 1_000_000_000
    /// The largest width or height (JPEG's own limit).
    public static let maximumSide = 65_500

    static func checkSize(width: Int, height: Int, channels: Int) throws {
        guard channels == 1 || channels == 3 else {
            throw KernelError.invalidDimensions("images have 1 or 3 channels, not \(channels)")
        }
        guard width > 0, height > 0 else {
            throw KernelError.invalidDimensions("image size \(width)x\(height): width and height must be positive")
        }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw KernelError.invalidDimensions(
                "image size \(width)x\(height) is over the limit (\(maximumSide) pixels a side, \(maximumPixels / 1_000_000)MP in all)")
        }
    }
}
