@testable import Kernels

/// Small images for the tests (debug builds are slow: keep them small).
enum TestImages {
    static func constant(width: Int, height: Int, channels: Int = 3, value: [UInt8] = [90, 140, 200]) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for i in 0..<width * height {
            for c in 0..<channels { pixels[i * channels + c] = value[c % value.count] }
        }
        return try! RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Gray image whose value is `f(x, y)`, rounded.
    static func gray(width: Int, height: Int, _ f: (Int, Int) -> Double) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { pixels[y * width + x] = UInt8(min(max(f(x, y).rounded(), 0), 255)) }
        }
        return try! RasterImage(width: width, height: height, channels: 1, pixels: pixels)
    }

    static func isConstant(_ image: RasterImage, _ value: [UInt8]) -> Bool {
        for i in 0..<image.width * image.height {
            for c in 0..<image.channels where image.pixels[i * image.channels + c] != value[c % value.count] {
                return false
            }
        }
        return true
    }

    /// Peak signal-to-noise ratio in dB between two images of the same shape.
    static func psnr(_ a: RasterImage, _ b: RasterImage) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        var squared = 0.0
        for (p, q) in zip(a.pixels, b.pixels) {
            let d = Double(p) - Double(q)
            squared += d * d
        }
        let mse = squared / Double(a.pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}

import Foundation
