import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// The poll loop over one running leader.
struct Watch {
    /// How long to keep draining the pipes after the leader exited: only an escaped process
    /// could still hold them, and it gets killed by the caller's sweep.
    static let drainGrace = 0.2

    let leader: pid_t
    let deadline: Double
    var streams: [Int: (fd: Int32, buffer: CappedBuffer)] = [:]
    var stdinFD: Int32
    var pendingStdin: ArraySlice<UInt8>
    var pidFD: Int32
    var killedFor: Ending?
    var exitedAt: Double?
    /// The leader's children when it was killed: with a PID namespace, its pid 1, whose death
    /// means every process of the namespace is dead.
    var doomed: [pid_t] = []
    /// Reused for every read.
    var chunk = [UInt8](repeating: 0, count: 65536)

    init(leader: pid_t, channels: ChildChannels, launch: Launch, start: Double) {
        self.leader = leader
        deadline = start + (launch.wallSeconds.isNaN ? 0 : launch.wallSeconds)   // +inf: no deadline
        for index in ChildChannels.stdoutIndex..<channels.pairs.count {
            let limit = switch index {
            case ChildChannels.setupIndex: 4096
            case ChildChannels.channelIndex: launch.maxChannelBytes
            default: launch.maxOutputBytes
            }
            streams[index] = (channels.parentEnd(index), CappedBuffer(limit: limit))
        }
        stdinFD = channels.parentEnd(ChildChannels.stdinIndex)
        pendingStdin = launch.stdin[...]
        pidFD = osb_pidfd_open(leader)
        if pendingStdin.isEmpty { closeStdin() }
    }

    mutating func run() {
        while true {
            let now = MonotonicClock.now()
            if exitedAt == nil && killedFor == nil && now >= deadline { stop(for: .timedOut) }
            if let exitedAt, streams.values.allSatisfy({ $0.fd < 0 }) || now - exitedAt >= Self.drainGrace { break }
            pollOnce(timeoutMilliseconds: timeout(now: now))
            if exitedAt == nil && osb_has_exited(leader) == 1 {
                kill(-leader, SIGKILL)          // background children left in the group
                exitedAt = MonotonicClock.now()
            }
        }
    }

    /// Reaps the leader and assembles what was seen.
    mutating func finish() -> Supervised {
        for index in streams.keys { closeStream(index) }
        closeStdin()
        if pidFD >= 0 { close(pidFD); pidFD = -1 }
        var status: Int32 = 0
        var usage = rusage()
        _ = osb_reap(leader, &status, &usage)
        awaitDoomed()
        _ = Supervisor.activeLeaders.withLock { $0.remove(leader) }
        return Supervised(
            ending: killedFor ?? .status(status),
            stdout: buffer(ChildChannels.stdoutIndex),
            stderr: buffer(ChildChannels.stderrIndex),
            channel: buffer(ChildChannels.channelIndex),
            setupError: String(decoding: buffer(ChildChannels.setupIndex).bytes, as: UTF8.self),
            leader: leader,
            cpuSeconds: Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime),
            maxRSSKiB: usage.ru_maxrss)
    }

    private func buffer(_ index: Int) -> CappedBuffer { streams[index]?.buffer ?? CappedBuffer(limit: 0) }

    private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

    private func timeout(now: Double) -> Int32 {
        let seconds: Double
        if let exitedAt { seconds = exitedAt + Self.drainGrace - now }
        else if killedFor != nil || pidFD < 0 { seconds = min(0.01, max(0, deadline - now)) }
        else { seconds = deadline - now }
        let bounded = seconds.isNaN ? 0 : min(max(0, seconds), 3600)   // poll again at least hourly
        return Int32((bounded * 1000).rounded(.up))
    }

    private mutating func stop(for reason: Ending) {
        if killedFor == nil && exitedAt == nil {
            killedFor = reason
            doomed = Self.children(of: leader)
        }
        kill(-leader, SIGKILL)
    }

    private static func children(of pid: pid_t) -> [pid_t] {
        var pids = [pid_t](repeating: 0, count: 256)
        let count = Int(osb_list_children(pid, &pids, Int32(pids.count)))
        return Array(pids.prefix(max(0, count)))
    }

    /// After a kill, waits (briefly) until the killed leader's children are dead too: a PID
    /// namespace's init finishes dying only once the kernel has killed and reaped everything in
    /// the namespace, so afterwards nothing of the run is left, not even a `setsid` escapee.
    private func awaitDoomed(within seconds: Double = 1) {
        let giveUp = MonotonicClock.now() + seconds
        for pid in doomed {
            while osb_is_alive(pid) == 1 && MonotonicClock.now() < giveUp { usleep(1000) }
        }
    }

    private mutating func pollOnce(timeoutMilliseconds: Int32) {
        let order = streams.keys.sorted()
        var fds = order.map { pollfd(fd: streams[$0]?.fd ?? -1, events: Int16(POLLIN), revents: 0) }
        fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0))
        fds.append(pollfd(fd: exitedAt == nil ? pidFD : -1, events: Int16(POLLIN), revents: 0))
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return }
        for (slot, index) in order.enumerated() where fds[slot].revents != 0 { drain(index) }
        if fds[order.count].revents != 0 { feedStdin() }
    }

    private mutating func drain(_ index: Int) {
        guard let fd = streams[index]?.fd, fd >= 0 else { return }
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return }
        guard n > 0 else { closeStream(index); return }
        let fits = chunk.withUnsafeBytes { streams[index]?.buffer.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        if fits == false && index != ChildChannels.setupIndex { stop(for: .outputLimitExceeded) }
    }

    private mutating func feedStdin() {
        let sent = pendingStdin.withUnsafeBytes { osb_send(stdinFD, $0.baseAddress, $0.count) }
        if sent < 0 && (errno == EINTR || errno == EAGAIN) { return }
        if sent <= 0 { closeStdin(); return }
        pendingStdin = pendingStdin.dropFirst(sent)
        if pendingStdin.isEmpty { closeStdin() }
    }

    private mutating func closeStream(_ index: Int) {
        guard let fd = streams[index]?.fd, fd >= 0 else { return }
        close(fd)
        streams[index]?.fd = -1
    }

    private mutating func closeStdin() {
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }
}
