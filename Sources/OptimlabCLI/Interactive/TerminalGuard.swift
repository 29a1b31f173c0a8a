#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal into the state a full-screen view needs — keys one at a time without echo, the
/// alternate screen, the cursor hidden — and guarantees it comes back: ``leave()`` restores it, and
/// until then handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT and the crash signals (SIGSEGV,
/// SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) restore it before the signal takes its usual course (the
/// previous handler, or death by that signal). Ctrl-C arrives as a key (signals are off while the
/// view runs), so the view leaves normally; SIGWINCH wakes the frame loop through a pipe.
///
/// Signal handlers may only touch memory prepared in advance, so the saved settings, the bytes to write
/// and the previous handlers live in globals filled by ``enter()`` before any handler is installed.
public final class TerminalGuard {
    public private(set) var active = false

    public init() {}

    /// The signals after which the terminal is restored.
    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Enters raw mode; false (and nothing changed) when standard input is not a terminal.
    public func enter() -> Bool {
        guard !active, isatty(STDIN_FILENO) == 1 else { return false }
        var t = termios()
        guard tcgetattr(STDIN_FILENO, &t) == 0 else { return false }
        GuardState.saved = t
        GuardState.restoreBytes = Array((ANSI.reset + ANSI.showCursor + ANSI.leaveAlternateScreen).utf8)
        if GuardState.wakePipe.read < 0 {
            var fds: [Int32] = [0, 0]
            if pipe(&fds) == 0 {
                _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
                _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
                GuardState.wakePipe = (fds[0], fds[1])
            }
        }
        // Non-canonical, no echo, no CR→NL translation, Ctrl-C and Ctrl-Z as bytes.
        t.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        t.c_iflag &= ~tcflag_t(ICRNL | IXON)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        GuardState.active = 1
        for s in Self.fatalSignals {
            let previous = signal(s, restoringHandler)
            GuardState.previous[Int(s)] = previous
            if unsafeBitCast(previous, to: Int.self) == 1 { signal(s, previous) }   // SIG_IGN stays ignored
        }
        GuardState.previousWinch = signal(SIGWINCH, winchHandler)
        if !GuardState.atexitRegistered {
            GuardState.atexitRegistered = true
            atexit { restoreTerminalNow() }
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &t)
        writeAll(ANSI.enterAlternateScreen + ANSI.hideCursor)
        active = true
        return true
    }

    /// Restores the terminal and the previous signal handlers (idempotent).
    public func leave() {
        guard active else { return }
        active = false
        restoreTerminalNow()
        for s in Self.fatalSignals { signal(s, GuardState.previous[Int(s)]) }
        signal(SIGWINCH, GuardState.previousWinch)
    }

    /// The read end of the pipe SIGWINCH writes a byte to (−1 when there is none).
    public var wakeDescriptor: Int32 { GuardState.wakePipe.read }

    /// Empties the wake pipe; true if a resize arrived since the last call.
    public func drainWake() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var woke = false
        while read(GuardState.wakePipe.read, &buffer, buffer.count) > 0 { woke = true }
        return woke
    }

    deinit { leave() }
}

/// Writes all of `text` to standard output.
func writeAll(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 {
            if n < 0 && errno == EINTR { continue }
            return
        }
        offset += n
    }
    _ = bytes.count
}

/// What the signal handlers read; filled before they are installed.
enum GuardState {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var active: Int32 = 0
    nonisolated(unsafe) static var restoreBytes: [UInt8] = []
    nonisolated(unsafe) static var previous = [sighandler_t?](repeating: nil, count: 65)
    nonisolated(unsafe) static var previousWinch: sighandler_t?
    nonisolated(unsafe) static var wakePipe: (read: Int32, write: Int32) = (-1, -1)
    nonisolated(unsafe) static var atexitRegistered = false
}

/// Puts the saved settings back and leaves the alternate screen, once; async-signal-safe (tcsetattr
/// and write only).
func restoreTerminalNow() {
    guard GuardState.active == 1 else { return }
    GuardState.active = 0
    tcsetattr(STDIN_FILENO, TCSANOW, &GuardState.saved)
    GuardState.restoreBytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

private let restoringHandler: @convention(c) (Int32) -> Void = { sig in
    restoreTerminalNow()
    // Hand the signal on: to the handler that was there before, else its default action.
    let previous = GuardState.previous[Int(sig)]
    signal(sig, previous)
    raise(sig)
}

private let winchHandler: @convention(c) (Int32) -> Void = { _ in
    var byte: UInt8 = 1
    _ = write(GuardState.wakePipe.write, &byte, 1)
}
