#if canImport(Glibc)
import Glibc
#endif

/// What to run and where: the arguments of `Sandbox.run` other than the limits, with the
/// executable resolved (a bare name is looked up on the child's PATH, a relative path is taken
/// relative to the scratch folder, which is the child's working directory).
struct SandboxRequest: Sendable {
    var executable: String
    var arguments: [String]
    var scratchDirectory: String
    var stdin: [UInt8] = []
    var environment: [String: String] = [:]
    var readablePaths: [String] = []
    var writablePaths: [String] = []

    /// The child's complete environment: the caller's variables over a minimal base, plus the
    /// channel's descriptor number, which the caller cannot move.
    var childEnvironment: [String: String] {
        var base = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no"]
        base.merge(environment) { _, caller in caller }
        base["OPTIMLAB_CHANNEL_FD"] = "3"
        return base
    }

    /// The executable as an absolute path, or nil if there is no such executable file.
    var resolvedExecutable: String? {
        let candidate: String?
        if executable.hasPrefix("/") { candidate = executable }
        else if executable.hasPrefix("./") { candidate = scratchDirectory + "/" + executable.dropFirst(2) }
        else if executable.contains("/") { candidate = scratchDirectory + "/" + executable }
        else { candidate = HostEnvironment(variables: [:]).which(executable, searchPath: childEnvironment["PATH"]) }
        guard let candidate, access(candidate, X_OK) == 0, !Self.isDirectory(candidate) else { return nil }
        return candidate
    }

    /// Why the run cannot start, or nil.
    var problem: String? {
        if !scratchDirectory.hasPrefix("/") { return "scratch directory must be an absolute path: \(scratchDirectory)" }
        if !Self.isDirectory(scratchDirectory) { return "scratch directory does not exist: \(scratchDirectory)" }
        if resolvedExecutable == nil { return "not an executable file: \(executable)" }
        return nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
