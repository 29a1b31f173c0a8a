#if canImport(Glibc)
import Glibc
#endif

/// The second step of a sandboxed run: the ``SandboxPolicy`` as a bubblewrap command line, plus the files
/// handed to bwrap as descriptors (fd 5 the launcher, fd 6… the files copied into the view).
///
/// Every run gets new user, mount, PID, network, IPC, UTS and cgroup namespaces (`--unshare-all`), uid and
/// gid 65534 inside with no capabilities, a new session (no terminal to inject keystrokes into), an
/// environment of only what the policy lists, and dies with the grader. A grader running as root starts
/// a submission's bwrap as uid 65534 (`setpriv`), so the submission's files outside are not root's either
/// and its task cap holds (the kernel exempts uid 0 from RLIMIT_NPROC).
struct BubblewrapCommand: Sendable {
    var argv: [String]
    /// Host files opened read-only and passed as fd 6, 7, …, in the order of their `--file` options.
    var files: [String]

    static let launcherDescriptor: Int32 = 5
    static let firstFileDescriptor: Int32 = 6
    /// Where the launcher is copied inside: bwrap's own root tmpfs, outside every bound folder.
    static let launcherPath = "/optimlab-launcher"
    /// The unprivileged identity inside every sandbox (and outside, for a root grader's submissions).
    static let sandboxID = 65534

    init(_ policy: SandboxPolicy, host: SandboxHost) {
        var argv: [String] = []
        if policy.confinement == .submission, let setpriv = host.setpriv {
            argv = [setpriv, "--reuid=\(Self.sandboxID)", "--regid=\(Self.sandboxID)", "--clear-groups", "--"]
        }
        argv += [host.bwrap] + Self.isolation
        for key in policy.environment.keys.sorted() { argv += ["--setenv", key, policy.environment[key] ?? ""] }
        argv += ["--proc", "/proc", "--dev", "/dev"]
        for mount in policy.symlinks { argv += ["--symlink", mount.source, mount.destination] }
        for mount in policy.readOnly + Self.missing(host.launcherLibraries, from: policy) {
            argv += ["--ro-bind", mount.source, mount.destination]
        }
        for mount in policy.writable { argv += ["--bind", mount.source, mount.destination] }
        var files: [String] = []
        if let size = policy.scratchBytes {
            argv += ["--perms", "0700", "--size", "\(size)", "--tmpfs", policy.workingDirectory]
            for (i, file) in policy.copiedFiles.enumerated() {
                argv += ["--perms", i == 0 ? "0555" : "0444",
                         "--file", "\(Self.firstFileDescriptor + Int32(i))", file]
            }
            files = policy.copiedFiles
        }
        argv += ["--perms", "0555", "--file", "\(Self.launcherDescriptor)", Self.launcherPath]
        argv += ["--chdir", policy.workingDirectory, Self.launcherPath] + Self.limitFlags(policy)
        argv += ["--", policy.executable] + policy.arguments
        self.argv = argv
        self.files = files
    }

    /// The probe: the launcher alone, in a submission's namespaces, checking its filter from inside.
    init(probeWith host: SandboxHost, launcherLibraries: [SandboxPolicy.Mount]) {
        var argv: [String] = []
        if let setpriv = host.setpriv {
            argv = [setpriv, "--reuid=\(Self.sandboxID)", "--regid=\(Self.sandboxID)", "--clear-groups", "--"]
        }
        argv += [host.bwrap] + Self.isolation + ["--proc", "/proc", "--dev", "/dev"]
        for mount in launcherLibraries { argv += ["--ro-bind", mount.source, mount.destination] }
        argv += ["--perms", "0555", "--file", "\(Self.launcherDescriptor)", Self.launcherPath, Self.launcherPath, "--probe"]
        self.argv = argv
        files = []
    }

    /// The launcher's libraries that the policy's view does not already hold (at that path or under a
    /// bound or symlinked folder).
    static func missing(_ mounts: [SandboxPolicy.Mount], from policy: SandboxPolicy) -> [SandboxPolicy.Mount] {
        let present = (policy.readOnly + policy.symlinks).map(\.destination)
        return mounts.filter { mount in
            !present.contains { mount.destination == $0 || mount.destination.hasPrefix($0 + "/") }
        }
    }

    private static let isolation = [
        "--unshare-all", "--die-with-parent", "--new-session",
        "--uid", "\(sandboxID)", "--gid", "\(sandboxID)", "--cap-drop", "ALL",
        "--hostname", "optimlab", "--clearenv",
    ]

    private static func limitFlags(_ policy: SandboxPolicy) -> [String] {
        var flags = ["-c", "\(policy.cpuSeconds)", "-a", "\(policy.addressSpacePerTask)",
                     "-f", "\(policy.fileSizeBytes)", "-o", "\(policy.openFiles)", "-n", "\(policy.tasks)"]
        if policy.confinement == .compiler { flags += ["--allow-exec", "-0", policy.argv0] }
        return flags
    }
}
