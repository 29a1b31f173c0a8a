#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The character cells a full-screen view may use.
public struct TerminalSize: Equatable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) { self.columns = columns; self.rows = rows }

    /// The size views are designed for and tests draw at.
    public static let standard = TerminalSize(columns: 80, rows: 24)

    public var description: String { "\(columns)x\(rows)" }

    /// The terminal's size from the kernel (it follows resizes), else `COLUMNS`/`LINES`, else 80×24.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalSize {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20, size.ws_row >= 8 {
            return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
        }
        let columns = environment["COLUMNS"].flatMap(Int.init).filter { $0 >= 20 } ?? 80
        let rows = environment["LINES"].flatMap(Int.init).filter { $0 >= 8 } ?? 24
        return TerminalSize(columns: min(columns, 400), rows: min(rows, 200))
    }
}

extension Optional where Wrapped == Int {
    func filter(_ keep: (Int) -> Bool) -> Int? { flatMap { keep($0) ? $0 : nil } }
}
