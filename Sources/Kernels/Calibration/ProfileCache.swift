import Foundation

/// The calibration profile of this machine, kept between runs: `run` without `--profile`
/// calibrates only the kernels the cache lacks, adds them and rewrites the file.
///
/// One file per machine and build: its name hashes the CPU model, libjpeg-turbo's version and
/// archsim's, so a profile is never reused on a different CPU or after an upgrade. The folder
/// is `$ARCHSIM_CACHE_DIR`, else `$XDG_CACHE_HOME/archsim`, else `~/.cache/archsim`.
public struct ProfileCache: Sendable {
    public var directory: String
    public var archsimVersion: String

    public init(directory: String? = nil, archsimVersion: String) {
        self.directory = directory ?? Self.defaultDirectory()
        self.archsimVersion = archsimVersion
    }

    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["ARCHSIM_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/archsim" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/archsim" }
        return NSTemporaryDirectory() + "archsim-cache"
    }

    /// `profile-<8 hex digits>.json` of this machine and build.
    public var path: String {
        let identity = [SystemInfo.cpuModel(), JPEG.libraryVersion, archsimVersion, SystemInfo.swiftVersion].joined(separator: "\n")
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in identity.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return directory + "/profile-" + String(format: "%08x", UInt32(truncatingIfNeeded: hash ^ (hash >> 32))) + ".json"
    }

    /// The cached profile with every pipeline of `pipelines` (keyed `name@hash`), calibrating
    /// those it lacks with `calibrator` and writing the result back. `willCalibrate` is told
    /// which keys are missing before the (long) calibration starts. A cache file that can't be
    /// read as a profile is replaced.
    public func profile(
        covering pipelines: [String: KernelPipeline], calibrator: Calibrator,
        willCalibrate: ([String]) -> Void = { _ in }
    ) throws -> CalibrationProfile {
        let cached = try? CalibrationProfile.load(path: path)
        let missing = pipelines.filter { key, pipeline in cached?.calibration(name: Self.name(of: key), pipeline: pipeline) == nil }
        if let cached, missing.isEmpty { return cached }
        willCalibrate(missing.keys.sorted())
        let measured = try calibrator.calibrate(missing)
        var merged = cached ?? measured
        for (key, calibration) in measured.pipelines { merged.pipelines[key] = calibration }
        merged.created = measured.created
        merged.cpu = measured.cpu
        merged.libraries = measured.libraries
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try merged.write(to: path)
        return merged
    }

    /// `name` of a `name@hash` key.
    static func name(of key: String) -> String {
        key.lastIndex(of: "@").map { String(key[..<$0]) } ?? key
    }
}
