// swift-tools-version: 6.1
import PackageDescription

// The pipeline's modules (see docs/architecture.md). A module is added when it gets
// real code: today the topology language and the command line.
let package = Package(
    name: "archsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "archsim", targets: ["archsim"]),
        .library(name: "Topology", targets: ["Topology"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "Topology",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "archsim",
            dependencies: [
                "Topology",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TopologyTests",
            dependencies: ["Topology"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "archsimTests",
            dependencies: ["archsim"]
        ),
    ]
)
