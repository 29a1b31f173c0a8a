/// The bytes that bring a terminal from the frame on screen to the next one: only rows whose text
/// changed are rewritten (cursor to the row, the row's text, erase to its end), and the whole screen is
/// cleared only for the first frame or after a resize. Rows are expected to fit the width already.
public struct ScreenDiff: Sendable {
    private var shown: [String] = []
    private var size: TerminalSize?

    public init() {}

    /// The escape sequences and text that draw `frame` at `size`, given what is on screen.
    public mutating func update(_ frame: [String], size: TerminalSize) -> String {
        var out = ""
        let rows = Array(frame.prefix(size.rows)) + Array(repeating: "", count: max(size.rows - frame.count, 0))
        if self.size != size || shown.count != rows.count {
            out += ANSI.clearScreen
            shown = Array(repeating: "", count: rows.count)
            self.size = size
        }
        for (r, line) in rows.enumerated() where line != shown[r] {
            out += ANSI.move(row: r + 1, column: 1) + line + ANSI.reset + ANSI.eraseLine
        }
        shown = rows
        return out
    }

    /// Forgets the screen, so the next update redraws everything (after something else wrote to it).
    public mutating func invalidate() { size = nil }
}

/// The few control sequences full-screen views use (ECMA-48 / xterm).
enum ANSI {
    static let esc = "\u{1B}["
    static let clearScreen = esc + "H" + esc + "2J"
    static let eraseLine = esc + "K"
    static let reset = esc + "0m"
    static let enterAlternateScreen = esc + "?1049h"
    static let leaveAlternateScreen = esc + "?1049l"
    static let hideCursor = esc + "?25l"
    static let showCursor = esc + "?25h"
    static func move(row: Int, column: Int) -> String { esc + "\(row);\(column)H" }
}
