import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// The poll loop over one running sandbox: drains stdout, stderr, the channel and the launcher's status
/// into capped buffers (stdout and stderr past their cap are read and counted, never fatal; the channel
/// past its cap ends the run), and SIGKILLs the leader's group at the deadline.
///
/// The leader's exit is observed through a pidfd with `waitid(WNOWAIT)`: it stays a zombie until
/// ``finish()`` reaps it, so its pid, which is also its group's id, cannot be recycled meanwhile.
struct DrainLoop {
    /// How long to keep draining after the leader exited: the sandbox's processes are dead by then
    /// (its PID namespace died with bwrap), so only buffered bytes are left.
    static let drainGrace = 0.2

    let leader: pid_t
    let deadline: Double
    private var streams: [Int: (fd: Int32, buffer: CappedBuffer)] = [:]
    private var pidFD: Int32
    private(set) var killedFor: RunResult.Outcome?
    private var exitedAt: Double?
    private var chunk = [UInt8](repeating: 0, count: 65536)

    init(leader: pid_t, channels: ChildChannels, deadline: Double, maxOutputBytes: Int, maxChannelBytes: Int) {
        self.leader = leader
        self.deadline = deadline.isNaN ? 0 : deadline
        for index in ChildChannels.stdoutIndex...ChildChannels.statusIndex {
            let limit = switch index {
            case ChildChannels.statusIndex: 4096
            case ChildChannels.channelIndex: maxChannelBytes
            default: maxOutputBytes
            }
            streams[index] = (channels.parentEnd(index), CappedBuffer(limit: limit))
        }
        pidFD = osb_pidfd_open(leader)
    }

    mutating func run() {
        while true {
            let now = MonotonicClock.now()
            if exitedAt == nil && killedFor == nil && now >= deadline { stop(for: .timedOut) }
            if let exitedAt, streams.values.allSatisfy({ $0.fd < 0 }) || now - exitedAt >= Self.drainGrace { break }
            pollOnce(timeoutMilliseconds: timeout(now: now))
            if exitedAt == nil && osb_has_exited(leader) == 1 {
                kill(-leader, SIGKILL)
                exitedAt = MonotonicClock.now()
            }
        }
    }

    /// Reaps the leader; returns its wait status.
    mutating func finish() -> Int32 {
        for index in streams.keys { closeStream(index) }
        if pidFD >= 0 { close(pidFD); pidFD = -1 }
        var status: Int32 = 0
        var usage = rusage()
        _ = osb_reap(leader, &status, &usage)
        return status
    }

    func buffer(_ index: Int) -> CappedBuffer { streams[index]?.buffer ?? CappedBuffer(limit: 0) }

    private func timeout(now: Double) -> Int32 {
        let seconds: Double
        if let exitedAt { seconds = exitedAt + Self.drainGrace - now }
        else if killedFor != nil || pidFD < 0 { seconds = min(0.01, max(0, deadline - now)) }
        else { seconds = deadline - now }
        let bounded = seconds.isNaN ? 0 : min(max(0, seconds), 3600)
        return Int32((bounded * 1000).rounded(.up))
    }

    private mutating func stop(for reason: RunResult.Outcome) {
        if killedFor == nil && exitedAt == nil { killedFor = reason }
        kill(-leader, SIGKILL)
    }

    private mutating func pollOnce(timeoutMilliseconds: Int32) {
        let order = streams.keys.sorted()
        var fds = order.map { pollfd(fd: streams[$0]?.fd ?? -1, events: Int16(POLLIN), revents: 0) }
        fds.append(pollfd(fd: exitedAt == nil ? pidFD : -1, events: Int16(POLLIN), revents: 0))
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return }
        for (slot, index) in order.enumerated() where fds[slot].revents != 0 { drain(index) }
    }

    private mutating func drain(_ index: Int) {
        guard let fd = streams[index]?.fd, fd >= 0 else { return }
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return }
        guard n > 0 else { closeStream(index); return }
        let fits = chunk.withUnsafeBytes { streams[index]?.buffer.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        if fits == false && index == ChildChannels.channelIndex { stop(for: .outputLimitExceeded) }
    }

    private mutating func closeStream(_ index: Int) {
        guard let fd = streams[index]?.fd, fd >= 0 else { return }
        close(fd)
        streams[index]?.fd = -1
    }
}
