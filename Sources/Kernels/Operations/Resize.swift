import Foundation

/// A resize target: a resolution (aspect ratio kept) or a box.
public enum ResizeTarget: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Scale so that width × height is this many megapixels.
    case megapixels(Double)
    /// Fit in (`contain`) or fill (`cover`) a box of this many pixels.
    case box(width: Int, height: Int)

    public var description: String {
        switch self {
        case .megapixels(let mp): "\(KernelText.number(mp))MP"
        case .box(let width, let height): "\(width)x\(height)"
        }
    }
}

/// How an image meets a box target.
public enum ResizeFit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Scale to fit inside the box; the aspect ratio is kept, one side may be shorter.
    case contain
    /// Scale to fill the box, then crop the overflow equally from both sides.
    case cover
}

/// The geometry of one resize: the scaled size and the part of it kept.
public struct ResizePlan: Sendable, Equatable {
    /// The whole image after scaling.
    public var scaledWidth: Int
    public var scaledHeight: Int
    /// The kept window of the scaled image (all of it unless `fit: cover` crops).
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Where `target` takes a `width × height` image. Images are never enlarged: a target
    /// larger than the source keeps the source's size (derivatives are never upscaled).
    public static func plan(width: Int, height: Int, target: ResizeTarget, fit: ResizeFit) throws -> ResizePlan {
        let w = Double(width)
        let h = Double(height)
        switch target {
        case .megapixels(let megapixels):
            guard megapixels > 0, megapixels.isFinite else {
                throw KernelError.invalidDimensions("a resize target must be a positive number of megapixels, not \(megapixels)")
            }
            let scale = min(1, (megapixels * 1e6 / (w * h)).squareRoot())
            let sw = max(1, Int((w * scale).rounded()))
            let sh = max(1, Int((h * scale).rounded()))
            return ResizePlan(scaledWidth: sw, scaledHeight: sh, x: 0, y: 0, width: sw, height: sh)
        case .box(let boxWidth, let boxHeight):
            guard boxWidth > 0, boxHeight > 0 else {
                throw KernelError.invalidDimensions("a resize box must have a positive size, not \(boxWidth)x\(boxHeight)")
            }
            let bw = Double(boxWidth)
            let bh = Double(boxHeight)
            switch fit {
            case .contain:
                let scale = min(1, bw / w, bh / h)
                let sw = min(boxWidth, max(1, Int((w * scale).rounded())))
                let sh = min(boxHeight, max(1, Int((h * scale).rounded())))
                let fitsAlready = scale == 1
                return fitsAlready
                    ? ResizePlan(scaledWidth: width, scaledHeight: height, x: 0, y: 0, width: width, height: height)
                    : ResizePlan(scaledWidth: sw, scaledHeight: sh, x: 0, y: 0, width: sw, height: sh)
            case .cover:
                let scale = min(1, max(bw / w, bh / h))
                let sw = max(1, Int((w * scale).rounded()))
                let sh = max(1, Int((h * scale).rounded()))
                let keptWidth = min(boxWidth, sw)
                let keptHeight = min(boxHeight, sh)
                return ResizePlan(
                    scaledWidth: sw, scaledHeight: sh, x: (sw - keptWidth) / 2, y: (sh - keptHeight) / 2,
                    width: keptWidth, height: keptHeight)
            }
        }
    }
}

extension RasterImage {
    /// Resizes with `filter` (separable, weights computed once per output row and column).
    public func resized(to target: ResizeTarget, filter: ResampleFilter = .lanczos3, fit: ResizeFit = .contain) throws -> RasterImage {
        let plan = try ResizePlan.plan(width: width, height: height, target: target, fit: fit)
        return resized(plan, filter: filter)
    }

    /// Resizes to exactly `width × height` (the aspect ratio is the caller's business).
    public func resized(width newWidth: Int, height newHeight: Int, filter: ResampleFilter = .lanczos3) throws -> RasterImage {
        try RasterImage.checkSize(width: newWidth, height: newHeight, channels: channels)
        return resized(
            ResizePlan(scaledWidth: newWidth, scaledHeight: newHeight, x: 0, y: 0, width: newWidth, height: newHeight),
            filter: filter)
    }

    func resized(_ plan: ResizePlan, filter: ResampleFilter) -> RasterImage {
        if plan.scaledWidth == width, plan.scaledHeight == height {
            return plan.width == width && plan.height == height
                ? self : cropped(x: plan.x, y: plan.y, width: plan.width, height: plan.height)
        }
        let horizontal = WeightTable.resample(
            sourceSize: width, scaledSize: plan.scaledWidth, offset: plan.x, count: plan.width, filter: filter)
        let vertical = WeightTable.resample(
            sourceSize: height, scaledSize: plan.scaledHeight, offset: plan.y, count: plan.height, filter: filter)
        return SeparableFilter.apply(self, horizontal: horizontal, vertical: vertical)
    }
}

/// Number formatting shared by descriptions (no trailing `.0`, stable across platforms).
enum KernelText {
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
