import Foundation
import Testing

@testable import Kernels

@Suite("Calibration")
struct CalibrationTests {
    @Test("the least-squares fit recovers a and b from noisy data")
    func fitRecoversLine() {
        var random = SplitMix64(seed: 12)
        let x = (0..<200).map { _ in random.unit() * 24 }
        let y = x.map { 0.012 + 0.031 * $0 + (random.unit() - 0.5) * 0.004 }
        let fit = LinearFit.fit(x: x, y: y)
        #expect(abs(fit.a - 0.012) < 0.001 && abs(fit.b - 0.031) < 0.0002, "\(fit)")
        let exact = LinearFit.fit(x: [1, 2, 3], y: [5, 7, 9])
        #expect(abs(exact.a - 3) < 1e-12 && abs(exact.b - 2) < 1e-12)
    }

    @Test("the fit never gives negative times")
    func fitIsPhysical() {
        let throughOrigin = LinearFit.fit(x: [1, 2, 3], y: [0.5, 2, 3.5])  // OLS intercept -1
        #expect(throughOrigin.a == 0 && throughOrigin.b > 0)
        let falling = LinearFit.fit(x: [1, 2, 3], y: [3, 2, 1])
        #expect(falling.b == 0 && falling.a == 2)
        let single = LinearFit.fit(x: [4, 4], y: [1, 3])
        #expect(single == LinearFit(a: 2, b: 0))
    }

    static func profile() -> CalibrationProfile {
        let grid = [1.0, 2, 4, 8].map { mp in
            PipelineCalibration.GridPoint(megapixels: mp, width: 100, height: 100, seconds: [0.01 + 0.02 * mp, 0.011 + 0.021 * mp, 0.0095 + 0.0195 * mp])
        }
        return CalibrationProfile(
            cpu: "Test CPU", created: "2026-01-01T00:00:00Z", libraries: ["libjpeg-turbo": "2.1.5", "archsim": "0.1.0"],
            pipelines: ["derivatives@12345678": PipelineCalibration.fit(grid: grid, steps: "decode jpeg", clock: .threadCPU)])
    }

    @Test("a fitted profile has sorted residuals around the line")
    func residuals() throws {
        let calibration = try #require(Self.profile().pipelines["derivatives@12345678"])
        #expect(abs(calibration.a - 0.0102) < 0.001 && abs(calibration.b - 0.0202) < 0.001)
        #expect(calibration.residuals.count == 12 && calibration.residuals == calibration.residuals.sorted())
        #expect(calibration.residuals.first! < 0 && calibration.residuals.last! > 0)
        let many = PipelineCalibration.thin((0..<1000).map { Double($0) }, to: 64)
        #expect(many.count == 64 && many == many.sorted())
    }

    @Test("the profile JSON round-trips, with sorted keys and stable bytes")
    func jsonRoundTrip() throws {
        let profile = Self.profile()
        let data = try profile.jsonData()
        #expect(try CalibrationProfile.decode(data) == profile)
        #expect(try profile.jsonData() == data)
        let text = String(decoding: data, as: UTF8.self)
        let order = ["\"cpu\"", "\"created\"", "\"libraries\"", "\"pipelines\"", "\"a_s\"", "\"b_s_per_mp\"", "\"grid\"", "\"residuals\""]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        let top = positions.prefix(4).map { $0! }
        #expect(top == top.sorted())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID()).json").path
        try profile.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CalibrationProfile.load(path: path) == profile)
        #expect(throws: KernelError.self) { try CalibrationProfile.decode(Data("{\"cpu\": 1}".utf8)) }
    }

    @Test("service times rise with u and with megapixels, and are never negative")
    func serviceTimeMonotone() throws {
        let profile = Self.profile()
        let key = "derivatives@12345678"
        var previous = -1.0
        for u in stride(from: 0.0, through: 1.0, by: 0.01) {
            let t = try profile.serviceTime(pipeline: key, megapixels: 12, uniform: u)
            #expect(t >= previous && t >= 0)
            previous = t
        }
        previous = -1
        for mp in stride(from: 0.0, through: 50, by: 0.5) {
            let t = try profile.serviceTime(pipeline: key, megapixels: mp, uniform: 0.3)
            #expect(t >= previous)
            previous = t
        }
        let median = try profile.serviceTime(pipeline: key, megapixels: 4, uniform: 0.5)
        #expect(abs(median - (0.0102 + 0.0202 * 4)) < 0.003)
        #expect(throws: KernelError.self) { try profile.serviceTime(pipeline: "nope", megapixels: 1, uniform: 0.5) }
        // Even a wild residual can't make a time negative.
        let wild = PipelineCalibration(a: 0.01, b: 0.01, residuals: [-3, 0, 2], grid: [], steps: "", clock: .wall)
        #expect(wild.serviceTime(megapixels: 1, uniform: 0) == 0)
    }

    @Test("lookup by name and definition falls back to the same definition under another name")
    func lookup() throws {
        let pipeline = try KernelPipeline([.decode(.jpeg), .grayscale])
        var profile = Self.profile()
        profile.pipelines = ["other@\(pipeline.definitionHash)": profile.pipelines.values.first!]
        #expect(profile.calibration(name: "mine", pipeline: pipeline) != nil)
        #expect(profile.calibration(name: "mine", pipeline: try KernelPipeline([.decode(.jpeg)])) == nil)
    }

    @Test("a quick calibration measures and fits real pipelines")
    func quickCalibration() throws {
        let pipeline = try KernelPipeline([
            .decode(.jpeg), .resize(targets: [.megapixels(0.01)], filter: .bilinear, fit: .contain), .encode(.jpeg, quality: 80),
        ])
        let calibrator = Calibrator(grid: .init(megapixels: [0.02, 0.06, 0.12], repeats: 2), versions: ["archsim": "test"])
        let profile = try calibrator.calibrate(["a@\(pipeline.definitionHash)": pipeline, "b@\(pipeline.definitionHash)": pipeline])
        #expect(profile.pipelines.count == 2)
        let calibration = try #require(profile.pipelines["a@\(pipeline.definitionHash)"])
        #expect(calibration.grid.map(\.megapixels) == [0.02, 0.06, 0.12])
        #expect(calibration.grid.allSatisfy { $0.seconds.count == 2 && $0.seconds.allSatisfy { $0 > 0 } })
        #expect(calibration.b > 0 && calibration.a >= 0)
        #expect(calibration.meanServiceTime(megapixels: 0.12) > calibration.meanServiceTime(megapixels: 0.02))
        #expect(profile.libraries["libjpeg-turbo"] == JPEG.libraryVersion && profile.libraries["archsim"] == "test")
        #expect(!profile.cpu.isEmpty && profile.created.hasPrefix("20"))
    }
}
