#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation

/// Opens a view full-screen when it can, and says why not when it cannot: `--interactive` and
/// `--animate` need standard input and output on a terminal that may show Unicode and colour (no
/// `--ascii`, `NO_COLOR` or `TERM=dumb`); otherwise the caller prints its static plot after the note.
enum InteractiveLauncher {
    /// Why the view cannot open here, nil when it can.
    static func obstacle(flag: String, ascii: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let reason: String? =
            isatty(STDOUT_FILENO) != 1 ? "standard output is not a terminal"
            : isatty(STDIN_FILENO) != 1 ? "standard input is not a terminal"
            : ascii ? "--ascii asks for plain output"
            : (environment["NO_COLOR"].map { !$0.isEmpty } ?? false) ? "NO_COLOR is set"
            : environment["TERM"] == "dumb" ? "TERM is dumb"
            : nil
        return reason.map { note(flag: flag, reason: $0) }
    }

    static func note(flag: String, reason: String) -> String {
        "note: \(flag) needs a terminal with colour and Unicode (\(reason)); drawing the static plot instead."
    }

    /// Shows the view made by `make` when the terminal allows; true when it ran (the caller is done),
    /// false after printing the note (the caller prints its static plot). Ctrl-C exits with status 130.
    static func show<V: InteractiveView>(flag: String, ascii: Bool, _ make: () throws -> V) throws -> Bool {
        if let note = obstacle(flag: flag, ascii: ascii) {
            FileHandle.standardError.write(Data((note + "\n").utf8))
            return false
        }
        var view = try make()
        guard let left = run(&view) else { return false }
        if left == .interrupt { throw ExitCode(130) }
        return true
    }

    /// The terminal style views draw with once they run.
    static let style = Terminal(isTTY: true, color: true, unicode: true, width: 80)

    /// Runs `view` on this terminal; on leaving prints the equivalent command. Returns how it was left
    /// (nil if the terminal could not be put in raw mode).
    @discardableResult
    static func run<V: InteractiveView>(_ view: inout V) -> ViewResponse? {
        let terminalGuard = TerminalGuard()
        guard terminalGuard.enter() else { return nil }
        var io = TerminalIO(terminalGuard: terminalGuard)
        let response = FrameLoop().run(&view, io: &io)
        terminalGuard.leave()
        print(view.equivalentCommand)
        return response
    }
}
