import Foundation
import PackagePlugin

/// Embeds the grader's harness (`Sources/OptimlabHarness/OptimlabHarness.swift`, a real target that
/// `swift build` compiles and type-checks) into OptimlabGrader as `HarnessSource.text`, so the grader
/// carries the exact source it compiles for submissions.
@main
struct EmbedHarness: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appendingPathComponent("Sources/OptimlabHarness/OptimlabHarness.swift")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("HarnessSource+Generated.swift")
        return [.buildCommand(
            displayName: "Embedding the grader's harness",
            executable: try context.tool(named: "optimlab-embed").url,
            arguments: ["--constant", output.path, "HarnessSource", input.path],
            inputFiles: [input],
            outputFiles: [output])]
    }
}
