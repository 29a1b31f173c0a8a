import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output device can show: colour and Unicode only on a terminal, never with `NO_COLOR`,
/// `TERM=dumb` or `--ascii`; plain ASCII when piped, so transcripts and golden files stay stable.
public struct Terminal: Sendable, Equatable {
    public var isTTY: Bool
    public var color: Bool
    public var unicode: Bool
    public var width: Int

    public init(isTTY: Bool, color: Bool, unicode: Bool, width: Int) {
        self.isTTY = isTTY; self.color = color; self.unicode = unicode; self.width = width
    }

    /// Plain ASCII, no colour, 80 columns: for pipes, files and tests.
    public static let plain = Terminal(isTTY: false, color: false, unicode: false, width: 80)

    /// Detects standard output's capabilities from the environment.
    public static func detect(forceASCII: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let tty = isatty(STDOUT_FILENO) == 1
        let dumb = environment["TERM"] == "dumb"
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let unicode = tty && !dumb && !forceASCII && !noColor
        return Terminal(isTTY: tty, color: tty && !dumb && !noColor && !forceASCII,
                        unicode: unicode, width: detectWidth(environment: environment, tty: tty))
    }

    static func detectWidth(environment: [String: String], tty: Bool) -> Int {
        if let c = environment["COLUMNS"].flatMap(Int.init), c >= 20 { return min(c, 400) }
        if tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        }
        return 80
    }

    /// ANSI styles; each returns the text unchanged when colour is off.
    public enum Style: String, Sendable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    public func styled(_ text: String, _ styles: Style...) -> String {
        guard color, !styles.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// A Unicode symbol, or its ASCII stand-in on plain output.
    public func symbol(_ unicode: String, ascii: String) -> String { self.unicode ? unicode : ascii }
}
