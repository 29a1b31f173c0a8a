/// Runs a process with limits. The grader never spawns anything except through one of these, so
/// the sandbox (``SandboxRunner``) or a plainer runner can be swapped in one place.
public protocol ProcessRunner: Sendable {
    func run(_ request: RunRequest) -> RunResult
}
