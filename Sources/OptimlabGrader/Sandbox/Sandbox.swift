import Dispatch

/// The grader's sandbox, from outside: students' submissions and the compiler building them run only
/// through it (``SandboxRunner``), and only when every protection it needs works on this machine.
/// Otherwise each run is refused and the submission is NOT GRADED, with the reason; there is no
/// unconfined fallback. docs/security.md lists the protections and what each stops.
public enum Sandbox {
    /// Starts checking this machine (bwrap, the launcher, one probe run) on another thread, so the check
    /// overlaps the caller's own start-up. Harmless to call more than once.
    public static func warmUp() {
        DispatchQueue.global(qos: .userInitiated).async { _ = SandboxHost.current }
    }

    /// Why grading is refused on this machine, or nil when the sandbox works.
    public static var refusal: String? {
        if case .failure(let refusal) = SandboxHost.current { return refusal.reason }
        return nil
    }
}
