// swift-tools-version: 6.0
// optimlab: a terminal courseware and drill checker for adaptive optimizers.
//
// Layers (each a target, so the architecture is visible from the folder list):
//   OptimlabEngine      pure math: optimizers, schedules, clipping, traces, known mistakes (no deps, no I/O)
//   OptimlabCourseware  lessons, questions, answer checking, progress
//   OptimlabGrader      exercises, sandboxed builds and runs of submissions, comparison, diagnosis, reports
//   OptimlabCLI         argument parsing, the REPL, rendering (thin, over the layers above)
import PackageDescription

// The engine's Float32 kernels (Sources/OptimlabEngine/Float32) are vector code that needs a vector
// square root and a hardware fused multiply-add. Swift's sqrt follows C's errno rules unless told
// otherwise, which keeps the loop scalar, and x86-64's baseline has no FMA instruction (each
// `addingProduct` becomes a call to fmaf). Results are identical either way; only speed differs.
// On x86-64 hosts the engine targets Haswell-class CPUs (AVX2 + FMA, 2013 on).
#if arch(x86_64)
let vectorMath: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "haswell"])]
#else
let vectorMath: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])]
#endif

let package = Package(
    name: "optimlab",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "OptimlabEngine", targets: ["OptimlabEngine"]),
        .executable(name: "optimlab", targets: ["optimlab"]),
        .executable(name: "optimlab-bench", targets: ["optimlab-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "OptimlabEngine", swiftSettings: vectorMath),
        .executableTarget(name: "optimlab-embed"),
        .plugin(name: "EmbedContent", capability: .buildTool(), dependencies: ["optimlab-embed"]),
        .target(name: "OptimlabContent", plugins: ["EmbedContent"]),
        .target(name: "OptimlabCourseware", dependencies: [
            "OptimlabEngine",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "CSandbox"),
        .target(name: "OptimlabGrader", dependencies: [
            "OptimlabEngine", "CSandbox",
            .product(name: "Yams", package: "Yams"),
        ]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "OptimlabCLI", dependencies: [
            "OptimlabEngine", "OptimlabCourseware", "OptimlabGrader", "OptimlabContent", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "optimlab", dependencies: ["OptimlabCLI"]),
        .executableTarget(name: "optimlab-bench", dependencies: ["OptimlabEngine"]),
        .testTarget(
            name: "OptimlabEngineTests", dependencies: ["OptimlabEngine"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabCoursewareTests", dependencies: ["OptimlabCourseware"]),
        .testTarget(
            name: "OptimlabGraderTests", dependencies: ["OptimlabGrader"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabCLITests", dependencies: ["OptimlabCLI", "OptimlabContent"],
                    resources: [.copy("Golden")]),
    ]
)
