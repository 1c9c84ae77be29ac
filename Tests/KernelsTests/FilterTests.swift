import Testing

@testable import Kernels

@Suite("Crop, grayscale, blur, sharpen")
struct FilterTests {
    let value: [UInt8] = [200, 31, 99]

    @Test("a constant image stays constant under crop, grayscale, blur and sharpen")
    func constantStaysConstant() throws {
        let image = TestImages.constant(width: 45, height: 33, value: value)
        #expect(TestImages.isConstant(try image.cropped(width: 20, height: 10, gravity: .east), value))
        #expect(TestImages.isConstant(try image.blurred(sigma: 2), value))
        #expect(TestImages.isConstant(try image.blurred(sigma: 30), value))
        #expect(TestImages.isConstant(try image.sharpened(sigma: 1, amount: 0.6), value))
        #expect(TestImages.isConstant(try image.sharpened(sigma: 3, amount: 5), value))
        let gray = TestImages.constant(width: 20, height: 20, value: [123, 123, 123]).grayscale()
        #expect(gray.channels == 1 && TestImages.isConstant(gray, [123]))
    }

    @Test("crop gravity places the box", arguments: [
        (Gravity.center, 20, 15), (.north, 20, 0), (.south, 20, 30), (.west, 0, 15), (.east, 40, 15),
    ])
    func cropGravity(gravity: Gravity, x: Int, y: Int) throws {
        let image = TestImages.gray(width: 60, height: 40) { x, y in Double(x + 3 * y) }
        let crop = try image.cropped(width: 20, height: 10, gravity: gravity)
        #expect(crop.width == 20 && crop.height == 10)
        #expect(crop[0, 0, 0] == image[x, y, 0])
        #expect(crop[19, 9, 0] == image[x + 19, y + 9, 0])
    }

    @Test("a crop box larger than the image is clipped to it")
    func cropClips() throws {
        let image = TestImages.constant(width: 30, height: 20)
        let crop = try image.cropped(width: 1080, height: 1080)
        #expect(crop.width == 30 && crop.height == 20)
        #expect(throws: KernelError.self) { try image.cropped(width: 0, height: 5) }
    }

    @Test("grayscale uses BT.601 luma")
    func grayscaleLuma() throws {
        let red = TestImages.constant(width: 2, height: 2, value: [255, 0, 0]).grayscale()
        let green = TestImages.constant(width: 2, height: 2, value: [0, 255, 0]).grayscale()
        let blue = TestImages.constant(width: 2, height: 2, value: [0, 0, 255]).grayscale()
        #expect(red[0, 0, 0] == 76 && green[0, 0, 0] == 150 && blue[0, 0, 0] == 29)
    }

    @Test("blur smooths an edge symmetrically; sharpen steepens it")
    func blurAndSharpenOnEdge() throws {
        let edge = TestImages.gray(width: 40, height: 9) { x, _ in x < 20 ? 60 : 180 }
        let blurred = try edge.blurred(sigma: 2)
        // Far from the edge nothing changes; at the edge the two sides meet half way.
        #expect(blurred[2, 4, 0] == 60 && blurred[37, 4, 0] == 180)
        let left = Int(blurred[19, 4, 0])
        let right = Int(blurred[20, 4, 0])
        #expect(left > 60 && right < 180 && abs((left - 60) - (180 - right)) <= 1)
        let sharpened = try edge.sharpened(sigma: 2, amount: 1)
        #expect(sharpened[19, 4, 0] < 60 && sharpened[20, 4, 0] > 180)
        #expect(try edge.sharpened(sigma: 2, amount: 0) == edge)
    }

    @Test("bad filter settings throw")
    func badSettings() {
        let image = TestImages.constant(width: 4, height: 4)
        #expect(throws: KernelError.self) { try image.blurred(sigma: 0) }
        #expect(throws: KernelError.self) { try image.sharpened(sigma: 1, amount: -1) }
    }
}
