import Foundation
import PackagePlugin

/// Embeds `lessons/` and `exercises/` into the target as generated Swift source. Every file in those
/// folders is an input, so editing a lesson rebuilds the binary's copy.
@main
struct EmbedContent: BuildToolPlugin {
    static let folders = ["lessons", "exercises"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedContent+Generated.swift")
        var inputs: [URL] = []
        for folder in Self.folders {
            let dir = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where !url.hasDirectoryPath { inputs.append(url) }
        }
        return [.buildCommand(
            displayName: "Embedding course content (\(inputs.count) files)",
            executable: try context.tool(named: "optimlab-embed").url,
            arguments: [output.path, root.path] + Self.folders,
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
