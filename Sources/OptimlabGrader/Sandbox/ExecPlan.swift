import CSandbox

/// How one request is launched on one host: the command line that applies every available
/// protection before exec'ing the submission, the protections that are then in force, and how
/// to read the leader's wait status back.
struct ExecPlan: Sendable {
    var argv: [String]
    /// The exec wrapper reports setup failures on fd 4.
    var reportsSetupErrors = false
    /// With util-linux, `/bin/sh` is the PID namespace's pid 1 and reports a signal as 128+n.
    var exitCodesCarrySignals = false
    var protections: SandboxProtections

    init(host: HostSupport, request: SandboxRequest, executable: String, limits: SandboxLimits) {
        let choice = Choice(host: host, limits: limits)
        let target = [executable] + request.arguments
        switch host.launcher {
        case .wrapper(let path):
            argv = Self.wrapperArgv(path, host, choice, request, limits) + target
            reportsSetupErrors = true
        case .utilities(let prlimit, let unshare):
            argv = Self.utilitiesArgv(prlimit, unshare, host, choice, request, limits) + target
            exitCodesCarrySignals = host.pidNamespace
        case .bare:
            argv = ["/usr/bin/env", "-C", request.scratchDirectory, "--"] + target
        }
        protections = Self.protections(host: host, limits: limits, choice: choice)
    }

    /// Which namespaces and process bounds a run gets on a host.
    private struct Choice {
        /// An empty network namespace: asked for (network off) and available.
        var networkNamespace: Bool
        /// A user namespace: unprivileged callers need one for the other namespaces, and in one
        /// root's capabilities stop at the sandbox's own namespaces.
        var userNamespace: Bool
        /// Without a network namespace, Landlock (ABI ≥ 4) can still deny TCP bind and connect.
        var landlockTCP: Bool
        /// Without a network namespace, a seccomp filter denies IP and packet sockets outright (UDP
        /// included, which Landlock cannot stop).
        var socketFilter: Bool
        /// RLIMIT_NPROC counting only the sandbox (in a user namespace), or the namespace's pid_max.
        var processLimit: Bool

        init(host: HostSupport, limits: SandboxLimits) {
            networkNamespace = !limits.network && host.networkNamespace
            landlockTCP = !limits.network && !networkNamespace && host.landlockABI >= 4 && ExecPlan.isWrapper(host)
            socketFilter = !limits.network && !networkNamespace && host.socketFilter && ExecPlan.isWrapper(host)
            userNamespace = host.userNamespace && (ExecPlan.isWrapper(host) || networkNamespace || host.pidNamespace)
            processLimit = (host.pidNamespace && host.pidMax && ExecPlan.isWrapper(host)) || (userNamespace && !host.isRoot)
        }
    }

    /// `wrapper <rlimits> [-U] [-N] [-P [-M]] [-L abi -w scratch … [-T]] [-S] -d scratch --`
    private static func wrapperArgv(_ path: String, _ host: HostSupport, _ choice: Choice,
                                    _ request: SandboxRequest, _ limits: SandboxLimits) -> [String] {
        var argv = [path] + rlimitFlags(limits, nproc: choice.processLimit)
        if choice.userNamespace { argv.append("-U") }
        if choice.networkNamespace { argv.append("-N") }
        if host.pidNamespace { argv += host.pidMax ? ["-P", "-M"] : ["-P"] }
        if host.landlockABI > 0 { argv += landlockFlags(host.landlockABI, request) + (choice.landlockTCP ? ["-T"] : []) }
        if choice.socketFilter { argv.append("-S") }
        return argv + ["-d", request.scratchDirectory, "--"]
    }

    /// `[unshare [-r] [-n] [-p -f --kill-child] --] prlimit … -- [sh -c '"$@"' sh] env -C scratch --`:
    /// unshare first, so that RLIMIT_NPROC is set inside the user namespace; sh as pid 1, so the
    /// target is pid 2 and its self-sent signals are not dropped.
    private static func utilitiesArgv(_ prlimit: String, _ unshare: String?, _ host: HostSupport, _ choice: Choice,
                                      _ request: SandboxRequest, _ limits: SandboxLimits) -> [String] {
        var argv: [String] = []
        if let unshare, choice.networkNamespace || host.pidNamespace {
            argv = [unshare] + (choice.userNamespace ? ["-r"] : []) + (choice.networkNamespace ? ["-n"] : [])
            argv += (host.pidNamespace ? ["-p", "-f", "--kill-child"] : []) + ["--"]
        }
        argv += [prlimit] + prlimitFlags(limits, nproc: choice.userNamespace && !host.isRoot) + ["--"]
        if host.pidNamespace { argv += ["/bin/sh", "-c", "\"$@\"", "sh"] }
        return argv + ["/usr/bin/env", "-C", request.scratchDirectory, "--"]
    }

    /// Reads the supervisor's observation as the submission's outcome.
    func outcome(of run: Supervised) -> SandboxOutcome {
        switch run.ending {
        case .spawnFailed(let message): return .spawnFailed(message)
        case .timedOut: return .timedOut
        case .outputLimitExceeded: return .outputLimitExceeded
        case .status(let status):
            if !run.setupError.isEmpty { return .spawnFailed("sandbox setup failed: \(run.setupError)") }
            var value: Int32 = 0
            if osb_decode_status(status, &value) == 1 { return .signaled(value) }
            if exitCodesCarrySignals && value > 128 && value < 128 + 65 { return .signaled(value - 128) }
            return .exited(value)
        }
    }

    fileprivate static func isWrapper(_ host: HostSupport) -> Bool {
        if case .wrapper = host.launcher { return true }
        return false
    }

    private static func rlimitFlags(_ limits: SandboxLimits, nproc: Bool) -> [String] {
        var flags = ["-c", "\(max(1, limits.cpuSeconds))", "-a", "\(max(0, limits.memoryBytes))",
                     "-f", "\(max(0, limits.fileSizeBytes))", "-o", "\(max(5, limits.openFiles))"]
        if nproc { flags += ["-n", "\(max(1, limits.maxProcesses))"] }
        return flags
    }

    private static func prlimitFlags(_ limits: SandboxLimits, nproc: Bool) -> [String] {
        let cpu = max(1, limits.cpuSeconds)
        var flags = ["--cpu=\(cpu):\(cpu + 1)", "--as=\(max(0, limits.memoryBytes))",
                     "--fsize=\(max(0, limits.fileSizeBytes))", "--nofile=\(max(5, limits.openFiles))", "--core=0"]
        if nproc { flags.append("--nproc=\(max(1, limits.maxProcesses))") }
        return flags
    }

    private static func landlockFlags(_ abi: Int, _ request: SandboxRequest) -> [String] {
        var flags = ["-L", "\(abi)", "-w", request.scratchDirectory]
        for path in request.writablePaths { flags += ["-w", path] }
        for path in request.readablePaths { flags += ["-r", path] }
        return flags
    }

    private static func protections(host: HostSupport, limits: SandboxLimits, choice: Choice) -> SandboxProtections {
        let network = choice.networkNamespace, processLimit = choice.processLimit
        let confinement = isWrapper(host) && host.landlockABI > 0
        let resources = host.launcher != .bare
        var missing: [String] = []
        if !host.pidNamespace { missing.append("PID namespace") }
        if !host.pidNamespace && !host.subreaper { missing.append("cleanup of escaped descendants (subreaper)") }
        if !limits.network && !network && !choice.socketFilter { missing.append("network isolation (network namespace)") }
        if !confinement { missing.append("filesystem confinement (Landlock)") }
        if !resources { missing.append("resource limits") }
        if !processLimit { missing.append("process-count limit") }
        let unprivileged = !host.isRoot || choice.userNamespace
        if !unprivileged { missing.append("dropping root's capabilities (user namespace)") }
        return SandboxProtections(pidNamespace: host.pidNamespace, networkNamespace: network,
                                  ipSocketsDenied: choice.socketFilter,
                                  filesystemConfinement: confinement, resourceLimits: resources,
                                  subreaper: host.subreaper, processLimit: processLimit,
                                  unprivileged: unprivileged, missing: missing)
    }
}
