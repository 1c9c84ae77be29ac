import Foundation

/// What a measurement counts.
public enum KernelClock: String, Sendable, Codable {
    /// CPU time of the calling thread (user + system): what one dedicated vCPU would spend,
    /// unaffected by other processes sharing the machine. Kernels are single-threaded.
    case threadCPU = "thread-cpu"
    /// Elapsed monotonic time.
    case wall

    /// Seconds on this clock from an arbitrary origin.
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(self == .threadCPU ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }
}
