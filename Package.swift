// swift-tools-version: 6.0
// optimlab: a terminal courseware and drill checker for adaptive optimizers.
//
// Layers (each a target, so the architecture is visible from the folder list):
//   OptimlabEngine      pure math: optimizers, schedules, clipping, traces, known mistakes (no deps, no I/O)
//   OptimlabYAML        the one YAML reader: nodes with file:line:column, typed reads, YAML 1.2 core scalars
//   OptimlabCourseware  lessons, questions, answer checking, progress
//   OptimlabGrader      exercises, sandboxed builds and runs of submissions, comparison, diagnosis, reports
//   OptimlabCLI         argument parsing, the REPL, rendering (thin, over the layers above)
// Each Sources/<Module>/README.md states the layer's job and its public types.
//
// Platforms: Linux. The grader's sandbox uses Linux namespaces, seccomp and Landlock (Glibc), and the
// REPL links GNU readline, so the package builds and runs on Linux only; no Apple platform is claimed.
// The engine alone (the OptimlabEngine product) is plain Swift and C with no platform calls.
import PackageDescription

let package = Package(
    name: "optimlab",
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
        .target(name: "OptimlabEngine", dependencies: ["CFloat32Kernels"], exclude: ["README.md"]),
        .executableTarget(name: "optimlab-embed"),
        .plugin(name: "EmbedContent", capability: .buildTool(), dependencies: ["optimlab-embed"]),
        .target(name: "OptimlabContent", plugins: ["EmbedContent"]),
        // The harness every submission links against: built here so CI compiles it, embedded in the grader.
        .target(name: "OptimlabHarness"),
        .plugin(name: "EmbedHarness", capability: .buildTool(), dependencies: ["optimlab-embed"]),
        .target(name: "OptimlabYAML", dependencies: [.product(name: "Yams", package: "Yams")], exclude: ["README.md"]),
        .target(name: "OptimlabCourseware", dependencies: ["OptimlabEngine", "OptimlabYAML", "OptimlabContent"], exclude: ["README.md"]),
        .target(name: "CSandbox"),
        // Runs inside the bubblewrap sandbox: rlimits, no_new_privs, the seccomp filter, then the one exec.
        .executableTarget(name: "optimlab-launcher"),
        .target(name: "OptimlabGrader", dependencies: [
            "OptimlabEngine", "OptimlabYAML", "OptimlabCourseware", "CSandbox", "optimlab-launcher",
        ], exclude: ["README.md"], plugins: ["EmbedHarness"]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .target(name: "OptimlabCLI", dependencies: [
            "OptimlabEngine", "OptimlabYAML", "OptimlabCourseware", "OptimlabGrader", "OptimlabContent", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),
        .executableTarget(name: "optimlab", dependencies: ["OptimlabCLI"]),
        .executableTarget(name: "optimlab-bench", dependencies: ["OptimlabEngine", "OptimlabCourseware", "OptimlabCLI"]),
        // Shared by the test targets: the reference traces (held once), the scripted process runner,
        // the temporary folders deleted at exit, the JSON Schema validator and the report scenarios every
        // report format is checked on.
        .target(name: "OptimlabTestSupport", dependencies: ["OptimlabEngine", "OptimlabGrader"], path: "Tests/OptimlabTestSupport",
                resources: [.copy("ReferenceTraces")]),
        .testTarget(
            name: "OptimlabEngineTests", dependencies: ["OptimlabEngine", "OptimlabTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabYAMLTests", dependencies: ["OptimlabYAML"]),
        .testTarget(name: "OptimlabCoursewareTests", dependencies: ["OptimlabCourseware", "OptimlabTestSupport"]),
        // Test-only: libxml2's XSD validator, which the JUnit report is checked against junit-10.xsd with.
        .systemLibrary(name: "CLibXML2", path: "Tests/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .testTarget(
            name: "OptimlabGraderTests", dependencies: ["OptimlabGrader", "OptimlabCourseware", "OptimlabTestSupport", "CLibXML2"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "OptimlabCLITests", dependencies: ["OptimlabCLI", "OptimlabContent", "OptimlabTestSupport"],
                    resources: [.copy("Golden")]),
    ]
)
