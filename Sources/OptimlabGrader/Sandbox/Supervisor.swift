import CSandbox
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A process to start and watch: the full argv (argv[0] is the executable's path), its complete
/// environment, and the two bounds the supervising loop enforces itself (the kernel enforces
/// the rest, through the exec wrapper).
struct Launch: Sendable {
    var argv: [String]
    var environment: [String: String]
    var stdin: [UInt8] = []
    var wallSeconds: Double
    var maxOutputBytes: Int
    var maxChannelBytes = 16 << 10
    /// Give the child a fd 4 on which the exec wrapper reports why it could not start the target.
    var reportsSetupErrors = false
}

/// How a supervised process ended, before anyone interprets the wait status.
enum Ending: Sendable, Equatable {
    case status(Int32)
    case timedOut
    case outputLimitExceeded
    case spawnFailed(String)
}

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

/// Starts a process with posix_spawn in a new session, then watches it with a poll loop that
/// feeds stdin, drains stdout/stderr/fd 3 into capped buffers, and SIGKILLs the whole process
/// group on the wall deadline or an output overflow.
///
/// The leader's exit is observed with `waitid(WNOWAIT)` (via a pidfd, so without ticking): the
/// leader stays a zombie, its pid — which is also its process-group id — cannot be recycled,
/// and `kill(-pgid, SIGKILL)` clears any background children before `wait4` reaps the leader
/// and collects its resource usage.
enum Supervisor {
    /// Leaders spawned and not yet reaped. Spawning happens under this lock, so the orphan sweep
    /// (which takes it too) never mistakes a fresh leader for an orphan.
    static let activeLeaders = Mutex<Set<pid_t>>([])

    static func run(_ launch: Launch) -> Supervised {
        let start = MonotonicClock.now()
        var channels = ChildChannels(reportsSetupErrors: launch.reportsSetupErrors)
        defer { channels.closeAll() }
        if let problem = channels.open() { return failed(launch, "cannot create pipes: \(problem)") }
        let spawned = spawn(launch, childFDs: channels.childEnds)
        channels.closeChildEnds()
        let leader: pid_t
        switch spawned {
        case .success(let pid): leader = pid
        case .failure(let message): return failed(launch, message)
        }
        var watch = Watch(leader: leader, channels: channels, launch: launch, start: start)
        watch.run()
        channels.forgetParentEnds()
        var result = watch.finish()
        result.wallSeconds = MonotonicClock.now() - start
        return result
    }

    private static func failed(_ launch: Launch, _ message: String) -> Supervised {
        Supervised(ending: .spawnFailed(message), stdout: CappedBuffer(limit: 0),
                   stderr: CappedBuffer(limit: 0), channel: CappedBuffer(limit: 0))
    }

    private enum SpawnResult { case success(pid_t), failure(String) }

    private static func spawn(_ launch: Launch, childFDs: [Int32]) -> SpawnResult {
        let argv = launch.argv.map { strdup($0) } + [nil]
        let env = launch.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + env).forEach { free($0) } }
        guard let path = launch.argv.first else { return .failure("empty argv") }
        return activeLeaders.withLock { leaders in
            var pid: pid_t = 0
            let rc = osb_spawn(path, argv, env, childFDs, Int32(childFDs.count), &pid)
            guard rc == 0 else { return .failure("\(path): \(String(cString: strerror(rc)))") }
            leaders.insert(pid)
            return .success(pid)
        }
    }
}

/// The parent's side of the child's descriptors 0...4: a socketpair for stdin (so a child that
/// closes stdin early gives EPIPE, not a SIGPIPE that would kill the grader), pipes for the rest.
struct ChildChannels {
    static let stdinIndex = 0, stdoutIndex = 1, stderrIndex = 2, channelIndex = 3, setupIndex = 4
    /// [parent end, child end] per child descriptor; -1 when closed.
    private(set) var pairs: [[Int32]]

    init(reportsSetupErrors: Bool) {
        pairs = Array(repeating: [-1, -1], count: reportsSetupErrors ? 5 : 4)
    }

    /// Opens every pair; returns the error text if one could not be created.
    mutating func open() -> String? {
        for index in pairs.indices {
            var fds: [Int32] = [-1, -1]
            let rc = osb_make_channel(&fds, index == Self.stdinIndex ? 1 : 0)
            if rc != 0 { return String(cString: strerror(rc)) }
            // A pipe's [0] reads and [1] writes, and the child writes every stream but stdin,
            // whose socketpair works both ways: so the parent keeps [0] in every case.
            pairs[index] = fds
        }
        return nil
    }

    var childEnds: [Int32] { pairs.map { $0[1] } }
    func parentEnd(_ index: Int) -> Int32 { index < pairs.count ? pairs[index][0] : -1 }

    mutating func closeChildEnds() {
        for index in pairs.indices where pairs[index][1] >= 0 { close(pairs[index][1]); pairs[index][1] = -1 }
    }

    /// The watch closed the parent ends itself.
    mutating func forgetParentEnds() { for index in pairs.indices { pairs[index][0] = -1 } }

    mutating func closeAll() {
        closeChildEnds()
        for index in pairs.indices where pairs[index][0] >= 0 { close(pairs[index][0]); pairs[index][0] = -1 }
    }
}

/// The poll loop over one running leader.
private struct Watch {
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

    init(leader: pid_t, channels: ChildChannels, launch: Launch, start: Double) {
        self.leader = leader
        deadline = start + launch.wallSeconds
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
        return Int32(clamping: Int((max(0, seconds) * 1000).rounded(.up)))
    }

    private mutating func stop(for reason: Ending) {
        if killedFor == nil && exitedAt == nil { killedFor = reason }
        kill(-leader, SIGKILL)
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
        var chunk = [UInt8](repeating: 0, count: 65536)
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
