import CTurboJPEG

/// JPEG decoding and encoding through TurboJPEG (libjpeg-turbo).
public enum JPEG {
    /// What a JPEG's header says, read without decoding the pixels.
    public struct Header: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// 1 for grayscale JPEGs, 3 for everything decoded to RGB.
        public var channels: Int
    }

    /// libjpeg-turbo's version, e.g. "2.1.5" (from the headers archsim was built with).
    public static var libraryVersion: String {
        let number = Int(archsim_libjpeg_turbo_version_number())
        return "\(number / 1_000_000).\(number / 1000 % 1000).\(number % 1000)"
    }

    // MARK: - Decode

    /// Reads the header and checks the size before anything is allocated.
    public static func header(_ data: [UInt8]) throws -> Header {
        let handle = try makeHandle(decompress: true)
        defer { tjDestroy(handle) }
        return try readHeader(handle, data)
    }

    /// Decodes to 8-bit RGB (or gray, for grayscale JPEGs). Truncated or corrupt data throws:
    /// libjpeg-turbo's warnings ("premature end of data") are errors here.
    public static func decode(_ data: [UInt8]) throws -> RasterImage {
        let handle = try makeHandle(decompress: true)
        defer { tjDestroy(handle) }
        let header = try readHeader(handle, data)
        var image = RasterImage(uninitializedWidth: header.width, height: header.height, channels: header.channels)
        let format = header.channels == 1 ? TJPF_GRAY : TJPF_RGB
        let status = data.withUnsafeBufferPointer { source in
            image.pixels.withUnsafeMutableBufferPointer { target in
                tjDecompress2(
                    handle, source.baseAddress, UInt(source.count), target.baseAddress,
                    Int32(header.width), 0, Int32(header.height), Int32(format.rawValue), TJFLAG_STOPONWARNING)
            }
        }
        guard status == 0 else {
            throw KernelError.invalidImage("JPEG data is truncated or corrupt (\(errorText(handle)))")
        }
        return image
    }

    // MARK: - Encode

    /// Chroma subsampling of an encoded JPEG.
    public enum Subsampling: Sendable {
        /// 4:4:4 at quality 90 and above, 4:2:0 below (libvips' rule).
        case automatic
        case s444
        case s420
    }

    /// Encodes at `quality` (1…100); gray images have no chroma to subsample.
    public static func encode(_ image: RasterImage, quality: Int, subsampling: Subsampling = .automatic) throws -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw KernelError.invalidPipeline("JPEG quality is 1 to 100, not \(quality)")
        }
        try RasterImage.checkSize(width: image.width, height: image.height, channels: image.channels)
        let handle = try makeHandle(decompress: false)
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let gray = image.channels == 1
        let fullChroma = subsampling == .s444 || (subsampling == .automatic && quality >= 90)
        let chroma = gray ? TJSAMP_GRAY : fullChroma ? TJSAMP_444 : TJSAMP_420
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(
                handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height),
                Int32((gray ? TJPF_GRAY : TJPF_RGB).rawValue), &buffer, &size,
                Int32(chroma.rawValue), Int32(quality), 0)
        }
        defer { if let buffer { tjFree(buffer) } }
        guard status == 0, let buffer else {
            throw KernelError.codec("JPEG encoding of a \(image.width)x\(image.height) image failed (\(errorText(handle)))")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    // MARK: - Helpers

    private static func makeHandle(decompress: Bool) throws -> tjhandle {
        guard let handle = decompress ? tjInitDecompress() : tjInitCompress() else {
            throw KernelError.codec("can't create a TurboJPEG handle")
        }
        return handle
    }

    private static func readHeader(_ handle: tjhandle, _ data: [UInt8]) throws -> Header {
        guard !data.isEmpty else { throw KernelError.invalidImage("no data (0 bytes)") }
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else {
            throw KernelError.invalidImage("not a JPEG: it doesn't start with the SOI marker FF D8 (\(data.count) bytes)")
        }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let status = data.withUnsafeBufferPointer {
            tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
        }
        guard status == 0 else {
            throw KernelError.invalidImage("can't read the JPEG header (\(errorText(handle)))")
        }
        guard width > 0, height > 0 else {
            throw KernelError.invalidDimensions("the JPEG header claims \(width)x\(height) pixels")
        }
        guard Int(width) <= RasterImage.maximumSide, Int(height) <= RasterImage.maximumSide,
            Int(width) * Int(height) <= RasterImage.maximumPixels
        else {
            throw KernelError.invalidDimensions(
                "the JPEG header claims \(width)x\(height) pixels, over the limit of \(RasterImage.maximumSide) a side and \(RasterImage.maximumPixels / 1_000_000)MP")
        }
        if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
            throw KernelError.unsupportedFormat("CMYK JPEG (\(width)x\(height)): not supported, only RGB and gray JPEGs")
        }
        let gray = colorspace == Int32(TJCS_GRAY.rawValue)
        return Header(width: Int(width), height: Int(height), channels: gray ? 1 : 3)
    }

    private static func errorText(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}
