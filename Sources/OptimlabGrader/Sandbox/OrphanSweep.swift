import CSandbox
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The fallback cleanup when there is no PID namespace. The grader is a child subreaper, so a
/// descendant whose parent dies is re-parented to the grader instead of to init. After a run,
/// every such child that is not a running leader and lives outside the grader's session — a
/// background child of the finished run, or a grandchild that escaped with `setsid` — is
/// killed and reaped, layer by layer (killing one re-parents its own children to us).
///
/// Children that other code in the grader started stay in the grader's session and are left
/// alone; a concurrent run's escaped processes may be swept early, which only shortens the life
/// of a process that was going to be killed anyway.
enum OrphanSweep {
    /// Set once the grader is a subreaper: from then on every orphan of every run comes to it
    /// (even a PID namespace's init whose wrapper was killed) and must be swept, or it stays a zombie.
    static let isSubreaper = Atomic<Bool>(false)

    /// Makes the grader a child subreaper (PR_SET_CHILD_SUBREAPER); true if the kernel agreed.
    static func becomeSubreaper() -> Bool {
        guard osb_become_subreaper() == 0 else { return false }
        isSubreaper.store(true, ordering: .relaxed)
        return true
    }

    static func run(afterLeader leader: pid_t, rounds: Int = 200) {
        let ownSession = getsid(0)
        for _ in 0..<rounds {
            let orphans = strays(ownSession: ownSession)
            for pid in orphans {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
            // The leader's group was SIGKILLed; wait until its members are gone, too.
            if orphans.isEmpty && kill(-leader, 0) != 0 { return }
            if orphans.isEmpty { usleep(2000) }
        }
    }

    private static func strays(ownSession: pid_t) -> [pid_t] {
        var children = [pid_t](repeating: 0, count: 4096)
        let count = Int(osb_list_children(0, &children, Int32(children.count)))
        guard count > 0 else { return [] }
        return Supervisor.activeLeaders.withLock { leaders in
            children[0..<count].filter { !leaders.contains($0) && getsid($0) != ownSession }
        }
    }
}
