import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// The third step of a sandboxed run: starts the ``BubblewrapCommand`` with posix_spawn in a new session,
/// drains its streams (``DrainLoop``), kills it on the time budget or a channel overflow, reaps it, and
/// reads back the ``RunResult``. Killing bwrap is enough: `--die-with-parent` then kills the sandbox's
/// pid 1, and with it the kernel kills every process of the PID namespace.
enum SandboxRun {
    static func run(_ command: BubblewrapCommand, host: SandboxHost, wallSeconds: Double, cpuSeconds: Int, tasks: Int,
                    maxOutputBytes: Int, maxChannelBytes: Int) -> RunResult {
        let start = MonotonicClock.now()
        var channels = ChildChannels()
        defer { channels.closeAll() }
        if let problem = channels.open(launcher: host.launcher, files: command.files) {
            return RunResult(outcome: .spawnFailed("cannot set up the sandbox's descriptors: \(problem)"))
        }
        let spawned = spawn(command.argv, childFDs: channels.childEnds)
        channels.closeChildEnds()
        guard case .success(let leader) = spawned else {
            if case .failure(let message) = spawned { return RunResult(outcome: .spawnFailed(message)) }
            return RunResult(outcome: .spawnFailed("spawn failed"))
        }
        var loop = DrainLoop(leader: leader, channels: channels, deadline: start + wallSeconds,
                             maxOutputBytes: maxOutputBytes, maxChannelBytes: maxChannelBytes)
        loop.run()
        channels.forgetParentEnds()
        let status = loop.finish()
        let out = loop.buffer(ChildChannels.stdoutIndex), err = loop.buffer(ChildChannels.stderrIndex)
        let ended = outcome(status: status, killedFor: loop.killedFor,
                            launcherStatus: loop.buffer(ChildChannels.statusIndex).bytes, stderr: err.bytes)
        let wall = MonotonicClock.now() - start
        return RunResult(outcome: timeLimited(ended, wallSeconds: wall, tasks: tasks, cpuLimit: cpuSeconds),
                         stdout: out.bytes, stderr: err.bytes, channel: loop.buffer(ChildChannels.channelIndex).bytes,
                         wallSeconds: wall, stdoutBytes: out.total, stderrBytes: err.total)
    }

    /// bwrap exits with the target's status, or 128 + the signal that killed it. The launcher's "L" on
    /// fd 4 tells a target that ran from a sandbox that never got as far as the launcher.
    static func outcome(status: Int32, killedFor: RunResult.Outcome?, launcherStatus: [UInt8], stderr: [UInt8]) -> RunResult.Outcome {
        if let killedFor { return killedFor }
        var value: Int32 = 0
        if osb_decode_status(status, &value) == 1 { return .signaled(value) }
        guard launcherStatus.first == UInt8(ascii: "L") else {
            let said = String(decoding: stderr.prefix(300), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit status \(value)"
            return .spawnFailed("sandbox setup failed: \(said)")
        }
        if launcherStatus.count > 1 {
            return .spawnFailed("sandbox setup failed: " + String(decoding: launcherStatus.dropFirst(), as: UTF8.self))
        }
        if value > 128 && value <= 128 + 64 { return .signaled(value - 128) }
        return .exited(value)
    }

    /// A time limit is one outcome, `.timedOut`, whichever of its mechanisms fired first (which one does
    /// depends on the machine's load, never on the program): the wall-clock deadline (the drain loop's
    /// kill), RLIMIT_CPU's SIGXCPU at the soft limit, or its SIGKILL a second later at the hard limit (a
    /// program that ignores SIGXCPU). The program's CPU time is gone with it (bwrap's rusage does not
    /// carry it), so a SIGKILL counts as the CPU limit when the run could have used it: its `tasks`
    /// tasks ran long enough, CPU time never exceeding wall time per task. A SIGKILL sooner than that
    /// (the program killing itself) stays a signal; load only makes runs longer, never shorter.
    static func timeLimited(_ outcome: RunResult.Outcome, wallSeconds: Double, tasks: Int, cpuLimit: Int) -> RunResult.Outcome {
        switch outcome {
        case .signaled(SIGXCPU): .timedOut
        case .signaled(SIGKILL) where wallSeconds * Double(max(1, tasks)) >= Double(cpuLimit): .timedOut
        default: outcome
        }
    }

    private enum Spawned { case success(pid_t), failure(String) }

    private static func spawn(_ arguments: [String], childFDs: [Int32]) -> Spawned {
        guard let path = arguments.first else { return .failure("empty command") }
        let argv = arguments.map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = [strdup("LANG=C"), nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = osb_spawn(path, argv, env, childFDs, Int32(childFDs.count), &pid)
        return rc == 0 ? .success(pid) : .failure("\(path): \(String(cString: strerror(rc)))")
    }
}
