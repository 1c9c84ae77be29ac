import Testing
@testable import Topology

// MARK: - Pixel boxes

struct PixelBoxSyntaxTests {
    static let boxes: [(text: String, width: Int, height: Int)] = [
        ("320x240", 320, 240), ("320\u{D7}240", 320, 240), ("320X240", 320, 240), (" 320 x 240 ", 320, 240),
        ("1x1", 1, 1), ("100000x100000", 100_000, 100_000), ("1_920x1_080", 1920, 1080), ("3e2x2", 300, 2),
    ]

    @Test(arguments: boxes)
    func parsesValidText(_ example: (text: String, width: Int, height: Int)) {
        #expect(PixelBoxParser.parse(example.text).syntaxValue == PixelBox(width: example.width, height: example.height))
    }

    static let errors: [(text: String, message: String, offset: Int)] = [
        ("", "empty pixel box: write one like `320x240`", 0),
        ("abc", "expected a pixel box like `320x240` but found `abc`", 0),
        ("320", "expected `x` and a height after `320`, like `320x240`", 3),
        ("320 by 240", "expected `x` between width and height, like `320x240`", 4),
        ("320x", "expected a height after `x`, like `320x240`", 4),
        ("320x240px", "unexpected `px` after `320x240`", 7),
        ("0x240", "width must be a whole number of pixels from 1 to 100000", 0),
        ("-5x240", "width must be a whole number of pixels from 1 to 100000", 0),
        ("320.5x240", "width must be a whole number of pixels from 1 to 100000", 0),
        ("320x100001", "height must be a whole number of pixels from 1 to 100000", 4),
        ("320x1e999", "height must be a whole number of pixels from 1 to 100000", 4),
        ("-x5", "expected digits after `-`", 1),
    ]

    @Test(arguments: errors)
    func reportsErrors(_ example: (text: String, message: String, offset: Int)) {
        #expect(PixelBoxParser.parse(example.text).syntaxError == SyntaxError(example.message, at: example.offset), "\(example.text)")
    }
}
