import Testing

@testable import Kernels

@Suite("Resize")
struct ResizeTests {
    @Test("a constant image stays constant under every filter", arguments: ResampleFilter.allCases)
    func constantStaysConstant(filter: ResampleFilter) throws {
        let value: [UInt8] = [17, 128, 243]
        let image = TestImages.constant(width: 97, height: 61, value: value)
        for (w, h) in [(40, 25), (31, 19), (97, 30), (150, 90), (1, 1), (3, 200)] {
            let resized = try image.resized(width: w, height: h, filter: filter)
            #expect(resized.width == w && resized.height == h)
            #expect(TestImages.isConstant(resized, value), "\(filter) to \(w)x\(h)")
        }
        let gray = TestImages.constant(width: 50, height: 40, channels: 1, value: [77])
        #expect(TestImages.isConstant(try gray.resized(width: 21, height: 13, filter: filter), [77]))
    }

    @Test("box downscale by 2 is the mean of each 2×2 block")
    func boxHalvesToBlockMeans() throws {
        var random = SplitMix64(seed: 7)
        let (w, h) = (64, 48)
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for i in pixels.indices { pixels[i] = UInt8(truncatingIfNeeded: random.next()) }
        let image = try RasterImage(width: w, height: h, channels: 3, pixels: pixels)
        let half = try image.resized(width: w / 2, height: h / 2, filter: .box)
        var worst = 0.0
        for y in 0..<h / 2 {
            for x in 0..<w / 2 {
                for c in 0..<3 {
                    let sum = [(0, 0), (1, 0), (0, 1), (1, 1)].reduce(0.0) { $0 + Double(image[2 * x + $1.0, 2 * y + $1.1, c]) }
                    worst = max(worst, abs(Double(half[x, y, c]) - sum / 4))
                }
            }
        }
        #expect(worst <= 0.5 + 1e-6, "largest difference from the 2×2 mean: \(worst)")
    }

    @Test("Lanczos3 keeps a linear gradient linear away from the borders", arguments: [(400, 200), (400, 147), (300, 420)])
    func lanczosOnGradient(source: Int, target: Int) throws {
        let slope = 150.0 / Double(source)
        let image = TestImages.gray(width: source, height: 12) { x, y in 50 + slope * (Double(x) + 0.5) + Double(y) }
        let resized = try image.resized(width: target, height: 12, filter: .lanczos3)
        let scale = Double(target) / Double(source)
        let margin = Int((4 / min(scale, 1)).rounded(.up)) + 1
        var worst = 0.0
        for x in margin..<(target - margin) {
            let center = (Double(x) + 0.5) / scale
            for y in 4..<8 {
                let expected = 50 + slope * center + Double(y)
                worst = max(worst, abs(Double(resized[x, y, 0]) - expected))
            }
        }
        #expect(worst <= 1.0, "largest error \(worst) for \(source) → \(target)")
    }

    @Test("megapixel targets keep the aspect ratio and land within a pixel")
    func megapixelTargets() throws {
        for (w, h) in [(6000, 4000), (4032, 3024), (1999, 3001), (5000, 1200), (640, 480)] {
            for megapixels in [0.05, 0.3, 1, 2.5] where megapixels * 1e6 < Double(w * h) {
                let plan = try ResizePlan.plan(width: w, height: h, target: .megapixels(megapixels), fit: .contain)
                // The aspect ratio as close as whole pixels allow: the short side within one
                // pixel of the long side divided by the source's aspect ratio.
                let (long, short) = w >= h ? (plan.width, plan.height) : (plan.height, plan.width)
                let aspect = Double(max(w, h)) / Double(min(w, h))
                #expect(abs(Double(short) - Double(long) / aspect) <= 1, "\(w)x\(h) → \(plan)")
                // Each side within one pixel of the exactly scaled side.
                let scale = (megapixels * 1e6 / Double(w * h)).squareRoot()
                #expect(abs(Double(plan.width) - Double(w) * scale) <= 1 && abs(Double(plan.height) - Double(h) * scale) <= 1)
                // Area within one row plus one column of the target.
                let area = Double(plan.width * plan.height)
                #expect(abs(area - megapixels * 1e6) <= Double(plan.width + plan.height), "\(w)x\(h) → \(plan)")
            }
        }
    }

    @Test("a real resize to a megapixel target has the planned size")
    func resizeToMegapixels() throws {
        let image = try SyntheticImage.make(width: 300, height: 200, seed: 3)
        let resized = try image.resized(to: .megapixels(0.02), filter: .lanczos3)
        #expect(abs(Double(resized.width * resized.height) - 20_000) <= Double(resized.width + resized.height))
        #expect(abs(Double(resized.width) / Double(resized.height) - 1.5) < 0.02)
    }

    @Test("images are never enlarged")
    func noEnlargement() throws {
        let plan = try ResizePlan.plan(width: 300, height: 200, target: .megapixels(10), fit: .contain)
        #expect(plan == ResizePlan(scaledWidth: 300, scaledHeight: 200, x: 0, y: 0, width: 300, height: 200))
        let box = try ResizePlan.plan(width: 300, height: 200, target: .box(width: 2048, height: 2048), fit: .contain)
        #expect(box.width == 300 && box.height == 200)
    }

    @Test("contain fits inside the box, cover fills it and crops the middle")
    func boxFits() throws {
        let contain = try ResizePlan.plan(width: 6000, height: 4000, target: .box(width: 320, height: 320), fit: .contain)
        #expect(contain.width == 320 && contain.height == 213)
        let cover = try ResizePlan.plan(width: 6000, height: 4000, target: .box(width: 320, height: 320), fit: .cover)
        #expect(cover.scaledWidth == 480 && cover.scaledHeight == 320)
        #expect(cover.width == 320 && cover.height == 320 && cover.x == 80 && cover.y == 0)
        let tall = try ResizePlan.plan(width: 1000, height: 3000, target: .box(width: 400, height: 400), fit: .cover)
        #expect(tall.width == 400 && tall.height == 400 && tall.x == 0 && tall.y == 400)
    }

    @Test("cover equals a full resize followed by a centre crop")
    func coverMatchesResizeThenCrop() throws {
        let image = try SyntheticImage.make(width: 240, height: 160, seed: 11)
        let cover = try image.resized(to: .box(width: 60, height: 60), filter: .lanczos3, fit: .cover)
        let full = try image.resized(width: 90, height: 60, filter: .lanczos3)
        let cropped = try full.cropped(width: 60, height: 60, gravity: .center)
        #expect(cover == cropped)
    }

    @Test("every output row and column weights sum to 1", arguments: ResampleFilter.allCases)
    func weightsAreNormalised(filter: ResampleFilter) {
        for (from, to) in [(100, 37), (37, 100), (5, 4), (1000, 3)] {
            let table = WeightTable.resample(sourceSize: from, scaledSize: to, filter: filter)
            for i in 0..<table.count {
                let sum = table.weights[i * table.taps..<(i + 1) * table.taps].reduce(0, +)
                #expect(abs(sum - 1) < 1e-5)
                #expect(table.starts[i] >= 0 && table.starts[i] + table.taps <= from)
                if i > 0 { #expect(table.starts[i] >= table.starts[i - 1]) }
            }
        }
    }
}
