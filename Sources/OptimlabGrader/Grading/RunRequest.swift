/// What the grader asks to run: the compiler or a compiled submission, confined to a scratch folder.
public struct RunRequest: Sendable {
    /// How much of the machine the process may see (see ``SandboxPolicy``).
    public enum Confinement: Sendable, Equatable {
        /// A student's compiled program: only its own binary, its case files (copies), the runtime
        /// libraries it links, and an empty scratch tmpfs; every exec after its start is denied.
        case submission
        /// The compiler: the system folders and the toolchain read-only, the scratch folder and the
        /// writable paths read-write; it may exec (the driver runs the frontend and the linker).
        case compiler
    }

    public var executable: String
    public var arguments: [String]
    public var scratchDirectory: String
    public var environment: [String: String]
    /// `.submission`: files copied into the view at the same path (the case files) and folders bound
    /// read-only (the runtime libraries). `.compiler`: folders bound read-only (the harness library).
    public var readablePaths: [String]
    /// Folders the compiler may write besides the scratch folder (its module cache); unused for submissions.
    public var writablePaths: [String]
    public var confinement: Confinement
    /// The time budget of the whole run (every case of a batch), from spawn until everything is killed.
    public var wallSeconds: Double
    /// RLIMIT_CPU of each task.
    public var cpuSeconds: Double
    /// The memory budget of the whole run: each of `maxTasks` tasks gets `memoryBytes / maxTasks` of
    /// address space, so no number of children can together exceed it.
    public var memoryBytes: Int
    /// Processes and threads the run may have at once (RLIMIT_NPROC inside its user namespace).
    public var maxTasks: Int
    /// The size of the submission's scratch tmpfs: its total disk quota.
    public var scratchBytes: Int
    /// Bytes kept of stdout and of stderr, each; more is drained and counted, never fatal.
    public var maxOutputBytes: Int
    /// Bytes kept of the result channel; more ends the run (`.outputLimitExceeded`).
    public var maxChannelBytes: Int

    public init(executable: String, arguments: [String], scratchDirectory: String,
                environment: [String: String] = [:], readablePaths: [String] = [], writablePaths: [String] = [],
                confinement: Confinement = .submission,
                wallSeconds: Double, cpuSeconds: Double, memoryBytes: Int = 1 << 30, maxTasks: Int = 8,
                scratchBytes: Int = 64 << 20, maxOutputBytes: Int = 64 << 10, maxChannelBytes: Int = 16 << 20) {
        self.executable = executable; self.arguments = arguments; self.scratchDirectory = scratchDirectory
        self.environment = environment; self.readablePaths = readablePaths; self.writablePaths = writablePaths
        self.confinement = confinement
        self.wallSeconds = wallSeconds; self.cpuSeconds = cpuSeconds; self.memoryBytes = memoryBytes
        self.maxTasks = maxTasks; self.scratchBytes = scratchBytes
        self.maxOutputBytes = maxOutputBytes; self.maxChannelBytes = maxChannelBytes
    }
}
