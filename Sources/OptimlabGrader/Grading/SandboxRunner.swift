/// Runs through the namespace sandbox (``Sandbox/run(executable:arguments:scratchDirectory:stdin:environment:readablePaths:writablePaths:limits:)``):
/// rlimits, PID and network namespaces, Landlock confinement to the scratch folder, where the machine
/// allows each. The protections it could not apply come back with every result, and reports list them.
public struct SandboxRunner: ProcessRunner {
    /// The machine's features; tests pass a reduced one to exercise a fallback (e.g. no network namespace).
    let host: HostSupport

    public init() { host = .current }

    init(host: HostSupport) { self.host = host }

    public func run(_ r: RunRequest) -> RunResult {
        var limits = SandboxLimits()
        limits.wallSeconds = r.wallSeconds
        limits.cpuSeconds = max(1, Int(r.cpuSeconds.rounded(.up)))
        limits.memoryBytes = r.memoryBytes
        limits.maxOutputBytes = r.maxOutputBytes
        limits.maxProcesses = 256
        limits.openFiles = 256
        let request = SandboxRequest(executable: r.executable, arguments: r.arguments, scratchDirectory: r.scratchDirectory,
                                     environment: r.environment, readablePaths: r.readablePaths, writablePaths: r.writablePaths)
        let s = Sandbox.run(request, limits: limits, host: host)
        let outcome: RunResult.Outcome = switch s.outcome {
        case .exited(let c): .exited(c)
        case .signaled(let sig): .signaled(sig)
        case .timedOut: .timedOut
        case .outputLimitExceeded: .outputLimitExceeded
        case .spawnFailed(let why): .spawnFailed(why)
        }
        return RunResult(outcome: outcome, stdout: s.stdout, stderr: s.stderr, channel: s.channel,
                         wallSeconds: s.wallSeconds, missingProtections: s.protections.missing)
    }
}
