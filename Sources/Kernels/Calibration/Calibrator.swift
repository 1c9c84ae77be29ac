import Foundation

/// Times pipelines over a grid of image sizes and fits `time = a + b · MP` for each.
public struct Calibrator: Sendable {
    /// Image sizes and how often each is timed.
    public struct Grid: Sendable, Equatable {
        public var megapixels: [Double]
        public var repeats: Int

        public init(megapixels: [Double], repeats: Int) {
            self.megapixels = megapixels
            self.repeats = repeats
        }

        /// 0.5 to 24 MP, three timed runs each (after one untimed warm-up run per size).
        public static let standard = Grid(megapixels: [0.5, 1, 2, 4, 8, 12, 16, 24], repeats: 3)
        /// Small images for tests and smoke runs: a second or two per pipeline.
        public static let quick = Grid(megapixels: [0.05, 0.1, 0.2, 0.4], repeats: 2)
    }

    public var grid: Grid
    public var seed: UInt64
    public var clock: KernelClock
    /// Versions recorded in the profile beside libjpeg-turbo's, e.g. `["archsim": "0.1.0"]`.
    public var versions: [String: String]
    /// Called with one line per measured size.
    public var progress: (@Sendable (String) -> Void)?

    public init(
        grid: Grid = .standard, seed: UInt64 = 42, clock: KernelClock = .threadCPU,
        versions: [String: String] = [:], progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.grid = grid
        self.seed = seed
        self.clock = clock
        self.versions = versions
        self.progress = progress
    }

    /// Calibrates every pipeline, keyed as given. Pipelines with the same definition are
    /// timed once and share the result. Each grid size's synthetic JPEGs are made once.
    public func calibrate(_ pipelines: [String: KernelPipeline]) throws -> CalibrationProfile {
        var byDefinition: [String: KernelPipeline] = [:]
        for key in pipelines.keys.sorted() {
            let pipeline = pipelines[key]!
            if byDefinition[pipeline.definitionHash] == nil { byDefinition[pipeline.definitionHash] = pipeline }
        }
        let hashes = byDefinition.keys.sorted()
        var points: [String: [PipelineCalibration.GridPoint]] = [:]
        for megapixels in grid.megapixels {
            let (width, height) = SyntheticImage.size(megapixels: megapixels)
            // A new image for every timed run, each timed on its first pass through the
            // pipeline, as a simulated request's image is (and as `live` mode runs it): a second
            // pass over the same image runs about 1% faster, from warm caches, which made
            // calibrated times a little short of live ones. The first image is the warm-up's.
            let inputs = try (0...max(1, grid.repeats)).map { run in
                try SyntheticImage.jpeg(width: width, height: height, seed: seed &+ UInt64(width) &+ (UInt64(run) << 32), quality: 90)
            }
            for hash in hashes {
                let pipeline = byDefinition[hash]!
                _ = try pipeline.run(inputs[0])  // warm-up: page faults, lazy initialisation
                var seconds: [Double] = []
                for input in inputs.dropFirst() { seconds.append(try pipeline.measure(input, clock: clock)) }
                points[hash, default: []].append(.init(megapixels: megapixels, width: width, height: height, seconds: seconds))
                let median = seconds.sorted()[seconds.count / 2]
                progress?("\(KernelText.number(megapixels))MP (\(width)x\(height)) \(pipeline): median \(String(format: "%.4f", median)) s")
            }
        }
        var fitted: [String: PipelineCalibration] = [:]
        for hash in hashes {
            fitted[hash] = PipelineCalibration.fit(grid: points[hash]!, steps: byDefinition[hash]!.description, clock: clock)
        }
        return CalibrationProfile(
            cpu: SystemInfo.cpuModel(), created: SystemInfo.isoNow(), libraries: libraries(),
            pipelines: pipelines.mapValues { fitted[$0.definitionHash]! })
    }

    func libraries() -> [String: String] {
        var all = versions
        all["libjpeg-turbo"] = JPEG.libraryVersion
        all["swift"] = SystemInfo.swiftVersion
        return all
    }
}

/// Facts about the machine a profile is measured on.
public enum SystemInfo {
    /// The first "model name" of `/proc/cpuinfo`, or "unknown".
    public static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    public static func isoNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// The Swift compiler that built this module.
    public static var swiftVersion: String {
        #if compiler(>=6.4)
            "6.4 or later"
        #elseif compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #elseif compiler(>=6.1)
            "6.1"
        #else
            "6.0 or earlier"
        #endif
    }
}
