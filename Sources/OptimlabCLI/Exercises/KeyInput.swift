#if canImport(Glibc)
import Glibc
#endif

/// Single keys from the terminal while `watch` waits: the terminal is put in non-canonical, no-echo
/// mode (signals stay on, so Ctrl-C still interrupts) and restored by ``restore()``. Piped input is
/// read as it comes; at its end, input is no longer read (watching goes on until Ctrl-C).
struct KeyInput {
    private var saved: termios?
    private var open = true

    init() {
        guard isatty(STDIN_FILENO) == 1 else { return }
        var t = termios()
        guard tcgetattr(STDIN_FILENO, &t) == 0 else { return }
        saved = t
        t.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &t)
    }

    /// Waits up to `milliseconds` for input; returns the bytes read (empty when none came).
    mutating func wait(milliseconds: Int32) -> [UInt8] {
        guard open else { usleep(useconds_t(milliseconds) * 1000); return [] }
        var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, milliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(STDIN_FILENO, &buffer, buffer.count)
        if n <= 0 { open = false; return [] }
        return Array(buffer.prefix(n))
    }

    func restore() {
        guard var t = saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &t)
    }
}
