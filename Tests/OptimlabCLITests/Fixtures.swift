import Foundation
import OptimlabTestSupport

/// A small course written to a temporary directory, so CLI tests don't depend on the real lessons.
enum Fixtures {
    static let lesson = """
        ---
        id: bias
        title: Bias correction
        minutes: 3
        ---
        # Bias correction

        Adam's moments start at zero.

        ```example
        id: factors
        title: The correction factors
        compute: bias_table
        inputs: {steps: [1, 2]}
        show: [t, corr1]
        ```

        ```question
        id: first-step
        prompt: "With g = {{ g }}, how far does Adam move on step 1?"
        given: {g: 2}
        answer: abs(adam_update(g=g, t=1))
        hints: ["m̂₁ = g and v̂₁ = g²."]
        ```

        ```question
        id: drawn
        prompt: "What is 1/(1 − β₁ᵗ) for β₁ = 0.9 and t = {{ t }}?"
        given: {t: {random: [2, 40], integer: true}}
        answer: bias_correction(0.9, t)
        ```

        ## The end

        That is all.
        """

    static let second = """
        ---
        id: adamw
        title: AdamW
        ---
        Decoupled decay.
        """

    /// A fresh directory with `lessons/01-bias.md`, `lessons/02-adamw.md`; returns (root, lessons dir).
    static func course() throws -> (root: String, lessons: String) {
        let root = TemporaryDirectory(prefix: "optimlab-cli", mode: 0o755).path   // deleted at exit at the latest
        let lessons = root + "/lessons"
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        try lesson.write(toFile: lessons + "/01-bias.md", atomically: true, encoding: .utf8)
        try second.write(toFile: lessons + "/02-adamw.md", atomically: true, encoding: .utf8)
        return (root, lessons)
    }

    /// The package root (for the real `lessons/`).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The `optimlab` executable built next to the test bundle.
    static var binary: String {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for dir in candidates {
            let path = dir.appendingPathComponent("optimlab").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return candidates[0].appendingPathComponent("optimlab").path
    }
}
