/// How a run ended, and what it wrote.
public struct RunResult: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The program exited by itself with this status.
        case exited(Int32)
        /// The program was killed by this signal (SIGSEGV 11, SIGILL 4 for a Swift trap, SIGABRT 6 for an
        /// allocation over the memory limit, SIGXFSZ 25, SIGKILL 9); never by the time limit's signals.
        case signaled(Int32)
        /// The time limit ran out, whichever mechanism stopped the program: the wall-clock budget (every
        /// process of the run was killed) or the CPU limit (SIGXCPU, or SIGKILL at its hard limit).
        case timedOut
        /// The result channel went past its cap; every process of the run was killed.
        case outputLimitExceeded
        /// The program never started; the message says why (no such file, the sandbox refused).
        case spawnFailed(String)
    }
    public var outcome: Outcome
    /// The first `maxOutputBytes` of standard output.
    public var stdout: [UInt8]
    /// The first `maxOutputBytes` of standard error.
    public var stderr: [UInt8]
    /// How many bytes the program wrote to stdout and to stderr in all (the rest was drained, not kept).
    public var stdoutBytes: Int
    public var stderrBytes: Int
    /// The bytes written to the private channel (fd 3).
    public var channel: [UInt8]
    public var wallSeconds: Double
    /// Protections that were not in force for this run. The sandbox refuses to run without any of its
    /// protections, so for ``SandboxRunner`` this is always empty; other runners may fill it.
    public var missingProtections: [String]

    public init(outcome: Outcome, stdout: [UInt8] = [], stderr: [UInt8] = [], channel: [UInt8] = [],
                wallSeconds: Double = 0, missingProtections: [String] = [], stdoutBytes: Int? = nil, stderrBytes: Int? = nil) {
        self.outcome = outcome; self.stdout = stdout; self.stderr = stderr; self.channel = channel
        self.wallSeconds = wallSeconds; self.missingProtections = missingProtections
        self.stdoutBytes = stdoutBytes ?? stdout.count; self.stderrBytes = stderrBytes ?? stderr.count
    }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var channelText: String { String(decoding: channel, as: UTF8.self) }
}
