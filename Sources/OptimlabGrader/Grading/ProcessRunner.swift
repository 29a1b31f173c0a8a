/// What the grader asks to run: the compiler or a compiled submission, confined to a scratch folder.
public struct RunRequest: Sendable {
    public var executable: String
    public var arguments: [String]
    public var scratchDirectory: String
    public var environment: [String: String]
    /// Folders the process may read besides the scratch folder (the toolchain, the harness cache).
    public var readablePaths: [String]
    /// Folders the process may write besides the scratch folder (the compiler's module cache).
    public var writablePaths: [String]
    public var wallSeconds: Double
    public var cpuSeconds: Double
    public var memoryBytes: Int
    /// Bytes kept per stream (stdout, stderr, the channel); more ends the run.
    public var maxOutputBytes: Int

    public init(executable: String, arguments: [String], scratchDirectory: String,
                environment: [String: String] = [:], readablePaths: [String] = [], writablePaths: [String] = [],
                wallSeconds: Double, cpuSeconds: Double, memoryBytes: Int = 1 << 30, maxOutputBytes: Int = 64 << 10) {
        self.executable = executable; self.arguments = arguments; self.scratchDirectory = scratchDirectory
        self.environment = environment; self.readablePaths = readablePaths; self.writablePaths = writablePaths
        self.maxOutputBytes = maxOutputBytes
        self.wallSeconds = wallSeconds; self.cpuSeconds = cpuSeconds; self.memoryBytes = memoryBytes
    }
}

/// How a run ended, and what it wrote.
public struct RunResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case outputLimitExceeded
        case spawnFailed(String)
    }
    public var outcome: Outcome
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// The bytes written to the private channel (fd 3).
    public var channel: [UInt8]
    public var wallSeconds: Double
    /// Protections that were not in force for this run (e.g. "network namespace").
    public var missingProtections: [String]

    public init(outcome: Outcome, stdout: [UInt8] = [], stderr: [UInt8] = [], channel: [UInt8] = [],
                wallSeconds: Double = 0, missingProtections: [String] = []) {
        self.outcome = outcome; self.stdout = stdout; self.stderr = stderr; self.channel = channel
        self.wallSeconds = wallSeconds; self.missingProtections = missingProtections
    }
}

/// Runs a process with limits. The grader never spawns anything except through one of these, so
/// the sandbox (``SandboxRunner``) or a plainer runner can be swapped in one place.
public protocol ProcessRunner: Sendable {
    func run(_ request: RunRequest) -> RunResult
}
