#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What wakes the frame loop.
public enum LoopEvent: Equatable, Sendable {
    case input([UInt8])
    case resize
    case tick
    /// The input ended (or failed): leave as if q was pressed.
    case end
}

/// Where the frame loop's events come from and where its bytes go: the real terminal, or a script in tests.
public protocol LoopIO {
    /// Waits for the next event, at most `timeout` milliseconds when given (then `.tick`).
    mutating func next(timeout: Int?) -> LoopEvent
    func write(_ text: String)
    func size() -> TerminalSize
}

/// Runs a view: draws its first frame, then for each event updates the state and writes only the rows
/// that changed (``ScreenDiff``). Returns how the view was left.
public struct FrameLoop {
    public init() {}

    public func run<V: InteractiveView, IO: LoopIO>(_ view: inout V, io: inout IO) -> ViewResponse {
        let decoder = KeyDecoder()
        var screen = ScreenDiff()
        var size = io.size()
        io.write(screen.update(view.frame(size: size), size: size))
        while true {
            var changed = false
            switch io.next(timeout: view.tickMilliseconds) {
            case .end: return .quit
            case .resize:
                size = io.size()
                changed = true
            case .tick:
                changed = view.tick()
            case .input(let bytes):
                for key in decoder.keys(bytes) {
                    switch view.handle(key) {
                    case .redraw: changed = true
                    case .ignore: break
                    case .quit: return .quit
                    case .interrupt: return .interrupt
                    }
                }
            }
            if changed { io.write(screen.update(view.frame(size: size), size: size)) }
        }
    }
}

/// The process's own terminal: keys from standard input, resizes from SIGWINCH (through the guard's
/// pipe), frames to standard output.
public struct TerminalIO: LoopIO {
    let terminalGuard: TerminalGuard
    private var open = true

    public init(terminalGuard: TerminalGuard) { self.terminalGuard = terminalGuard }

    public mutating func next(timeout: Int?) -> LoopEvent {
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: terminalGuard.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, Int32(timeout ?? -1))
            if ready < 0 {
                if errno == EINTR { continue }
                return .end
            }
            if ready == 0 { return .tick }
            if fds[1].revents != 0, terminalGuard.drainWake() { return .resize }
            if fds[0].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 256)
                let n = read(STDIN_FILENO, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return .end }
                return .input(Array(buffer.prefix(n)))
            }
        }
    }

    public func write(_ text: String) { writeAll(text) }

    public func size() -> TerminalSize { TerminalSize.current() }
}
