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
