#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Follows terminal resizes: a SIGWINCH handler raises a flag, and the REPL re-reads the width before
/// it renders the next output, so prose is wrapped to the window as it is now.
enum WindowResize {
    static let pending = Atomic<Bool>(false)

    /// Installs the handler (once; harmless to call again).
    static func install() {
        signal(SIGWINCH) { _ in WindowResize.pending.store(true, ordering: .relaxed) }
    }

    /// The terminal with its width re-read when a resize was signalled (a `COLUMNS` setting still wins).
    static func refreshed(_ terminal: Terminal, environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        guard pending.exchange(false, ordering: .relaxed), terminal.isTTY else { return terminal }
        var t = terminal
        t.width = Terminal.detectWidth(environment: environment, tty: true)
        return t
    }
}
