// swift-tools-version: 6.1
import PackageDescription

// The pipeline's modules (see docs/architecture.md). A module is added when it gets
// real code.
let package = Package(
    name: "archsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "archsim", targets: ["archsim"]),
        .library(name: "Topology", targets: ["Topology"]),
        .library(name: "SimKit", targets: ["SimKit"]),
        .library(name: "Diagrams", targets: ["Diagrams"]),
        .library(name: "Kernels", targets: ["Kernels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(
            name: "Topology",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SimKit",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .systemLibrary(
            name: "CTurboJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]
        ),
        .target(
            name: "Kernels",
            dependencies: ["CTurboJPEG"],
            // Optimised in debug builds too: unoptimised pixel loops run ~30× slower, which
            // made the kernel tests and the live-mode agreement test take minutes.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "Models",
            dependencies: ["Topology", "SimKit", "Kernels", .product(name: "DequeModule", package: "swift-collections")]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "Diagrams",
            dependencies: ["CGraphviz", "Topology"]
        ),
        .target(
            name: "Reports",
            dependencies: ["Topology", "SimKit", "Models", "Kernels"]
        ),
        .executableTarget(
            name: "archsim",
            dependencies: [
                "Topology",
                "SimKit",
                "Models",
                "Reports",
                "Diagrams",
                "Kernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The archsim side of Benchmarks/peers/kernels.sh (a plain executable, not a product).
        .executableTarget(
            name: "kernels-bench",
            dependencies: ["Kernels"]
        ),
        // The point check of live against calibrated kernel times, run by
        // Benchmarks/peers/kernel-modes.sh (too noisy for the test suite).
        .executableTarget(
            name: "kernel-modes-bench",
            dependencies: ["Models", "Kernels", "Topology", "SimKit"]
        ),
        .testTarget(
            name: "TopologyTests",
            dependencies: ["Topology"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SimKitTests",
            dependencies: ["SimKit"]
        ),
        .testTarget(
            name: "ModelsTests",
            dependencies: ["Models", "SimKit", "Topology", "Kernels"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KernelsTests",
            dependencies: ["Kernels"]
        ),
        .testTarget(
            name: "DiagramsTests",
            dependencies: ["Diagrams", "Topology"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "archsimTests",
            dependencies: ["archsim"],
            exclude: ["Fixtures"]
        ),
    ]
)
