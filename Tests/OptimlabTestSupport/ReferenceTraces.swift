import Foundation

/// The PyTorch/optax reference traces (copied from the project's shared sample), held once for every
/// test target: the engine reproduces them, the grader grades against them, `optimlab trace` refills them.
public enum ReferenceTraces {
    /// The folder holding the traces.
    public static var directory: String { Bundle.module.resourcePath! + "/ReferenceTraces" }

    /// Every trace's file name, sorted.
    public static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The path of the trace `name` (e.g. "000-adamw.json").
    public static func path(_ name: String) -> String { directory + "/" + name }

    /// The text of the trace `name`.
    public static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
}
