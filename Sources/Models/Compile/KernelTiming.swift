import Kernels

/// Where `work: { kernel: … }` steps take their service times from.
package enum KernelTiming: Sendable {
    /// Sampled from a calibration profile. `source` says where the profile came from for the
    /// report and for errors: its path, or the per-machine cache file.
    case calibrated(CalibrationProfile, source: String)
    /// Every simulated request runs the pipeline for real on a synthetic photo of its size and
    /// takes the CPU time it measured. Not reproducible: for small runs and for checking the
    /// calibrated model.
    case live

    package var mode: String {
        switch self {
        case .calibrated: "calibrated"
        case .live: "live"
        }
    }
}

/// One kernel that steps of the topology run.
package struct KernelStepPlan: Sendable {
    package var name: String
    /// `name@hash`, its key in a calibration profile.
    package var key: String
    package var pipeline: KernelPipeline
    /// Calibrated mode: the service-time model from the profile; nil in live mode.
    package var times: KernelTimeModel?
}
