import Foundation
import OptimlabTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The interactive views through the real `optimlab` in a pseudo-terminal (`script`): keys typed, a
/// resize made on the pty, and Ctrl-C, SIGTERM or a crash signal; afterwards `stty -a` in the same
/// terminal must show canonical mode and echo back on.
@Suite(.serialized) struct InteractiveBinaryTests {
    let binary = Fixtures.binary
    static let schedule = "plot schedule warmup_cosine peak=3e-4 warmup=100 total=2000 min=3e-5 --mark 25,1500"

    /// A shell in a pty that records its tty's path, runs `command` (in the background when `background`,
    /// its pid in `pid`), then prints its exit status and the terminal settings.
    func session(_ command: String, background: Bool = false) throws -> (driver: ProcessDriver, dir: String) {
        let dir = TemporaryDirectory(prefix: "optimlab-pty", mode: 0o755).path   // deleted at exit at the latest
        let run = background ? "\(command) </dev/tty & echo $! > \(dir)/pid; wait $!" : command
        let script = "tty > \(dir)/tty; stty cols 80 rows 24; \(run); echo \"exit=$?\"; stty -a"
        let driver = try ProcessDriver("/usr/bin/script", ["-qec", "sh -c '\(script)'", "/dev/null"],
                                       environment: ["TERM": "xterm", "NO_COLOR": "", "COLUMNS": "", "LINES": "",
                                                     "SWIFT_BACKTRACE": "interactive=no"])   // a crash's backtrace must not wait for a key
        return (driver, dir)
    }

    /// The settings `stty -a` printed after the program ended.
    func settings(_ output: String) -> Set<String> {
        guard let range = output.range(of: "speed ") else { return [] }
        return Set(output[range.lowerBound...].split { $0.isWhitespace || $0 == ";" }.map(String.init))
    }

    func expectSaneTerminal(_ output: String) {
        let words = settings(output)
        #expect(words.contains("icanon") && words.contains("echo") && words.contains("isig"))
        #expect(!words.contains("-icanon") && !words.contains("-echo") && !words.contains("-isig"))
        #expect(output.contains("\u{1B}[?1049l"))                  // the alternate screen was left
    }

    /// Sets the pty's size as a window system would; the kernel sends SIGWINCH.
    func resize(ttyIn dir: String, columns: UInt16, rows: UInt16) throws {
        let path = try String(contentsOfFile: dir + "/tty", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let fd = open(path, O_RDWR | O_NOCTTY)
        try #require(fd >= 0)
        defer { close(fd) }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        #expect(ioctl(fd, UInt(TIOCSWINSZ), &size) == 0)
    }

    @Test func keysResizeAndCtrlCLeaveTheTerminalAsItWas() throws {
        let (driver, dir) = try session("\(binary) \(Self.schedule) --interactive")
        #expect(driver.waitFor("q quit"))
        #expect(driver.waitFor("80x24"))
        driver.type("jl")                                           // 1. peak 3e-4 → 5e-4
        #expect(driver.waitFor("5e-4"))
        try resize(ttyIn: dir, columns: 100, rows: 30)
        #expect(driver.waitFor("100x30"))                           // a frame drawn for the new size
        #expect(driver.text.contains("\u{1B}[30;1H"))              // … down to its 30th row
        driver.type("\u{3}")
        #expect(driver.waitFor("exit=130"))
        #expect(driver.waitFor("speed"))
        driver.finish()
        expectSaneTerminal(driver.text)
        #expect(driver.text.contains("optimlab plot schedule warmup_cosine peak=0.0005 warmup=100 total=2000 min=3e-05 --steps 2000 --mark 25,1500"))
    }

    @Test func qPrintsTheEquivalentCommand() throws {
        let (driver, _) = try session("\(binary) \(Self.schedule) --interactive")
        #expect(driver.waitFor("q quit"))
        driver.type("lm")                                           // cursor 25 → 45, marked
        #expect(driver.waitFor("3 marked"))
        driver.type("q")
        #expect(driver.waitFor("exit=0"))
        #expect(driver.waitFor("speed"))
        driver.finish()
        expectSaneTerminal(driver.text)
        #expect(driver.text.contains("optimlab plot schedule warmup_cosine peak=0.0003 warmup=100 total=2000 min=3e-05 --steps 2000 --mark 25,45,1500"))
    }

    @Test(arguments: [(SIGTERM, 143), (SIGSEGV, 139), (SIGHUP, 129)])
    func aSignalStillRestoresTheTerminal(signal: Int32, status: Int) throws {
        let (driver, dir) = try session("\(binary) \(Self.schedule) --interactive", background: true)
        #expect(driver.waitFor("q quit"))
        let pid = try #require(Int32(try String(contentsOfFile: dir + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0)
        #expect(driver.waitFor("exit=\(status)"))
        #expect(driver.waitFor("speed"))
        driver.finish()
        expectSaneTerminal(driver.text)
    }

    @Test func withoutATerminalTheStaticPlotFollowsANote() throws {
        let (status, output) = try run(binary, Self.schedule.split(separator: " ").map(String.init) + ["--interactive"])
        #expect(status == 0)
        #expect(output.contains("note: --interactive needs a terminal with colour and Unicode (standard output is not a terminal); drawing the static plot instead."))
        #expect(output.contains("lr at the marked steps (s = 0 is the first update):"))
        #expect(!output.contains("\u{1B}["))
    }

    @Test func asciiInATerminalFallsBackToo() throws {
        let (driver, _) = try session("\(binary) \(Self.schedule) --interactive --ascii")
        #expect(driver.waitFor("exit=0"))
        driver.finish()
        #expect(driver.text.contains("(--ascii asks for plain output)"))
        #expect(driver.text.contains("1500  7.357e-5"))
        #expect(!driver.text.contains("\u{1B}[?1049h"))
    }
}
