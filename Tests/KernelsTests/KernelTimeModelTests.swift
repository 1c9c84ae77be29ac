import Foundation
import Testing

@testable import Kernels

@Suite("Kernel time model and profile cache")
struct KernelTimeModelTests {
    /// A pipeline whose time jumps between 4 and 8MP (a resize target switching on), which a
    /// straight line can't follow.
    static func stepped() -> PipelineCalibration {
        let medians: [(Double, Double)] = [(1, 0.010), (2, 0.020), (4, 0.040), (8, 0.200), (16, 0.400)]
        let grid = medians.map { mp, t in
            PipelineCalibration.GridPoint(megapixels: mp, width: 1, height: 1, seconds: [t * 0.9, t, t * 1.2])
        }
        return PipelineCalibration.fit(grid: grid, steps: "stepped", clock: .threadCPU)
    }

    @Test("the centre passes through each grid size's median and is linear between them")
    func interpolatesMedians() {
        let model = KernelTimeModel(Self.stepped())
        for (mp, t) in [(1.0, 0.010), (4, 0.040), (8, 0.200), (16, 0.400)] {
            #expect(abs(model.median(megapixels: mp) - t) < 1e-12)
        }
        #expect(abs(model.median(megapixels: 6) - 0.120) < 1e-12)
        // The line would put 4MP far from its measurement; the model does not.
        let line = Self.stepped()
        #expect(abs(line.meanServiceTime(megapixels: 4) / 0.040 - 1) > 0.3)
        // Beyond the grid it grows with the fitted slope; below, towards the fixed cost.
        #expect(abs(model.median(megapixels: 20) - (0.400 + line.b * 4)) < 1e-12)
        #expect(model.median(megapixels: 0.5) < 0.010 && model.median(megapixels: 0.5) >= 0)
    }

    @Test("samples follow the measured spread: increasing in u, from −10% to +20% of the median")
    func spread() {
        let model = KernelTimeModel(Self.stepped())
        let times = stride(from: 0.0, through: 1.0, by: 0.05).map { model.sample(megapixels: 2, uniform: $0) }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(abs(times.first! / 0.020 - 0.9) < 1e-9 && abs(times.last! / 0.020 - 1.2) < 1e-9)
    }

    @Test("mean(megapixels:) is the mean of samples over a uniform u")
    func meanMatchesSampling() {
        let model = KernelTimeModel(Self.stepped())
        let n = 100_000
        let average = (0..<n).map { model.sample(megapixels: 3, uniform: (Double($0) + 0.5) / Double(n)) }.reduce(0, +) / Double(n)
        #expect(abs(average / model.mean(megapixels: 3) - 1) < 1e-4)
    }

    @Test("the cache calibrates only the kernels it lacks, keeps them, and replaces a corrupt file")
    func cache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archsim-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = ProfileCache(directory: folder, archsimVersion: "test")
        let small = try KernelPipeline([.decode(.jpeg), .resize(targets: [.megapixels(0.01)], filter: .bilinear, fit: .contain)])
        let gray = try KernelPipeline([.decode(.jpeg), .grayscale])
        let calibrator = Calibrator(grid: .init(megapixels: [0.02, 0.04], repeats: 1))
        var asked: [[String]] = []
        _ = try cache.profile(covering: ["small@" + small.definitionHash: small], calibrator: calibrator) { asked.append($0) }
        let both = try cache.profile(
            covering: ["small@" + small.definitionHash: small, "gray@" + gray.definitionHash: gray], calibrator: calibrator
        ) { asked.append($0) }
        _ = try cache.profile(covering: ["gray@" + gray.definitionHash: gray], calibrator: calibrator) { asked.append($0) }
        #expect(asked == [["small@" + small.definitionHash], ["gray@" + gray.definitionHash]])
        #expect(both.pipelines.count == 2)
        #expect(try CalibrationProfile.load(path: cache.path) == both)
        #expect(cache.path.hasPrefix(folder + "/profile-") && cache.path.hasSuffix(".json"))

        try Data("{not json".utf8).write(to: URL(fileURLWithPath: cache.path))
        _ = try cache.profile(covering: ["gray@" + gray.definitionHash: gray], calibrator: calibrator) { asked.append($0) }
        #expect(asked.count == 3)
    }

    @Test("the cache folder follows ARCHSIM_CACHE_DIR, then XDG_CACHE_HOME, then HOME")
    func cacheFolder() {
        #expect(ProfileCache.defaultDirectory(environment: ["ARCHSIM_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/c")
        #expect(ProfileCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/archsim")
        #expect(ProfileCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/archsim")
    }

    @Test("live: measures a real run, reuses inputs of the same size, refuses absurd sizes")
    func live() throws {
        let pipeline = try KernelPipeline([.decode(.jpeg), .grayscale])
        let live = LiveKernel(pipeline, seed: 1)
        let first = try live.measure(megapixels: 0.05)
        let second = try live.measure(megapixels: 0.05)
        #expect(first > 0 && second > 0 && live.runs == 2)
        #expect(throws: KernelError.self) { _ = try live.measure(megapixels: 5000) }
        #expect(throws: KernelError.self) { _ = try live.measure(megapixels: .infinity) }
        #expect(throws: KernelError.self) { _ = try live.measure(megapixels: 1e300) }
    }
}
