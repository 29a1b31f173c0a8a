import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process runner with resource limits but no namespaces: `posix_spawn` in a new session, through
/// `/usr/bin/prlimit` (CPU, address space, file size), a wall-clock deadline enforced by killing the
/// whole process group, capped stdout/stderr, and the private channel on fd 3.
///
/// It is the fallback when the namespace sandbox is unavailable; its results list the protections it
/// does not give (network and PID namespaces, filesystem confinement), and every report shows them.
public struct LimitedProcessRunner: ProcessRunner {
    public var maxOutputBytes = 64 << 10
    /// The channel carries every step's values, so it gets a larger cap than stdout.
    public var maxChannelBytes = 16 << 20
    public init() {}

    public static let missing = ["network namespace", "PID namespace", "filesystem confinement"]

    public func run(_ r: RunRequest) -> RunResult {
        let prlimit = "/usr/bin/prlimit"
        guard access(r.executable, X_OK) == 0 else {
            return RunResult(outcome: .spawnFailed("\(r.executable) is not an executable file"), missingProtections: Self.missing)
        }
        var argv = [r.executable] + r.arguments
        if access(prlimit, X_OK) == 0 {
            argv = [prlimit, "--cpu=\(Int(r.cpuSeconds.rounded(.up)))", "--as=\(r.memoryBytes)",
                    "--fsize=\(16 << 20)", "--"] + argv
        }
        argv = ["/usr/bin/env", "-C", r.scratchDirectory, "--"] + argv
        var env = r.environment
        if env["PATH"] == nil { env["PATH"] = "/usr/bin:/bin" }
        return spawn(argv: argv, environment: env, wallSeconds: r.wallSeconds)
    }

    private func spawn(argv: [String], environment: [String: String], wallSeconds: Double) -> RunResult {
        var pipes: [[Int32]] = []
        for _ in 0..<3 {
            var p: [Int32] = [0, 0]
            guard pipe(&p) == 0 else { return RunResult(outcome: .spawnFailed("pipe: errno \(errno)")) }
            _ = fcntl(p[0], F_SETFD, FD_CLOEXEC); _ = fcntl(p[1], F_SETFD, FD_CLOEXEC)
            pipes.append(p)
        }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, devNull, 0)
        for (i, p) in pipes.enumerated() { posix_spawn_file_actions_adddup2(&actions, p[1], Int32(i + 1)) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setsigmask(&attr, &none)
        let setsid: Int32 = 0x80   // POSIX_SPAWN_SETSID, hidden from Swift without _GNU_SOURCE
        posix_spawnattr_setflags(&attr, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | setsid))
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgv.forEach { free($0) }; cEnv.forEach { free($0) } }

        let start = Date()
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, cArgv, cEnv)
        for p in pipes { close(p[1]) }
        guard rc == 0 else {
            for p in pipes { close(p[0]) }
            return RunResult(outcome: .spawnFailed("posix_spawn: \(String(cString: strerror(rc)))"))
        }
        var buffers: [[UInt8]] = [[], [], []]
        var open = [true, true, true]
        var killedFor: RunResult.Outcome?
        var exitedAt: Date?
        var chunk = [UInt8](repeating: 0, count: 65536)
        while exitedAt == nil || open.contains(true) {
            let elapsed = Date().timeIntervalSince(start)
            if exitedAt == nil, killedFor == nil, elapsed >= wallSeconds { killedFor = .timedOut; kill(-pid, SIGKILL) }
            if let e = exitedAt, Date().timeIntervalSince(e) > 0.2 { break }
            var fds = (0..<3).map { pollfd(fd: open[$0] ? pipes[$0][0] : -1, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, 3, open.contains(true) ? 20 : 1) > 0 {
                for i in 0..<3 where open[i] && fds[i].revents != 0 {
                    let n = read(pipes[i][0], &chunk, chunk.count)
                    if n <= 0 { open[i] = false; continue }
                    let room = (i == 2 ? maxChannelBytes : maxOutputBytes) - buffers[i].count
                    buffers[i] += chunk[0..<max(0, min(room, n))]
                    if n > room, killedFor == nil, exitedAt == nil { killedFor = .outputLimitExceeded; kill(-pid, SIGKILL) }
                }
            }
            if exitedAt == nil {
                var info = siginfo_t()
                if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid {
                    kill(-pid, SIGKILL)
                    exitedAt = Date()
                }
            }
        }
        for p in pipes { close(p[0]) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let signal = status & 0x7f
        let outcome = killedFor ?? (signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal))
        return RunResult(outcome: outcome, stdout: buffers[0], stderr: buffers[1], channel: buffers[2],
                         wallSeconds: Date().timeIntervalSince(start), missingProtections: Self.missing)
    }
}
