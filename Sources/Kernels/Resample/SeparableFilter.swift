/// Applies a horizontal and a vertical `WeightTable` to an 8-bit image in one streaming pass.
///
/// Source rows are filtered horizontally (to `Float`, interleaved channels) into a ring of
/// `vertical.taps + 3` rows, each source row once, four rows at a time; each output row is then the weighted sum of
/// the ring rows its vertical window covers. Extra memory is that ring plus two rows, so a
/// resize needs little more than its source and its output.
enum SeparableFilter {
    /// What happens to a filtered row before it is stored.
    enum Finish {
        case store
        /// Unsharp mask: `source + amount × (source − filtered)`; needs an output the source's size.
        case unsharp(amount: Float)
    }

    /// Lanes of slack after every row buffer, for whole-vector loads and stores at row ends.
    private static let slack = 16

    static func apply(
        _ source: RasterImage, horizontal: WeightTable, vertical: WeightTable, finish: Finish = .store
    ) -> RasterImage {
        precondition(horizontal.sourceSize == source.width && vertical.sourceSize == source.height)
        let channels = source.channels
        let outWidth = horizontal.count
        let outHeight = vertical.count
        if case .unsharp = finish { precondition(outWidth == source.width && outHeight == source.height) }
        var output = RasterImage(uninitializedWidth: outWidth, height: outHeight, channels: channels)

        let sourceRowLength = source.width * channels
        let rowLength = outWidth * channels
        let stride = (rowLength + slack + 7) & ~7
        let taps = vertical.taps
        let ringRows = taps + 3
        let ring = UnsafeMutablePointer<Float>.allocate(capacity: ringRows * stride)
        ring.initialize(repeating: 0, count: ringRows * stride)
        let sourceRow = UnsafeMutablePointer<Float>.allocate(capacity: sourceRowLength + slack)
        sourceRow.initialize(repeating: 0, count: sourceRowLength + slack)
        let batch = UnsafeMutablePointer<Float>.allocate(capacity: 4 * (sourceRowLength + slack))
        batch.initialize(repeating: 0, count: 4 * (sourceRowLength + slack))
        let sum = UnsafeMutablePointer<Float>.allocate(capacity: stride)
        sum.initialize(repeating: 0, count: stride)
        let window = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: taps)
        defer {
            ring.deallocate()
            sourceRow.deallocate()
            batch.deallocate()
            sum.deallocate()
            window.deallocate()
        }

        source.pixels.withUnsafeBufferPointer { sourcePixels in
            output.pixels.withUnsafeMutableBufferPointer { outputPixels in
                horizontal.weights.withUnsafeBufferPointer { hWeights in
                    horizontal.starts.withUnsafeBufferPointer { hStarts in
                        vertical.weights.withUnsafeBufferPointer { vWeights in
                            let sourceBase = sourcePixels.baseAddress!
                            let outputBase = outputPixels.baseAddress!
                            var nextRow = vertical.starts.first ?? 0
                            for y in 0..<outHeight {
                                let start = vertical.starts[y]
                                nextRow = max(nextRow, start)
                                // Four rows at a time (running up to three rows ahead: the ring has room),
                                // so each weight is loaded once for four rows.
                                while nextRow < start + taps, channels == 3, nextRow + 4 <= source.height {
                                    for r in 0..<4 {
                                        let row = sourceBase + (nextRow + r) * sourceRowLength
                                        let converted = batch + r * (sourceRowLength + slack)
                                        for i in 0..<sourceRowLength { converted[i] = Float(row[i]) }
                                    }
                                    horizontalRGB4(
                                        batch, sourceRowLength + slack, ring, stride, nextRow, ringRows, outWidth,
                                        hStarts.baseAddress!, hWeights.baseAddress!, horizontal.taps)
                                    nextRow += 4
                                }
                                while nextRow < start + taps {
                                    let row = sourceBase + nextRow * sourceRowLength
                                    for i in 0..<sourceRowLength { sourceRow[i] = Float(row[i]) }
                                    let target = ring + (nextRow % ringRows) * stride
                                    if channels == 3 {
                                        horizontalRGB(sourceRow, target, outWidth, hStarts.baseAddress!, hWeights.baseAddress!, horizontal.taps)
                                    } else {
                                        horizontalGray(sourceRow, target, outWidth, hStarts.baseAddress!, hWeights.baseAddress!, horizontal.taps)
                                    }
                                    nextRow += 1
                                }
                                for k in 0..<taps {
                                    window[k] = UnsafePointer(ring + ((start + k) % ringRows) * stride)
                                }
                                verticalSum(window, vWeights.baseAddress! + y * taps, taps, sum, rowLength)
                                let target = outputBase + y * rowLength
                                switch finish {
                                case .store:
                                    store(sum, target, rowLength)
                                case .unsharp(let amount):
                                    unsharp(sum, sourceBase + y * sourceRowLength, target, rowLength, amount)
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    // MARK: - Passes

    /// One row of interleaved RGB: each output pixel is a 4-lane vector (the fourth lane is
    /// the next pixel's red, ignored: the next store overwrites it).
    @inline(__always)
    private static func horizontalRGB(
        _ source: UnsafeMutablePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int,
        _ starts: UnsafePointer<Int>, _ weights: UnsafePointer<Float>, _ taps: Int
    ) {
        let raw = UnsafeRawPointer(source)
        let out = UnsafeMutableRawPointer(target)
        for x in 0..<count {
            var p = starts[x] * 3 * MemoryLayout<Float>.stride
            let w = weights + x * taps
            var acc = SIMD4<Float>()
            for k in 0..<taps {
                acc += w[k] * raw.loadUnaligned(fromByteOffset: p, as: SIMD4<Float>.self)
                p += 3 * MemoryLayout<Float>.stride
            }
            out.storeBytes(of: acc, toByteOffset: x * 3 * MemoryLayout<Float>.stride, as: SIMD4<Float>.self)
        }
    }

    /// Four consecutive rows (`sources`, `sourceStride` floats apart) through the same
    /// weights, into their ring slots.
    @inline(__always)
    private static func horizontalRGB4(
        _ sources: UnsafeMutablePointer<Float>, _ sourceStride: Int, _ ring: UnsafeMutablePointer<Float>, _ ringStride: Int,
        _ firstRow: Int, _ ringRows: Int, _ count: Int,
        _ starts: UnsafePointer<Int>, _ weights: UnsafePointer<Float>, _ taps: Int
    ) {
        let floatSize = MemoryLayout<Float>.stride
        let s0 = UnsafeRawPointer(sources)
        let s1 = s0 + sourceStride * floatSize
        let s2 = s1 + sourceStride * floatSize
        let s3 = s2 + sourceStride * floatSize
        let o0 = UnsafeMutableRawPointer(ring + (firstRow % ringRows) * ringStride)
        let o1 = UnsafeMutableRawPointer(ring + ((firstRow + 1) % ringRows) * ringStride)
        let o2 = UnsafeMutableRawPointer(ring + ((firstRow + 2) % ringRows) * ringStride)
        let o3 = UnsafeMutableRawPointer(ring + ((firstRow + 3) % ringRows) * ringStride)
        for x in 0..<count {
            var p = starts[x] * 3 * floatSize
            let w = weights + x * taps
            var a0 = SIMD4<Float>()
            var a1 = SIMD4<Float>()
            var a2 = SIMD4<Float>()
            var a3 = SIMD4<Float>()
            for k in 0..<taps {
                let weight = SIMD4<Float>(repeating: w[k])
                a0 += weight * s0.loadUnaligned(fromByteOffset: p, as: SIMD4<Float>.self)
                a1 += weight * s1.loadUnaligned(fromByteOffset: p, as: SIMD4<Float>.self)
                a2 += weight * s2.loadUnaligned(fromByteOffset: p, as: SIMD4<Float>.self)
                a3 += weight * s3.loadUnaligned(fromByteOffset: p, as: SIMD4<Float>.self)
                p += 3 * floatSize
            }
            let q = x * 3 * floatSize
            o0.storeBytes(of: a0, toByteOffset: q, as: SIMD4<Float>.self)
            o1.storeBytes(of: a1, toByteOffset: q, as: SIMD4<Float>.self)
            o2.storeBytes(of: a2, toByteOffset: q, as: SIMD4<Float>.self)
            o3.storeBytes(of: a3, toByteOffset: q, as: SIMD4<Float>.self)
        }
    }

    @inline(__always)
    private static func horizontalGray(
        _ source: UnsafeMutablePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int,
        _ starts: UnsafePointer<Int>, _ weights: UnsafePointer<Float>, _ taps: Int
    ) {
        for x in 0..<count {
            let s = source + starts[x]
            let w = weights + x * taps
            var acc: Float = 0
            for k in 0..<taps { acc += w[k] * s[k] }
            target[x] = acc
        }
    }

    /// `sum[i] = Σ_k weights[k] × rows[k][i]`, eight lanes at a time (rows are padded).
    @inline(__always)
    private static func verticalSum(
        _ rows: UnsafeMutablePointer<UnsafePointer<Float>>, _ weights: UnsafePointer<Float>, _ taps: Int,
        _ sum: UnsafeMutablePointer<Float>, _ count: Int
    ) {
        let out = UnsafeMutableRawPointer(sum)
        var i = 0
        while i < count {
            var acc = SIMD8<Float>()
            let offset = i * MemoryLayout<Float>.stride
            for k in 0..<taps {
                acc += weights[k] * UnsafeRawPointer(rows[k]).loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            }
            out.storeBytes(of: acc, toByteOffset: offset, as: SIMD8<Float>.self)
            i += 8
        }
    }

    /// Float → UInt8, clamped, rounded to nearest: adding 1.5·2²³ puts the rounded integer in
    /// the low mantissa bits (no trapping conversion, so the loop vectorises).
    @inline(__always)
    private static func store(_ sum: UnsafeMutablePointer<Float>, _ target: UnsafeMutablePointer<UInt8>, _ count: Int) {
        for i in 0..<count {
            let v = min(max(sum[i], 0), 255) + 12_582_912
            target[i] = UInt8(truncatingIfNeeded: v.bitPattern)
        }
    }

    @inline(__always)
    private static func unsharp(
        _ blurred: UnsafeMutablePointer<Float>, _ source: UnsafePointer<UInt8>, _ target: UnsafeMutablePointer<UInt8>,
        _ count: Int, _ amount: Float
    ) {
        for i in 0..<count {
            let s = Float(source[i])
            let v = min(max(s + amount * (s - blurred[i]), 0), 255) + 12_582_912
            target[i] = UInt8(truncatingIfNeeded: v.bitPattern)
        }
    }
}
