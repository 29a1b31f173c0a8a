@testable import OptimlabCLI

/// A terminal screen for tests: applies the bytes a view writes (text, CR/LF, cursor moves, erases,
/// the alternate screen; colours are ignored) so a test can read what a person would see.
struct VirtualScreen {
    let columns: Int
    let rows: Int
    private(set) var cells: [[Character]]
    private(set) var row = 0
    private(set) var column = 0
    private(set) var alternate = false
    /// Text written while the alternate screen was off, as lines (what stays in the scrollback).
    private(set) var mainText = ""

    init(columns: Int, rows: Int) {
        self.columns = columns; self.rows = rows
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    var lines: [String] {
        cells.map { line in
            var s = String(line)
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    mutating func apply(_ text: String) {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\u{1B}", i + 1 < chars.count, chars[i + 1] == "[" {
                var j = i + 2
                var params = ""
                while j < chars.count, !(chars[j].isLetter || chars[j] == "@" || chars[j] == "~") { params.append(chars[j]); j += 1 }
                if j < chars.count { control(params, chars[j]) }
                i = j + 1
                continue
            }
            if !alternate { mainText.append(c) }
            switch c {
            case "\r\n": row += 1; column = 0; scroll()
            case "\r": column = 0
            case "\n": row += 1; column = 0; scroll()
            default:
                if column < columns && row < rows { cells[row][column] = c }
                column += 1
            }
            i += 1
        }
    }

    mutating func scroll() {
        while row >= rows {
            cells.removeFirst()
            cells.append(Array(repeating: " ", count: columns))
            row -= 1
        }
    }

    mutating func control(_ params: String, _ final: Character) {
        let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
        switch final {
        case "H":
            row = max((numbers.first ?? 1) - 1, 0)
            column = max((numbers.count > 1 ? numbers[1] : 1) - 1, 0)
        case "J": cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        case "K":
            if row < rows { for c in column..<max(columns, column) { cells[row][c] = " " } }
        case "h" where params == "?1049": alternate = true
        case "l" where params == "?1049": alternate = false
        default: break
        }
    }
}

/// A frame as a person reads it: colour codes removed, trailing spaces trimmed, padded to `rows` lines.
func plainFrame(_ lines: [String], rows: Int) -> [String] {
    let stripped = lines.map { line -> String in
        var out = "", inEscape = false
        for c in line {
            if inEscape { if c.isLetter { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            out.append(c)
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }
    return stripped + Array(repeating: "", count: max(rows - stripped.count, 0))
}

/// A scripted terminal for the frame loop: events in order, everything written collected into a screen.
struct ScriptedIO: LoopIO {
    var events: [LoopEvent]
    var sizes: [TerminalSize]
    final class Sink { var screen: VirtualScreen; var written = ""; init(_ s: VirtualScreen) { screen = s } }
    let sink: Sink

    /// `sizes[0]` at the start; each `.resize` event moves to the next size.
    init(events: [LoopEvent], sizes: [TerminalSize] = [.standard]) {
        self.events = events
        self.sizes = sizes
        sink = Sink(VirtualScreen(columns: sizes[0].columns, rows: sizes[0].rows))
    }

    mutating func next(timeout: Int?) -> LoopEvent {
        guard !events.isEmpty else { return .end }
        let e = events.removeFirst()
        if case .resize = e, sizes.count > 1 {
            sizes.removeFirst()
            sink.screen = VirtualScreen(columns: sizes[0].columns, rows: sizes[0].rows)
        }
        return e
    }

    func write(_ text: String) { sink.written += text; sink.screen.apply(text) }
    func size() -> TerminalSize { sizes[0] }
}
