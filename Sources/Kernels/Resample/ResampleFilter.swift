import Foundation

/// Resampling filters, as the kernel language names them.
public enum ResampleFilter: String, Sendable, Hashable, Codable, CaseIterable {
    /// Windowed sinc, three lobes: sharp, the usual choice for photographs.
    case lanczos3
    /// Linear interpolation (a triangle filter when reducing).
    case bilinear
    /// Area average: each output pixel is the mean of the source pixels it covers.
    case box

    /// Half-width of the filter in source pixels at scale 1.
    var support: Double {
        switch self {
        case .lanczos3: 3
        case .bilinear: 1
        case .box: 0.5
        }
    }

    /// The filter's value at distance `x` (in output-pixel units).
    func weight(_ x: Double) -> Double {
        switch self {
        case .lanczos3:
            if x == 0 { return 1 }
            guard abs(x) < 3 else { return 0 }
            let px = Double.pi * x
            return 3 * sin(px) * sin(px / 3) / (px * px)
        case .bilinear:
            let a = abs(x)
            return a < 1 ? 1 - a : 0
        case .box:
            // Half-open, so a pixel on the boundary between two outputs is counted once.
            return x > -0.5 && x <= 0.5 ? 1 : 0
        }
    }
}
