#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Special functions

internal enum SpecialFunctions {
    /// ln Γ(x) for x > 0. `lgamma_r` rather than `lgamma`, which writes the global `signgam`
    /// (a data race when replications run in parallel).
    static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }
}
