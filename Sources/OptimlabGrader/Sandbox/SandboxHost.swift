import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// What the sandbox runs with on this machine, checked once per process: bubblewrap (a root-owned system
/// binary, never one found on PATH), the launcher's bytes (read once, hashed, and handed to every run as
/// a sealed memfd, so no file the grader did not check is ever executed), and a probe that runs the
/// launcher in a real sandbox and checks from inside that the filter, no_new_privs, the empty capability
/// set and the unprivileged uid are all in force. When any of it fails, every run is refused.
struct SandboxHost: Sendable {
    var bwrap: String
    /// `setpriv`, when the grader is root: submissions' bwrap then runs as uid 65534.
    var setpriv: String?
    var launcher: [UInt8]
    /// SHA-256 of the launcher, hex.
    var launcherDigest: String
    /// The launcher's own libraries (the Swift runtime folder it was linked against, libc, the loader),
    /// bound in every view.
    var launcherLibraries: [SandboxPolicy.Mount]

    static let current: Result<SandboxHost, SandboxRefusal> = detect()

    static let bwrapCandidates = ["/usr/bin/bwrap", "/bin/bwrap"]
    static let setprivCandidates = ["/usr/bin/setpriv", "/bin/setpriv"]
    static let launcherName = "optimlab-launcher"

    static func detect() -> Result<SandboxHost, SandboxRefusal> {
        guard let bwrap = bwrapCandidates.first(where: { access($0, X_OK) == 0 }) else {
            return .failure(SandboxRefusal("bubblewrap (bwrap) is not installed: apt-get install bubblewrap"))
        }
        guard let real = FileSystem.realPath(bwrap), FileSystem.isTrusted(real), trustedFolders(of: real) else {
            return .failure(SandboxRefusal("\(bwrap) is writable by someone other than root or this user"))
        }
        var setpriv: String?
        if geteuid() == 0 {
            setpriv = setprivCandidates.first { access($0, X_OK) == 0 && FileSystem.isTrusted($0) }
            if setpriv == nil { return .failure(SandboxRefusal("grading as root needs setpriv (util-linux) to drop to uid 65534")) }
        }
        let launcher: (path: String, bytes: [UInt8])
        switch loadLauncher() {
        case .success(let found): launcher = found
        case .failure(let refusal): return .failure(refusal)
        }
        // The launcher is linked by SwiftPM with the Swift runtime (a C program, but linked by swiftc): its
        // run path (our own build's toolchain folder) and the libraries found through it join every view.
        let runPath = RuntimeView.dependencies(of: launcher.path).runPath.filter(FileSystem.isDirectory)
        let libraries = runPath.map { SandboxPolicy.Mount(source: FileSystem.realPath($0) ?? $0, destination: $0) }
            + RuntimeView.mounts(for: launcher.path, libraryFolders: runPath)
        let host = SandboxHost(bwrap: real, setpriv: setpriv, launcher: launcher.bytes,
                               launcherDigest: Digest.sha256Hex(launcher.bytes), launcherLibraries: libraries)
        if let problem = host.probe() { return .failure(SandboxRefusal("the sandbox does not work here: \(problem)")) }
        return .success(host)
    }

    /// The launcher built next to the running executable (`optimlab`, or the test runner in `.build/…`).
    static func loadLauncher() -> Result<(path: String, bytes: [UInt8]), SandboxRefusal> {
        guard let me = FileSystem.realPath("/proc/self/exe") else { return .failure(SandboxRefusal("cannot find /proc/self/exe")) }
        let folder = String(me[..<(me.lastIndex(of: "/") ?? me.startIndex)])
        let path = folder + "/" + launcherName
        guard FileSystem.isRegularFile(path), FileSystem.isTrusted(path) else {
            return .failure(SandboxRefusal("\(path) is missing or writable by others (build it with `swift build`)"))
        }
        guard let bytes = readFile(path), !bytes.isEmpty else { return .failure(SandboxRefusal("cannot read \(path)")) }
        return .success((path, bytes))
    }

    private static func trustedFolders(of path: String) -> Bool {
        var folder = path
        while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            folder = String(folder[..<slash])
            if !FileSystem.isTrusted(folder) { return false }
        }
        return true
    }

    static func readFile(_ path: String, limit: Int = 64 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
        return nil
    }

    /// Runs the launcher's probe; nil when every protection is in force, else what is missing.
    func probe() -> String? {
        let command = BubblewrapCommand(probeWith: self, launcherLibraries: launcherLibraries)
        let run = SandboxRun.run(command, host: self, wallSeconds: 20, cpuSeconds: 20, tasks: 1, maxOutputBytes: 4096, maxChannelBytes: 4096)
        let said = trimmedLines(run.stdoutText)
        // (bwrap nests a second user namespace to become uid 65534 after mounting /dev, so the "outside"
        // the probe can see is that namespace's own uid 0: informative only.)
        guard run.outcome == .exited(0), said.hasPrefix("ok uid=\(BubblewrapCommand.sandboxID) outside=") else {
            let detail = [said, trimmedLines(run.stderrText)].filter { !$0.isEmpty }.joined(separator: "; ")
            return "\(run.outcome)\(detail.isEmpty ? "" : ": " + detail)"
        }
        return nil
    }

}

private func trimmedLines(_ text: String) -> String {
    var s = Substring(text)
    while s.first == "\n" { s = s.dropFirst() }
    while s.last == "\n" { s = s.dropLast() }
    return String(s)
}
