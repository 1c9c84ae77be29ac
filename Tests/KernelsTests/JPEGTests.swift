import Testing

@testable import Kernels

@Suite("JPEG")
struct JPEGTests {
    @Test("decode/encode round trip at quality 95 keeps PSNR over 40 dB", arguments: [(160, 120, 1), (97, 61, 2), (256, 170, 3)])
    func roundTrip(width: Int, height: Int, seed: UInt64) throws {
        let image = try SyntheticImage.make(width: width, height: height, seed: seed)
        let data = try JPEG.encode(image, quality: 95)
        let header = try JPEG.header(data)
        #expect(header == JPEG.Header(width: width, height: height, channels: 3))
        let decoded = try JPEG.decode(data)
        #expect(decoded.width == width && decoded.height == height && decoded.channels == 3)
        let psnr = TestImages.psnr(image, decoded)
        #expect(psnr > 40, "PSNR \(psnr) dB")
    }

    @Test("gray images stay gray through JPEG")
    func grayRoundTrip() throws {
        let image = TestImages.gray(width: 64, height: 48) { x, y in Double(2 * x + y) }
        let decoded = try JPEG.decode(JPEG.encode(image, quality: 95))
        #expect(decoded.channels == 1 && TestImages.psnr(image, decoded) > 40)
    }

    @Test("synthetic images are deterministic and photo-like")
    func syntheticDeterminism() throws {
        let a = try SyntheticImage.make(width: 120, height: 80, seed: 9)
        #expect(a == (try SyntheticImage.make(width: 120, height: 80, seed: 9)))
        #expect(a != (try SyntheticImage.make(width: 120, height: 80, seed: 10)))
        #expect(Set(a.pixels).count > 100)  // not flat
        #expect(SyntheticImage.size(megapixels: 24) == (6000, 4000))
    }

    // MARK: - Bad input

    static func smallJPEG() throws -> [UInt8] {
        try SyntheticImage.jpeg(width: 64, height: 48, seed: 5, quality: 80)
    }

    /// `data` with its SOF0 frame claiming `width × height`.
    static func withFrameSize(_ data: [UInt8], width: Int, height: Int) -> [UInt8] {
        var data = data
        for i in 0..<(data.count - 9) where data[i] == 0xFF && data[i + 1] == 0xC0 {
            data[i + 5] = UInt8(height >> 8)
            data[i + 6] = UInt8(height & 0xFF)
            data[i + 7] = UInt8(width >> 8)
            data[i + 8] = UInt8(width & 0xFF)
            return data
        }
        Issue.record("no SOF0 marker")
        return data
    }

    @Test("bad data throws a KernelError with a message, never crashes")
    func badData() throws {
        let good = try Self.smallJPEG()
        var garbage = SplitMix64(seed: 1)
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("garbage", (0..<2000).map { _ in UInt8(truncatingIfNeeded: garbage.next()) }),
            ("garbage after SOI", [0xFF, 0xD8] + (0..<2000).map { _ in UInt8(truncatingIfNeeded: garbage.next()) }),
            ("truncated header", Array(good.prefix(40))),
            ("truncated data", Array(good.prefix(good.count * 2 / 3))),
            ("no end", Array(good.dropLast(2))),
            ("zero size", Self.withFrameSize(good, width: 0, height: 48)),
            ("65535x65535", Self.withFrameSize(good, width: 65535, height: 65535)),
            ("over a gigapixel", Self.withFrameSize(good, width: 40000, height: 40000)),
        ]
        for (name, data) in cases {
            do {
                _ = try JPEG.decode(data)
                Issue.record("\(name): decoded without an error")
            } catch let error as KernelError {
                #expect(!error.description.isEmpty, "\(name)")
            }
        }
        #expect(throws: KernelError.invalidDimensions(
            "the JPEG header claims 40000x40000 pixels, over the limit of 65500 a side and 1000MP")) {
            try JPEG.header(Self.withFrameSize(good, width: 40000, height: 40000))
        }
    }

    @Test("the truncated JPEG's error says so")
    func truncatedMessage() throws {
        let good = try Self.smallJPEG()
        do {
            _ = try JPEG.decode(Array(good.prefix(good.count / 2)))
            Issue.record("decoded a truncated JPEG")
        } catch let error as KernelError {
            guard case .invalidImage(let message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(message.contains("truncated or corrupt"))
        }
    }

    @Test("bad sizes and qualities are refused before encoding")
    func badEncode() throws {
        #expect(throws: KernelError.self) { try RasterImage(width: 0, height: 10, channels: 3) }
        #expect(throws: KernelError.self) { try RasterImage(width: 10, height: 10, channels: 2) }
        #expect(throws: KernelError.self) { try RasterImage(width: 10, height: 10, channels: 3, pixels: [1, 2, 3]) }
        #expect(throws: KernelError.self) { try JPEG.encode(TestImages.constant(width: 4, height: 4), quality: 0) }
    }

    @Test("the library version is libjpeg-turbo's")
    func version() {
        let parts = JPEG.libraryVersion.split(separator: ".")
        #expect(parts.count == 3 && Int(parts[0])! >= 2)
    }
}
