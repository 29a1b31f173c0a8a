#if canImport(Glibc)
import Glibc
#endif

/// What the supervisor observed.
struct Supervised: Sendable {
    var ending: Ending
    var stdout: CappedBuffer
    var stderr: CappedBuffer
    var channel: CappedBuffer
    /// What the exec wrapper wrote on fd 4: empty when the target was exec'd.
    var setupError: String = ""
    /// The spawned leader's pid (already reaped), nil if nothing was spawned.
    var leader: pid_t?
    var wallSeconds = 0.0
    var cpuSeconds = 0.0
    var maxRSSKiB = 0
}
