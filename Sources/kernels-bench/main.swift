// kernels-bench: the archsim side of Benchmarks/peers/kernels.sh.
//
//   kernels-bench synth --width W --height H [--seed S] [--quality Q] --out FILE.jpg
//   kernels-bench run --input FILE.jpg [--targets 10,7,5] [--filter lanczos3] [--quality 85]
//                     [--repeats 5] [--warmup] [--resize-only] [--save PREFIX]
//
// `run` prints one JSON object: wall seconds of each full pipeline run (decode → resize to
// each target → encode), or with --resize-only the seconds of the resizes alone (from one
// decoded image), plus the process's peak RSS and the decoded image's size in bytes.
// --warmup runs once untimed first; --save writes the outputs to PREFIX0.jpg, PREFIX1.jpg….
import Foundation
import Kernels

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kernels-bench: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: kernels-bench synth|run …") }
arguments.removeFirst()
var options: [String: String] = [:]
var flags: Set<String> = []
var index = 0
while index < arguments.count {
    let key = arguments[index]
    guard key.hasPrefix("--") else { fail("unexpected argument \(key)") }
    if key == "--resize-only" || key == "--warmup" {
        flags.insert(key)
        index += 1
        continue
    }
    guard index + 1 < arguments.count else { fail("\(key) needs a value") }
    options[String(key.dropFirst(2))] = arguments[index + 1]
    index += 2
}

@MainActor func int(_ name: String, _ fallback: Int? = nil) -> Int {
    if let text = options[name] {
        guard let value = Int(text) else { fail("--\(name) needs an integer") }
        return value
    }
    guard let fallback else { fail("--\(name) is required") }
    return fallback
}

/// Peak resident set size of this process (VmHWM), in bytes.
func peakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

do {
    switch command {
    case "synth":
        let data = try SyntheticImage.jpeg(
            width: int("width"), height: int("height"), seed: UInt64(int("seed", 42)), quality: int("quality", 90))
        guard let out = options["out"] else { fail("--out is required") }
        try Data(data).write(to: URL(fileURLWithPath: out))
    case "run":
        guard let path = options["input"], let data = FileManager.default.contents(atPath: path) else {
            fail("--input FILE is required and must be readable")
        }
        let input = [UInt8](data)
        let targets = (options["targets"] ?? "10,7,5").split(separator: ",").map { text -> ResizeTarget in
            guard let megapixels = Double(text) else { fail("bad target \(text)") }
            return .megapixels(megapixels)
        }
        guard let filter = ResampleFilter(rawValue: options["filter"] ?? "lanczos3") else { fail("unknown filter") }
        let repeats = int("repeats", 5)
        let warmup = flags.contains("--warmup") ? 1 : 0
        let header = try JPEG.header(input)
        var seconds: [Double] = []
        var outputs: [[Int]] = []
        if flags.contains("--resize-only") {
            let image = try JPEG.decode(input)
            for run in 0..<(warmup + repeats) {
                let start = KernelClock.wall.now()
                for target in targets {
                    let resized = try image.resized(to: target, filter: filter)
                    if outputs.count < targets.count { outputs.append([resized.width, resized.height]) }
                }
                if run >= warmup { seconds.append(KernelClock.wall.now() - start) }
            }
        } else {
            let pipeline = try KernelPipeline([
                .decode(.jpeg), .resize(targets: targets, filter: filter, fit: .contain),
                .encode(.jpeg, quality: int("quality", 85)),
            ])
            for run in 0..<(warmup + repeats) {
                let start = KernelClock.wall.now()
                let result = try pipeline.run(input)
                if run >= warmup { seconds.append(KernelClock.wall.now() - start) }
                outputs = result.map { [$0.width, $0.height] }
                if let prefix = options["save"] {
                    for (index, output) in result.enumerated() {
                        if case .encoded(_, let bytes, _, _) = output {
                            try Data(bytes).write(to: URL(fileURLWithPath: "\(prefix)\(index).jpg"))
                        }
                    }
                }
            }
        }
        let report: [String: Any] = [
            "seconds": seconds, "outputs": outputs, "peak_rss_bytes": peakRSS(),
            "decoded_bytes": header.width * header.height * header.channels,
            "width": header.width, "height": header.height, "libjpeg_turbo": JPEG.libraryVersion,
        ]
        let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    default:
        fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
