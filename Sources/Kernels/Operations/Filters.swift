/// Where a crop keeps its box.
public enum Gravity: String, Sendable, Hashable, Codable, CaseIterable {
    case center, north, south, east, west
}

extension RasterImage {
    // MARK: - Crop

    /// The `width × height` box placed by `gravity`; a box larger than the image is clipped to it.
    public func cropped(width boxWidth: Int, height boxHeight: Int, gravity: Gravity = .center) throws -> RasterImage {
        guard boxWidth > 0, boxHeight > 0 else {
            throw KernelError.invalidDimensions("a crop box must have a positive size, not \(boxWidth)x\(boxHeight)")
        }
        let w = min(boxWidth, width)
        let h = min(boxHeight, height)
        let x: Int
        let y: Int
        switch gravity {
        case .center: (x, y) = ((width - w) / 2, (height - h) / 2)
        case .north: (x, y) = ((width - w) / 2, 0)
        case .south: (x, y) = ((width - w) / 2, height - h)
        case .west: (x, y) = (0, (height - h) / 2)
        case .east: (x, y) = (width - w, (height - h) / 2)
        }
        return cropped(x: x, y: y, width: w, height: h)
    }

    func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RasterImage {
        precondition(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height)
        if x == 0, y == 0, w == width, h == height { return self }
        var output = RasterImage(uninitializedWidth: w, height: h, channels: channels)
        let rowLength = w * channels
        pixels.withUnsafeBufferPointer { source in
            output.pixels.withUnsafeMutableBufferPointer { target in
                for row in 0..<h {
                    let from = source.baseAddress! + ((y + row) * width + x) * channels
                    (target.baseAddress! + row * rowLength).update(from: from, count: rowLength)
                }
            }
        }
        return output
    }

    // MARK: - Grayscale

    /// Luma by ITU-R BT.601 (`0.299 R + 0.587 G + 0.114 B`, as libjpeg and Pillow): one channel.
    public func grayscale() -> RasterImage {
        if channels == 1 { return self }
        var output = RasterImage(uninitializedWidth: width, height: height, channels: 1)
        let count = width * height
        pixels.withUnsafeBufferPointer { source in
            output.pixels.withUnsafeMutableBufferPointer { target in
                let s = source.baseAddress!
                let t = target.baseAddress!
                for i in 0..<count {
                    let r = UInt32(s[3 * i])
                    let g = UInt32(s[3 * i + 1])
                    let b = UInt32(s[3 * i + 2])
                    // Weights sum to 65536, so a gray pixel keeps its exact value.
                    t[i] = UInt8(truncatingIfNeeded: (r * 19595 + g * 38470 + b * 7471 + 32768) >> 16)
                }
            }
        }
        return output
    }

    // MARK: - Blur and sharpen

    /// Gaussian blur of standard deviation `sigma` pixels (separable, truncated at 3σ, edges
    /// handled by renormalising the clipped kernel).
    public func blurred(sigma: Double) throws -> RasterImage {
        try RasterImage.checkSigma(sigma)
        return SeparableFilter.apply(
            self, horizontal: .gaussian(size: width, sigma: sigma), vertical: .gaussian(size: height, sigma: sigma))
    }

    /// Unsharp mask: `image + amount × (image − gaussian(image, sigma))`, per channel.
    public func sharpened(sigma: Double, amount: Double) throws -> RasterImage {
        try RasterImage.checkSigma(sigma)
        guard amount >= 0, amount.isFinite else {
            throw KernelError.invalidPipeline("sharpen amount must be 0 or more, not \(amount)")
        }
        return SeparableFilter.apply(
            self, horizontal: .gaussian(size: width, sigma: sigma), vertical: .gaussian(size: height, sigma: sigma),
            finish: .unsharp(amount: Float(amount)))
    }

    private static func checkSigma(_ sigma: Double) throws {
        guard sigma > 0, sigma <= 1000 else {
            throw KernelError.invalidPipeline("blur sigma must be over 0 and at most 1000 pixels, not \(sigma)")
        }
    }
}
