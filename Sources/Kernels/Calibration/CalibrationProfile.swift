import Foundation

/// Measured service times of kernel pipelines on one machine: what the simulator samples a
/// `work: { kernel: … }` step's time from.
///
/// JSON (keys sorted, pretty-printed):
/// `{ "cpu", "created", "libraries": {…}, "pipelines": { "<name>@<hash>": { "a_s", "b_s_per_mp",
/// "residuals", "grid", "steps", "clock" } } }`.
public struct CalibrationProfile: Sendable, Equatable, Codable {
    /// `/proc/cpuinfo`'s model name of the machine measured.
    public var cpu: String
    /// ISO 8601 date and time of the calibration.
    public var created: String
    /// Versions of what was measured: libjpeg-turbo, archsim, Swift.
    public var libraries: [String: String]
    /// By profile key (`KernelPipeline.profileKey(name:)`).
    public var pipelines: [String: PipelineCalibration]

    public init(cpu: String, created: String, libraries: [String: String], pipelines: [String: PipelineCalibration]) {
        self.cpu = cpu
        self.created = created
        self.libraries = libraries
        self.pipelines = pipelines
    }

    /// The calibration under `key`, or nil.
    public func calibration(for key: String) -> PipelineCalibration? { pipelines[key] }

    /// The calibration of `pipeline` as a topology names it: by `name@hash` first, then by
    /// the same definition under another name (the time depends on the steps, not the name).
    public func calibration(name: String, pipeline: KernelPipeline) -> PipelineCalibration? {
        if let exact = pipelines[pipeline.profileKey(name: name)] { return exact }
        let suffix = "@" + pipeline.definitionHash
        return pipelines.keys.sorted().first { $0.hasSuffix(suffix) }.flatMap { pipelines[$0] }
    }

    /// A service time in seconds for an image of `megapixels`, at quantile `u` ∈ [0, 1] of
    /// the measured spread (sampling by inversion: pass the simulation stream's uniform).
    public func serviceTime(pipeline key: String, megapixels: Double, uniform u: Double) throws -> Double {
        guard let calibration = pipelines[key] else {
            throw KernelError.profile("no pipeline `\(key)` in the profile (it has: \(pipelines.keys.sorted().joined(separator: ", ")))")
        }
        return calibration.serviceTime(megapixels: megapixels, uniform: u)
    }

    // MARK: - JSON

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws -> CalibrationProfile {
        do {
            return try JSONDecoder().decode(CalibrationProfile.self, from: data)
        } catch {
            throw KernelError.profile("not a calibration profile (\(error))")
        }
    }

    /// Loads a profile file, e.g. `Topologies/profiles/reference.json`.
    public static func load(path: String) throws -> CalibrationProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KernelError.profile("can't read \(path)")
        }
        return try decode(data)
    }

    /// Writes atomically (a temporary file renamed over the target).
    public func write(to path: String) throws {
        try jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// One pipeline's fit: `time = a_s + b_s_per_mp · MP`, times a relative residual.
public struct PipelineCalibration: Sendable, Equatable, Codable {
    /// Fixed cost in seconds.
    public var a: Double
    /// Seconds per megapixel of input.
    public var b: Double
    /// Sorted relative residuals `measured / fitted − 1` (at most 64, evenly spaced quantiles).
    public var residuals: [Double]
    /// The measurements behind the fit.
    public var grid: [GridPoint]
    /// The pipeline's steps (`KernelPipeline.description`).
    public var steps: String
    /// The clock the times were measured on.
    public var clock: KernelClock

    public struct GridPoint: Sendable, Equatable, Codable {
        public var megapixels: Double
        public var width: Int
        public var height: Int
        public var seconds: [Double]

        public init(megapixels: Double, width: Int, height: Int, seconds: [Double]) {
            self.megapixels = megapixels
            self.width = width
            self.height = height
            self.seconds = seconds
        }

        enum CodingKeys: String, CodingKey {
            case megapixels = "mp", width, height, seconds
        }
    }

    public init(a: Double, b: Double, residuals: [Double], grid: [GridPoint], steps: String, clock: KernelClock) {
        self.a = a
        self.b = b
        self.residuals = residuals
        self.grid = grid
        self.steps = steps
        self.clock = clock
    }

    enum CodingKeys: String, CodingKey {
        case a = "a_s", b = "b_s_per_mp", residuals, grid, steps, clock
    }

    /// Fits the line to every measurement and keeps the spread around it.
    public static func fit(grid: [GridPoint], steps: String, clock: KernelClock, maximumResiduals: Int = 64) -> PipelineCalibration {
        let x = grid.flatMap { point in point.seconds.map { _ in point.megapixels } }
        let y = grid.flatMap(\.seconds)
        let line = LinearFit.fit(x: x, y: y)
        var relative = zip(x, y).map { xi, yi in
            let predicted = line.predict(xi)
            return predicted > 0 ? yi / predicted - 1 : 0
        }
        relative.sort()
        return PipelineCalibration(
            a: line.a, b: line.b, residuals: thin(relative, to: maximumResiduals), grid: grid, steps: steps, clock: clock)
    }

    /// At most `count` evenly spaced quantiles of sorted `values`.
    static func thin(_ values: [Double], to count: Int) -> [Double] {
        guard values.count > count, count > 0 else { return values }
        return (0..<count).map { k in quantile(values, (Double(k) + 0.5) / Double(count)) }
    }

    /// Linear interpolation between order statistics of sorted `values`.
    static func quantile(_ values: [Double], _ u: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let position = min(max(u, 0), 1) * Double(values.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, values.count - 1)
        let fraction = position - Double(low)
        return values[low] + (values[high] - values[low]) * fraction
    }

    /// Seconds for `megapixels` at quantile `u` of the residuals: `(a + b·MP) × (1 + r(u))`,
    /// never negative; increasing in both `u` and `megapixels`.
    public func serviceTime(megapixels: Double, uniform u: Double) -> Double {
        let line = max(0, a + b * max(0, megapixels))
        return line * max(0, 1 + Self.quantile(residuals, u))
    }

    /// The fitted time alone (no spread).
    public func meanServiceTime(megapixels: Double) -> Double { max(0, a + b * max(0, megapixels)) }
}
