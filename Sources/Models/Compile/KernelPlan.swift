import Kernels
import Topology

/// A topology's `kernels:` section as runnable `KernelPipeline`s.
///
/// The language has already checked every value (types, ranges, choices); what is left to
/// check here is how the steps fit together (decode first, encode last), which
/// `KernelPipeline` decides.
package struct KernelPlan: Sendable {
    package struct Kernel: Sendable {
        package var name: String
        package var location: SourceLocation
        package var pipeline: KernelPipeline

        /// Its key in a calibration profile: `name@hash` of the definition.
        package var profileKey: String { pipeline.profileKey(name: name) }
    }

    package struct Invalid: Error, Sendable {
        package var diagnostics: [Diagnostic]
    }

    /// In the order the file defines them.
    package var kernels: [Kernel]

    package func kernel(_ name: String) -> Kernel? { kernels.first { $0.name == name } }

    package static func compile(_ topology: Topology) throws(Invalid) -> KernelPlan {
        var kernels: [Kernel] = []
        var problems: [Diagnostic] = []
        for entry in topology.kernels {
            var operations: [KernelOperation] = []
            var readable = true
            for step in entry.value.elements {
                do {
                    operations.append(try operation(step))
                } catch {
                    problems.append(.error(error.message, at: error.location))
                    readable = false
                }
            }
            guard readable else { continue }
            do {
                kernels.append(Kernel(name: entry.key, location: entry.keyLocation, pipeline: try KernelPipeline(operations)))
            } catch {
                problems.append(.error("kernel `\(entry.key)`: \(error)", at: entry.keyLocation))
            }
        }
        guard problems.isEmpty else { throw Invalid(diagnostics: problems) }
        return KernelPlan(kernels: kernels)
    }

    // MARK: - Steps

    private struct StepProblem: Error {
        var message: String
        var location: SourceLocation
    }

    private static func operation(_ step: Value) throws(StepProblem) -> KernelOperation {
        func problem(_ message: String, _ value: Value? = nil) -> StepProblem {
            StepProblem(message: message, location: (value ?? step).location)
        }
        func format(_ value: Value?) throws(StepProblem) -> ImageFormat {
            guard let text = value?.text, let format = ImageFormat(rawValue: text) else {
                throw problem("unknown image format", value)
            }
            // The language names PNG and WebP so topologies can say what they mean, but the
            // codecs are JPEG only: refuse here, at the value, rather than when a run or a
            // calibration first decodes an image.
            guard format == .jpeg else {
                throw problem("`\(format.rawValue)` images are not supported yet: kernels decode and encode JPEG only (libjpeg-turbo)", value)
            }
            return format
        }
        if let decode = step["decode"] {
            return .decode(try format(decode))
        }
        if let resize = step["resize"] {
            guard let to = resize["to"] else { throw problem("`resize` needs `to`", resize) }
            var targets: [ResizeTarget] = []
            for target in to.elements {
                switch target.content {
                case .pixelBox(let box):
                    targets.append(.box(width: box.width, height: box.height))
                case .quantity(let quantity):
                    targets.append(.megapixels(quantity.value))
                default:
                    throw problem("a resize target is megapixels (`10MP`) or a box (`320x320`)", target)
                }
            }
            guard let filter = ResampleFilter(rawValue: resize["filter"]?.text ?? "lanczos3") else {
                throw problem("unknown filter", resize["filter"])
            }
            guard let fit = ResizeFit(rawValue: resize["fit"]?.text ?? "contain") else {
                throw problem("unknown fit", resize["fit"])
            }
            return .resize(targets: targets, filter: filter, fit: fit)
        }
        if let crop = step["crop"] {
            guard case .pixelBox(let box)? = crop["box"]?.content else { throw problem("`crop` needs a `box` like `1080x1080`", crop) }
            guard let gravity = Gravity(rawValue: crop["gravity"]?.text ?? "center") else {
                throw problem("unknown gravity", crop["gravity"])
            }
            return .crop(width: box.width, height: box.height, gravity: gravity)
        }
        if step["grayscale"] != nil {
            return .grayscale
        }
        if let blur = step["blur"] {
            return .blur(sigma: blur["sigma"]?.double ?? 2)
        }
        if let sharpen = step["sharpen"] {
            return .sharpen(sigma: sharpen["sigma"]?.double ?? 1, amount: sharpen["amount"]?.double ?? 0.5)
        }
        if let encode = step["encode"] {
            return .encode(try format(encode["format"]), quality: encode["quality"]?.int ?? 85)
        }
        throw problem("unknown kernel step")
    }
}
