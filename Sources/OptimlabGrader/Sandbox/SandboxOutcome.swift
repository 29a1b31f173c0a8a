/// How a sandboxed run ended.
public enum SandboxOutcome: Sendable, Equatable {
    /// The program exited by itself with this status.
    case exited(Int32)
    /// The program was killed by this signal: SIGSEGV 11, SIGILL 4 (a Swift trap on x86_64),
    /// SIGABRT 6 (an allocation failure under the memory limit), SIGXCPU 24 (the CPU limit),
    /// SIGXFSZ 25 (the file-size limit), SIGKILL 9 (the hard CPU limit).
    case signaled(Int32)
    /// The wall-clock limit passed; the sandbox killed every process of the run.
    case timedOut
    /// A stream went past `maxOutputBytes`; the sandbox killed every process of the run.
    case outputLimitExceeded
    /// The program never started; the message says why (missing executable, a protection the
    /// kernel refused, no scratch directory).
    case spawnFailed(String)
}
