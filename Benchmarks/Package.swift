// swift-tools-version: 6.1
import PackageDescription

import struct Foundation.URL

// A path dependency's identity is its folder's name ("archsim", "main", whatever the clone
// is called), so the main package is referred to by that name.
let archsim = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// archsim's benchmarks: their own package, so the main build and test suite never pay for
// package-benchmark. See README.md beside this file.
let package = Package(
    name: "archsim-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SimKit", package: archsim),
                "BenchSupport",
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .target(
            name: "BenchSupport",
            dependencies: [.product(name: "SimKit", package: archsim)]
        ),
        .executableTarget(
            name: "MM1",
            dependencies: ["BenchSupport", .product(name: "SimKit", package: archsim)]
        ),
    ]
)
