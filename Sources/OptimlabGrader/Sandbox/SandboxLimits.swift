/// The resources a sandboxed run may use. Each limit ends the run with a distinct outcome:
/// the wall clock and the output caps are enforced by the supervising loop (`.timedOut`,
/// `.outputLimitExceeded`); the others are kernel rlimits set in the child before exec, so the
/// kernel delivers the verdict as a signal (CPU → SIGXCPU, file size → SIGXFSZ) or as a failed
/// allocation (address space, which Swift turns into SIGABRT) or a failed fork (processes).
public struct SandboxLimits: Sendable, Equatable {
    /// Real time from spawn until the whole process group is killed.
    public var wallSeconds: Double = 10
    /// RLIMIT_CPU soft limit; the hard limit is one second more, so SIGXCPU comes first and
    /// SIGKILL only if the program ignores it.
    public var cpuSeconds: Int = 5
    /// RLIMIT_AS: the virtual address space, in bytes.
    public var memoryBytes: Int = 1 << 30
    /// RLIMIT_FSIZE: the largest file the program may write, in bytes.
    public var fileSizeBytes: Int = 16 << 20
    /// Bytes kept of stdout and of stderr, each; one more byte kills the run.
    public var maxOutputBytes: Int = 64 << 10
    /// Bytes kept of the fd 3 channel, enforced the same way. Larger than the text streams because
    /// a harness reports every step's values there.
    public var maxChannelBytes: Int = 16 << 20
    /// RLIMIT_NPROC inside the sandbox's user namespace, and the PID namespace's pid_max where the
    /// kernel allows it (pid_max has a kernel minimum of 301).
    public var maxProcesses: Int = 64
    /// RLIMIT_NOFILE: open descriptors, the five inherited ones included.
    public var openFiles: Int = 64
    /// When false the program runs in an empty network namespace: even 127.0.0.1 is unreachable.
    public var network: Bool = false

    public init() {}
}
