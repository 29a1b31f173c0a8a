// swift-tools-version: 6.0
// optimlab: a terminal courseware and drill checker for adaptive optimizers.
//
// Layers (each a target, so the architecture is visible from the folder list):
//   OptimlabEngine      pure math: optimizers, schedules, clipping, traces, known mistakes (no deps, no I/O)
//   OptimlabYAML        the one YAML reader: nodes with file:line:column, typed reads, YAML 1.2 core scalars
//   OptimlabCourseware  lessons, questions, answer checking, progress
//   OptimlabGrader      exercises, sandboxed builds and runs of submissions, comparison, diagnosis, reports
//   OptimlabCLI         argument parsing, the REPL, rendering (thin, over the layers above)
import PackageDescription

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
        // The Float32 kernels' inner loops: AVX2+FMA chosen at run time, portable C otherwise (no flags).
        .target(name: "CFloat32Kernels"),
        .target(name: "OptimlabEngine", dependencies: ["CFloat32Kernels"]),
        .executableTarget(name: "optimlab-embed"),
        .plugin(name: "EmbedContent", capability: .buildTool(), dependencies: ["optimlab-embed"]),
        .target(name: "OptimlabContent", plugins: ["EmbedContent"]),
        .target(name: "OptimlabYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "OptimlabCourseware", dependencies: ["OptimlabEngine", "OptimlabYAML"]),
        .target(name: "CSandbox"),
        // Runs inside the bubblewrap sandbox: rlimits, no_new_privs, the seccomp filter, then the one exec.
        .executableTarget(name: "optimlab-launcher"),
        .target(name: "OptimlabGrader", dependencies: [
            "OptimlabEngine", "OptimlabYAML", "CSandbox", "optimlab-launcher",
        ]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "OptimlabCLI", dependencies: [
            "OptimlabEngine", "OptimlabCourseware", "OptimlabGrader", "OptimlabContent", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "optimlab", dependencies: ["OptimlabCLI"]),
        .executableTarget(name: "optimlab-bench", dependencies: ["OptimlabEngine", "OptimlabCourseware", "OptimlabCLI"]),
        .testTarget(
            name: "OptimlabEngineTests", dependencies: ["OptimlabEngine"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabYAMLTests", dependencies: ["OptimlabYAML"]),
        .testTarget(name: "OptimlabCoursewareTests", dependencies: ["OptimlabCourseware"]),
        .testTarget(
            name: "OptimlabGraderTests", dependencies: ["OptimlabGrader"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabCLITests", dependencies: ["OptimlabCLI", "OptimlabContent"],
                    resources: [.copy("Golden")]),
    ]
)
