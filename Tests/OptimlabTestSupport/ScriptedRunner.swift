import Foundation
import OptimlabGrader

/// A process runner with scripted answers (no compiler, no sandbox): the compiler gets `compile` (and
/// leaves an empty `submission` binary in the scratch folder), every run of the submission gets `run`.
/// For testing the grader's decisions whatever the processes report.
public struct ScriptedRunner: ProcessRunner {
    public var compile: RunResult
    public var run: RunResult

    public init(compile: RunResult, run: RunResult) { self.compile = compile; self.run = run }

    public func run(_ r: RunRequest) -> RunResult {
        if r.executable.hasSuffix("swiftc") {
            _ = FileManager.default.createFile(atPath: "\(r.scratchDirectory)/submission", contents: Data())
            return compile
        }
        return run
    }
}
