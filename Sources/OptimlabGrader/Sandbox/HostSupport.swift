#if canImport(Glibc)
import Glibc
#endif

/// What this machine lets the sandbox do, probed once per process: how to launch (the compiled
/// exec wrapper, else util-linux prlimit + unshare, else nothing), and which kernel features
/// work for this user (namespaces need root or unprivileged user namespaces; Landlock needs
/// Linux ≥ 5.13; a per-namespace pid_max needs Linux ≥ 6.14).
struct HostSupport: Sendable {
    enum Launcher: Sendable, Equatable {
        case wrapper(String)
        case utilities(prlimit: String, unshare: String?)
        case bare
    }

    var launcher: Launcher
    /// Why the compiled wrapper is not the launcher, if it is not.
    var launcherNote: String = ""
    var isRoot: Bool
    var landlockABI = 0
    var userNamespace = false
    var networkNamespace = false
    var pidNamespace = false
    var pidMax = false
    /// The exec wrapper's seccomp filter installs here and denies IP sockets (`-S`).
    var socketFilter = false
    /// The grader is a child subreaper; only set up when there is no PID namespace to rely on.
    var subreaper = false

    static let current = detect(HostEnvironment.current)

    static func detect(_ environment: HostEnvironment) -> HostSupport {
        var host: HostSupport
        switch ExecWrapper.prepare(environment: environment) {
        case .ready(let wrapper):
            if let probed = probe(wrapper) { host = probed; break }
            host = probeUtilities(environment)
            host.launcherNote = "the exec wrapper \(wrapper.path) does not run here (a noexec cache folder?)"
        case .unavailable(let reason):
            host = probeUtilities(environment)
            host.launcherNote = reason
        }
        if !host.pidNamespace { host.subreaper = OrphanSweep.becomeSubreaper() }
        return host
    }

    /// Runs `wrapper --probe`, which tries each feature in a throwaway process and prints
    /// `landlock=7 userns=0 netns=1 pidns=1 pidmax=1 root=1 seccomp=1`; nil if the wrapper cannot run.
    private static func probe(_ wrapper: ExecWrapper) -> HostSupport? {
        let run = Supervisor.run(Launch(argv: [wrapper.path, "--probe"], environment: [:],
                                        wallSeconds: 10, maxOutputBytes: 4096))
        guard run.ending == .status(0) else { return nil }
        var fields: [String: Int] = [:]
        for pair in String(decoding: run.stdout.bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        return HostSupport(
            launcher: .wrapper(wrapper.path), isRoot: fields["root"] == 1 || getuid() == 0,
            landlockABI: fields["landlock"] ?? 0, userNamespace: fields["userns"] == 1,
            networkNamespace: fields["netns"] == 1, pidNamespace: fields["pidns"] == 1,
            pidMax: fields["pidmax"] == 1, socketFilter: fields["seccomp"] == 1)
    }

    /// Without a wrapper: prlimit for the rlimits, unshare for the namespaces if it works here.
    private static func probeUtilities(_ environment: HostEnvironment) -> HostSupport {
        let isRoot = getuid() == 0
        guard let prlimit = executable(among: ["/usr/bin/prlimit", "/bin/prlimit"]) else {
            return HostSupport(launcher: .bare, isRoot: isRoot)
        }
        let unshare = executable(among: ["/usr/bin/unshare", "/bin/unshare"])
        var host = HostSupport(launcher: .utilities(prlimit: prlimit, unshare: unshare), isRoot: isRoot)
        guard let unshare else { return host }
        // A user namespace (-r) where possible, root included: root's capabilities then stay inside.
        for user in isRoot ? [["-r"], []] : [["-r"]] {
            host.networkNamespace = succeeds([unshare] + user + ["-n", "--", "/bin/true"])
            host.pidNamespace = succeeds([unshare] + user + ["-p", "-f", "--kill-child", "--", "/bin/true"])
            host.userNamespace = !user.isEmpty && (host.networkNamespace || host.pidNamespace)
            if host.networkNamespace || host.pidNamespace { break }
        }
        return host
    }

    private static func executable(among paths: [String]) -> String? {
        paths.first { access($0, X_OK) == 0 }
    }

    private static func succeeds(_ argv: [String]) -> Bool {
        Supervisor.run(Launch(argv: argv, environment: [:], wallSeconds: 10, maxOutputBytes: 4096)).ending == .status(0)
    }
}
