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
