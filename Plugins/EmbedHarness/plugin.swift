import Foundation
import PackagePlugin

/// Embeds the grader's harness (the files of `Sources/OptimlabHarness`, a real target that `swift build`
/// compiles and type-checks: `OptimlabHarness.swift`, then `CrashReport.swift`) into OptimlabGrader as
/// `HarnessSource.text`, joined in that order, so the grader carries the exact source it compiles for
/// submissions.
@main
struct EmbedHarness: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appendingPathComponent("Sources/OptimlabHarness")
        let inputs = ["OptimlabHarness.swift", "CrashReport.swift"].map { folder.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("HarnessSource+Generated.swift")
        return [.buildCommand(
            displayName: "Embedding the grader's harness",
            executable: try context.tool(named: "optimlab-embed").url,
            arguments: ["--constant", output.path, "HarnessSource"] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
