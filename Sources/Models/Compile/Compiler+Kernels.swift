import Kernels
import Topology

extension Compiler {
    /// Memory a kernel step holds per megapixel of its image: the decoded source (3 bytes a
    /// pixel) plus at most one output of the same size, as `KernelPipeline` runs depth first.
    /// The kernels benchmark measured a peak of 1.81× the decoded image (docs/kernels.md).
    static let kernelBytesPerMegapixel = 6e6

    /// The slot of kernel `name` in the plan's `kernels`, compiling the topology's kernels
    /// and finding their times on first use; nil after recording why it can't run.
    mutating func kernelSlot(_ name: String, at location: SourceLocation) -> Int? {
        if let slot = kernelSlots[name] { return slot }
        if kernelDefinitions == nil {
            do {
                kernelDefinitions = .some(try KernelPlan.compile(topology))
            } catch {
                problems += error.diagnostics
                kernelDefinitions = .some(nil)
            }
        }
        guard let definitions = kernelDefinitions ?? nil else { return nil }
        guard let kernel = definitions.kernel(name) else {
            problems.append(.error("no kernel `\(name)` in `kernels:`", at: location))
            return nil
        }
        var step = KernelStepPlan(name: name, key: kernel.profileKey, pipeline: kernel.pipeline, times: nil)
        switch kernelTiming {
        case nil:
            problems.append(.error(
                "kernel `\(name)` needs service times: a calibration profile (`run --profile FILE`) or `--kernels live`",
                at: location))
            return nil
        case .calibrated(let profile, let source)?:
            guard let calibration = profile.calibration(name: name, pipeline: kernel.pipeline) else {
                problems.append(.error(
                    "kernel `\(name)` (\(kernel.pipeline)) is not in the calibration profile \(source); "
                        + "calibrate it with `archsim calibrate \(topology.file) --out PROFILE`, or run without --profile "
                        + "to calibrate it on this machine",
                    at: kernel.location))
                return nil
            }
            step.times = KernelTimeModel(calibration)
        case .live?:
            break
        }
        kernels.append(step)
        kernelSlots[name] = kernels.count - 1
        return kernels.count - 1
    }
}
