/// Runs every process of the grader in the bubblewrap sandbox, in three steps: the request's
/// ``SandboxPolicy`` (what it may see and use), its ``BubblewrapCommand`` (the command line), and the
/// supervised ``SandboxRun``, which yields the ``RunResult``. When the sandbox does not work here the run
/// is refused (`.spawnFailed` with the reason), never started without it.
public struct SandboxRunner: ProcessRunner {
    let host: Result<SandboxHost, SandboxRefusal>

    public init() { host = SandboxHost.current }

    init(host: Result<SandboxHost, SandboxRefusal>) { self.host = host }

    /// Why this runner refuses every run (the sandbox does not work here), or nil.
    public var refusal: String? {
        if case .failure(let refusal) = host { return refusal.reason }
        return nil
    }

    public func run(_ request: RunRequest) -> RunResult {
        let host: SandboxHost
        switch self.host {
        case .success(let h): host = h
        case .failure(let refusal): return RunResult(outcome: .spawnFailed("refused to run without the sandbox: \(refusal.reason)"))
        }
        switch SandboxPolicy.make(request) {
        case .failure(let refusal): return RunResult(outcome: .spawnFailed(refusal.reason))
        case .success(let policy):
            return SandboxRun.run(BubblewrapCommand(policy, host: host), host: host, wallSeconds: policy.wallSeconds,
                                  cpuSeconds: policy.cpuSeconds, tasks: policy.tasks, maxOutputBytes: policy.maxOutputBytes, maxChannelBytes: policy.maxChannelBytes)
        }
    }
}
