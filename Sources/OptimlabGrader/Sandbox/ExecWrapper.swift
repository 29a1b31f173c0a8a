import OptimlabEngine
#if canImport(Glibc)
import Glibc
#endif

/// The compiled exec wrapper (source: `ExecWrapperSource`), which the sandbox spawns in place
/// of the submission; it confines itself and then execs the submission.
///
/// Why a wrapper compiled at first use, rather than `prlimit` + `unshare` from util-linux:
/// - Landlock has no command-line tool, and it must be applied in the child, after fork and
///   before exec: posix_spawn cannot run code there, so some program of ours has to.
/// - One small C program does the whole chain in one exec: rlimits, a user namespace set up
///   *before* RLIMIT_NPROC (so the limit counts only the sandbox's processes), the network and
///   PID namespaces, the per-namespace pid_max, and a pid-1 reaper that hands the target's
///   signal back (an init cannot be killed by its own signals).
/// - It fails closed and says why: each setup step that fails writes its reason on fd 4, so a
///   missing executable is never confused with a submission that exits 127.
/// - A C compiler is there whenever submissions can be graded: every Swift toolchain ships
///   clang. The binary is cached under `$XDG_CACHE_HOME/optimlab` (or `~/.cache/optimlab`),
///   named by a hash of its source, so it is built once per machine and version.
/// If no compiler works the sandbox falls back to prlimit + unshare and reports filesystem
/// confinement as missing.
struct ExecWrapper: Sendable {
    let path: String

    enum Preparation: Sendable {
        case ready(ExecWrapper)
        case unavailable(String)
    }

    /// Finds the cached wrapper or builds it.
    static func prepare(environment: HostEnvironment = .current) -> Preparation {
        guard let directory = cacheDirectory(environment) else {
            return .unavailable("no writable cache directory for the exec wrapper")
        }
        let path = directory + "/sandbox-exec-" + fnv1aHex(ExecWrapperSource.text)
        if access(path, X_OK) == 0 { return .ready(ExecWrapper(path: path)) }
        guard let compiler = environment.compilerPath() else {
            return .unavailable("no C compiler (cc, clang or gcc) on PATH to build the exec wrapper")
        }
        if let problem = compile(with: compiler, to: path, environment: environment) {
            return .unavailable(problem)
        }
        return .ready(ExecWrapper(path: path))
    }

    /// Compiles to a temporary name and renames, so concurrent graders never run a half-written file.
    private static func compile(with compiler: String, to path: String, environment: HostEnvironment) -> String? {
        let temporary = path + ".tmp\(getpid())"
        let built = Supervisor.run(Launch(
            argv: [compiler, "-O2", "-x", "c", "-o", temporary, "-"],
            environment: ["PATH": environment.path, "LANG": "C"],
            stdin: Array(ExecWrapperSource.text.utf8), wallSeconds: 120, maxOutputBytes: 16 << 10))
        guard built.ending == .status(0), rename(temporary, path) == 0 else {
            unlink(temporary)
            let output = String(decoding: built.stderr.bytes.prefix(300), as: UTF8.self)
            return "building the exec wrapper with \(compiler) failed: \(output)"
        }
        return nil
    }

    /// `$XDG_CACHE_HOME/optimlab`, else `$HOME/.cache/optimlab`, else `/tmp/optimlab-<uid>`;
    /// created with mode 0700, since whoever can replace the wrapper can escape the sandbox.
    static func cacheDirectory(_ environment: HostEnvironment) -> String? {
        var candidates: [String] = []
        if let xdg = environment.value("XDG_CACHE_HOME"), xdg.hasPrefix("/") { candidates.append(xdg + "/optimlab") }
        if let home = environment.value("HOME"), home.hasPrefix("/") { candidates.append(home + "/.cache/optimlab") }
        candidates.append("/tmp/optimlab-\(getuid())")
        return candidates.first { makeDirectories($0) }
    }

    private static func makeDirectories(_ path: String) -> Bool {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return false }
        }
        return isPrivate(path)
    }

    /// Ours, and writable by nobody else: otherwise another user could swap the wrapper.
    private static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return false }
        return info.st_uid == geteuid() && info.st_mode & 0o022 == 0 && access(path, W_OK | X_OK) == 0
    }

    /// 64-bit FNV-1a: a cache key, not a security boundary (the cache directory is private).
    static func fnv1aHex(_ text: String) -> String {
        let hex = String(StableHash.of(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
