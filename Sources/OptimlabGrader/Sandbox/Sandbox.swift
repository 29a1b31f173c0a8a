import Dispatch
/// Runs untrusted programs — students' submissions and the compiler building them — so that
/// whatever they do ends as a clear `SandboxOutcome` and the grader survives.
///
/// The protections, each applied where this machine allows and reported when not:
/// - a new session and process group, killed as a whole on the wall deadline or an output overflow;
/// - rlimits on CPU, address space, file size, open files and processes, with no core dumps;
/// - a PID namespace in which the submission is pid 2, so nothing it starts outlives the run
///   (otherwise: the grader as child subreaper, killing re-parented escapees);
/// - an empty network namespace unless `network` is allowed;
/// - Landlock: read-only system folders, read-write scratch folder, nothing else;
/// - a user namespace when unprivileged, so the namespaces are allowed and RLIMIT_NPROC counts only
///   the sandbox's own processes; as root, the namespace's pid_max bounds the process count.
public enum Sandbox {
    /// Runs `executable` with `arguments` in `scratchDirectory` (its cwd, and the only place it may
    /// write), stdin from `stdin`, a private pipe on fd 3 (write end; env OPTIMLAB_CHANNEL_FD=3), an
    /// environment of only `environment` (+ PATH, LANG, SWIFT_BACKTRACE=enable=no), under `limits`.
    /// `readablePaths` may also be read, `writablePaths` also written (a compiler's cache, say).
    /// Never throws, never hangs past the wall limit + a small grace, and leaves no process behind.
    public static func run(executable: String, arguments: [String], scratchDirectory: String,
                           stdin: [UInt8] = [], environment: [String: String] = [:],
                           readablePaths: [String] = [], writablePaths: [String] = [],
                           limits: SandboxLimits) -> SandboxResult {
        let request = SandboxRequest(executable: executable, arguments: arguments, scratchDirectory: scratchDirectory,
                                     stdin: stdin, environment: environment, readablePaths: readablePaths,
                                     writablePaths: writablePaths)
        return run(request, limits: limits, host: HostSupport.current)
    }

    /// Starts probing this machine (building the exec wrapper on first use, then one throwaway run) on
    /// another thread, so the probe overlaps the caller's own start-up instead of delaying the first
    /// sandboxed run. Harmless to call more than once.
    public static func warmUp() {
        DispatchQueue.global(qos: .userInitiated).async { _ = HostSupport.current }
    }

    /// What this machine offers (probed once, cached): for `optimlab grade` to report.
    public static var availableProtections: SandboxProtections {
        let host = HostSupport.current
        let probe = SandboxRequest(executable: "/bin/true", arguments: [], scratchDirectory: "/")
        return ExecPlan(host: host, request: probe, executable: "/bin/true", limits: SandboxLimits()).protections
    }

    /// The run on a given host description (tests pass a degraded one to exercise the fallbacks).
    static func run(_ request: SandboxRequest, limits: SandboxLimits, host: HostSupport) -> SandboxResult {
        guard let executable = request.resolvedExecutable, request.problem == nil else {
            let plan = ExecPlan(host: host, request: request, executable: request.executable, limits: limits)
            return notStarted(request.problem ?? "cannot start \(request.executable)", plan.protections)
        }
        let plan = ExecPlan(host: host, request: request, executable: executable, limits: limits)
        let run = Supervisor.run(Launch(argv: plan.argv, environment: request.childEnvironment, stdin: request.stdin,
                                        wallSeconds: limits.wallSeconds, maxOutputBytes: limits.maxOutputBytes,
                                        maxChannelBytes: limits.maxChannelBytes,
                                        reportsSetupErrors: plan.reportsSetupErrors))
        if OrphanSweep.isSubreaper.load(ordering: .relaxed), let leader = run.leader {
            OrphanSweep.run(afterLeader: leader)
        }
        return SandboxResult(
            outcome: plan.outcome(of: run),
            stdout: run.stdout.bytes, stderr: run.stderr.bytes,
            stdoutTruncated: run.stdout.truncated, stderrTruncated: run.stderr.truncated,
            channel: run.channel.bytes, channelTruncated: run.channel.truncated,
            wallSeconds: run.wallSeconds, cpuSeconds: run.cpuSeconds, maxRSSKiB: run.maxRSSKiB,
            protections: plan.protections)
    }

    private static func notStarted(_ message: String, _ protections: SandboxProtections) -> SandboxResult {
        SandboxResult(outcome: .spawnFailed(message), stdout: [], stderr: [], stdoutTruncated: false,
                      stderrTruncated: false, channel: [], channelTruncated: false, wallSeconds: 0,
                      cpuSeconds: 0, maxRSSKiB: 0, protections: protections)
    }
}
