import Foundation

/// Deterministic photo-like test images: a lit background gradient, shapes with hard edges
/// and their own shading, a fine texture and sensor-like noise. The same (size, seed) gives
/// the same pixels on every run, so every tool in a benchmark reads the same JPEG.
public enum SyntheticImage {
    /// An RGB image of `width × height` from `seed`.
    public static func make(width: Int, height: Int, seed: UInt64) throws -> RasterImage {
        try RasterImage.checkSize(width: width, height: height, channels: 3)
        var random = SplitMix64(seed: seed)
        let shapes = (0..<14).map { _ in Shape(&random, width: width, height: height) }
        // Separable texture: a product of two sines, tabulated once per column and row.
        let fx = 0.15 + 0.35 * random.unit()
        let fy = 0.15 + 0.35 * random.unit()
        let textureX = (0..<width).map { Float(sin(Double($0) * fx)) }
        let textureY = (0..<height).map { Float(sin(Double($0) * fy)) }
        // Sensor-like noise: mostly luminance (shared by the channels), a little chroma.
        let lumaNoise = 3
        let chromaNoise = 1

        var image = RasterImage(uninitializedWidth: width, height: height, channels: 3)
        let rowLength = width * 3
        var row = [Float](repeating: 0, count: rowLength)
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<height {
                let v = Float(y) / Float(height)
                // Background: sky-like gradient top to bottom, warmer to the right.
                for x in 0..<width {
                    let u = Float(x) / Float(width)
                    let t = 10 * textureX[x] * textureY[y]
                    row[3 * x] = 70 + 110 * v + 40 * u + t
                    row[3 * x + 1] = 110 + 60 * u - 30 * v + t
                    row[3 * x + 2] = 210 - 140 * v + t
                }
                for shape in shapes { shape.paint(&row, y: y, width: width) }
                let target = pixels.baseAddress! + y * rowLength
                for x in 0..<width {
                    let bits = random.next()
                    let luma = Int(bits & 0xFFFF) % (2 * lumaNoise + 1) - lumaNoise
                    for c in 0..<3 {
                        let chroma = Int((bits >> (16 * UInt64(c + 1))) & 0xFFFF) % (2 * chromaNoise + 1) - chromaNoise
                        let value = Int(row[3 * x + c]) + luma + chroma
                        target[3 * x + c] = UInt8(min(max(value, 0), 255))
                    }
                }
            }
        }
        return image
    }

    /// The synthetic image encoded as JPEG at `quality` with 4:2:0 chroma, as cameras and
    /// phones write them: the input of calibrations and benchmarks.
    public static func jpeg(width: Int, height: Int, seed: UInt64, quality: Int = 90) throws -> [UInt8] {
        try JPEG.encode(make(width: width, height: height, seed: seed), quality: quality, subsampling: .s420)
    }

    /// Width and height of a 3:2 image of about `megapixels`.
    public static func size(megapixels: Double) -> (width: Int, height: Int) {
        let width = max(1, Int((megapixels * 1e6 * 1.5).squareRoot().rounded()))
        let height = max(1, Int((Double(width) / 1.5).rounded()))
        return (width, height)
    }

    // MARK: - Shapes

    /// A disc or a rectangle with a flat colour plus a linear shade across it.
    private struct Shape {
        var isDisc: Bool
        var cx: Float, cy: Float, rx: Float, ry: Float
        var color: SIMD3<Float>
        var shade: Float

        init(_ random: inout SplitMix64, width: Int, height: Int) {
            isDisc = random.unit() < 0.5
            cx = Float(random.unit()) * Float(width)
            cy = Float(random.unit()) * Float(height)
            let size = Float(min(width, height))
            rx = size * Float(0.04 + 0.25 * random.unit())
            ry = isDisc ? rx : size * Float(0.04 + 0.25 * random.unit())
            color = SIMD3(Float(random.unit() * 255), Float(random.unit() * 255), Float(random.unit() * 255))
            shade = Float(random.unit() * 60 - 30)
        }

        /// Paints this shape's span on row `y`, with edges about two pixels soft (a lens is
        /// never perfectly sharp).
        func paint(_ row: inout [Float], y: Int, width: Int) {
            let dy = Float(y) + 0.5 - cy
            guard abs(dy) < ry + 1 else { return }
            let half: Float
            let alphaY: Float
            if isDisc {
                half = (max(0, rx * rx - dy * dy)).squareRoot()
                alphaY = 1
            } else {
                half = rx
                alphaY = min(max((ry - abs(dy)) / 2 + 0.5, 0), 1)
            }
            let from = max(0, Int((cx - half - 1).rounded(.down)))
            let to = min(width, Int((cx + half + 1).rounded(.up)))
            guard from < to, alphaY > 0 else { return }
            for x in from..<to {
                let dx = Float(x) + 0.5 - cx
                let alpha = alphaY * min(max((half - abs(dx)) / 2 + 0.5, 0), 1)
                guard alpha > 0 else { continue }
                let s = shade * (dx / max(half, 1) * 0.5) + shade * dy / ry * 0.5
                for c in 0..<3 {
                    row[3 * x + c] += alpha * (color[c] + s - row[3 * x + c])
                }
            }
        }
    }
}
