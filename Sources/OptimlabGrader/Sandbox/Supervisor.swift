import CSandbox
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
