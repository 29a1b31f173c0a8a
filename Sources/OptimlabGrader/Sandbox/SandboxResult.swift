/// Everything observed about one sandboxed run.
public struct SandboxResult: Sendable {
    public var outcome: SandboxOutcome
    /// The first `maxOutputBytes` of standard output.
    public var stdout: [UInt8]
    /// The first `maxOutputBytes` of standard error.
    public var stderr: [UInt8]
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    /// Bytes the child wrote to the private channel (fd 3), capped like the other streams.
    public var channel: [UInt8]
    public var channelTruncated: Bool
    /// Real time from spawn to reap.
    public var wallSeconds: Double
    /// User + system CPU time of the program and every descendant that was reaped.
    public var cpuSeconds: Double
    /// Peak resident set size of the largest process, in KiB.
    public var maxRSSKiB: Int
    public var protections: SandboxProtections

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var channelText: String { String(decoding: channel, as: UTF8.self) }
}
