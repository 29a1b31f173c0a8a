#if canImport(Glibc)
import Glibc
#endif

/// What one run may see and use, decided from its ``RunRequest`` before anything starts: the first step
/// of a sandboxed run (`SandboxPolicy` → ``BubblewrapCommand`` → ``SandboxRun`` → ``RunResult``).
///
/// The submission's view holds its own binary and case files (copies, in a scratch tmpfs of fixed
/// size), the shared libraries its ELF header names (and theirs), and a fresh /proc and /dev: no /etc,
/// no /tmp, /run or /var (so no host socket), no optimlab, no shell, no interpreter, no compiler. The
/// compiler's view adds the system folders and the toolchain read-only and its scratch folder and module
/// cache read-write; never the host's root as a whole, even when the toolchain root is `/`.
struct SandboxPolicy: Sendable {
    /// A host path mounted at `destination` inside (its own path unless it is a symlinked library).
    struct Mount: Sendable, Equatable {
        var source: String
        var destination: String
    }

    var confinement: RunRequest.Confinement
    /// The program, an absolute path, the same inside the view as outside (the compiler: its symlinks
    /// resolved, so a `/usr/bin/swiftc` → `/etc/alternatives/…` chain needs no /etc in the view).
    var executable: String
    /// Its argv[0]: the name it was asked by (the Swift driver reads its role from it).
    var argv0: String
    var arguments: [String]
    /// The scratch folder's path: the working directory inside.
    var workingDirectory: String
    var environment: [String: String]
    /// Files copied into the view at their own path (submissions: its case files).
    var copiedFiles: [String] = []
    var readOnly: [Mount] = []
    var writable: [Mount] = []
    /// Merged-/usr symlinks recreated inside (`/bin` → `usr/bin`), for the compiler's view.
    var symlinks: [Mount] = []
    /// The size of the scratch tmpfs (submissions); nil: the host scratch folder is bound (the compiler).
    var scratchBytes: Int?

    var wallSeconds: Double
    var cpuSeconds: Int
    /// RLIMIT_AS of each task: the run's memory budget divided by its task cap.
    var addressSpacePerTask: Int
    var tasks: Int
    var fileSizeBytes: Int
    var openFiles: Int
    var maxOutputBytes: Int
    var maxChannelBytes: Int

    /// The compiler's processes and threads (driver, frontend, clang, linker).
    static let compilerTasks = 512
    /// System folders the compiler sees read-only (a symlink among them is recreated as one).
    static let systemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]

    /// The policy for `request`, or why it cannot run.
    static func make(_ request: RunRequest) -> Result<SandboxPolicy, SandboxRefusal> {
        let scratch = request.scratchDirectory
        guard scratch.hasPrefix("/"), FileSystem.isDirectory(scratch) else {
            return .failure(SandboxRefusal("scratch directory does not exist: \(scratch)"))
        }
        let candidate = request.executable.hasPrefix("/") ? request.executable
            : scratch + "/" + (request.executable.hasPrefix("./") ? String(request.executable.dropFirst(2)) : request.executable)
        let resolved = request.confinement == .compiler ? FileSystem.realPath(candidate) : candidate
        guard let executable = resolved, FileSystem.isRegularFile(executable), access(executable, X_OK) == 0 else {
            return .failure(SandboxRefusal("not an executable file: \(request.executable)"))
        }
        var policy = SandboxPolicy(
            confinement: request.confinement, executable: executable,
            argv0: String(candidate.split(separator: "/").last ?? Substring(candidate)), arguments: request.arguments,
            workingDirectory: scratch, environment: request.environment,
            wallSeconds: request.wallSeconds.isNaN ? 0 : request.wallSeconds,
            cpuSeconds: max(1, Int(min(request.cpuSeconds, 86_400).rounded(.up))),
            addressSpacePerTask: 0, tasks: 0, fileSizeBytes: 0, openFiles: 256,
            maxOutputBytes: request.maxOutputBytes, maxChannelBytes: request.maxChannelBytes)
        switch request.confinement {
        case .submission: policy.confineSubmission(request)
        case .compiler: policy.confineCompiler(request)
        }
        return .success(policy)
    }

    private mutating func confineSubmission(_ request: RunRequest) {
        var libraryFolders: [String] = []
        copiedFiles = [executable]
        for path in request.readablePaths {
            if FileSystem.isRegularFile(path) { copiedFiles.append(path) }
            else if FileSystem.isDirectory(path), let real = FileSystem.realPath(path), real != "/" {
                readOnly.append(Mount(source: real, destination: path))
                libraryFolders.append(path)
            }
        }
        readOnly += RuntimeView.mounts(for: executable, libraryFolders: libraryFolders)
        scratchBytes = max(1 << 20, request.scratchBytes)
        tasks = max(1, request.maxTasks)
        addressSpacePerTask = max(16 << 20, request.memoryBytes / tasks)
        fileSizeBytes = scratchBytes ?? 0
        openFiles = 256        // the harness moves the channel to fd 200+
        var base = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no",
                    "MALLOC_ARENA_MAX": "1"]      // one malloc arena: threads do not each reserve 64 MiB of address space
        base.merge(request.environment) { _, caller in caller }
        base["OPTIMLAB_CHANNEL_FD"] = "3"
        environment = base
    }

    private mutating func confineCompiler(_ request: RunRequest) {
        for folder in Self.systemFolders {
            if let target = FileSystem.symlinkTarget(folder) { symlinks.append(Mount(source: target, destination: folder)) }
            else if FileSystem.isDirectory(folder) { readOnly.append(Mount(source: folder, destination: folder)) }
        }
        // The toolchain and the harness library; the host root itself never (a toolchain root of `/`
        // is already covered by the system folders).
        for path in request.readablePaths where !Self.coveredBySystemFolders(path) {
            if let real = FileSystem.realPath(path), FileSystem.isDirectory(real) {
                readOnly.append(Mount(source: real, destination: path))
            }
        }
        let toolchain = Self.toolchainRoot(of: executable)
        if !Self.coveredBySystemFolders(toolchain) && !readOnly.contains(where: { $0.destination == toolchain }) {
            readOnly.append(Mount(source: toolchain, destination: toolchain))
        }
        for path in [workingDirectory] + request.writablePaths where FileSystem.isDirectory(path) {
            writable.append(Mount(source: path, destination: path))
        }
        tasks = max(request.maxTasks, Self.compilerTasks)
        addressSpacePerTask = max(1 << 30, request.memoryBytes)
        fileSizeBytes = 1 << 31
        openFiles = 1024
        environment = request.environment
    }

    /// `/opt/swift/usr/bin/swiftc` → `/opt/swift`.
    static func toolchainRoot(of executable: String) -> String {
        var parts = executable.split(separator: "/").dropLast()          // …/usr/bin
        if parts.last == "bin" { parts = parts.dropLast() }
        if parts.last == "usr" { parts = parts.dropLast() }
        return "/" + parts.joined(separator: "/")
    }

    static func coveredBySystemFolders(_ path: String) -> Bool {
        path == "/" || systemFolders.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}

/// Why the sandbox will not run something: the run is refused, never started unconfined.
struct SandboxRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    var reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}
