import Foundation
import OptimlabCourseware

/// Turns a session's ``Display`` items into terminal text: colour and Unicode symbols only when the
/// terminal has them.
enum DisplayRenderer {
    static func render(_ display: Display, terminal: Terminal) -> String {
        let w = terminal.width
        /// A message after a symbol: wrapped with its continuation under the text, not the symbol.
        func marked(_ symbol: String, _ s: String, _ style: Terminal.Style) -> String {
            let mark = terminal.symbol(symbol, ascii: asciiMarks[symbol] ?? symbol)
            return terminal.styled(MarkdownRenderer.wrapLines(mark + " " + s, width: w, hang: mark.count + 1), style)
        }
        switch display {
        case .title(let t):
            let rule = String(repeating: terminal.symbol("═", ascii: "="), count: min(t.count, terminal.width))
            return "\n" + terminal.styled(t, .bold) + "\n" + rule
        case .section(let s):
            return terminal.styled(MarkdownRenderer.wrapLines(s, width: w), .bold, .cyan)
        case .text(let s):
            return markdown(s, terminal: terminal)
        case .result(let s):
            // A calculator's value or a compiler's output: laid out by its source, never rewrapped.
            return terminal.styled(s, .bold)
        case .table(let t, let caption):
            return TableRenderer.render(t, caption: caption, terminal: terminal)
        case .question(let prompt, let choices):
            // The prompt's source line breaks are not the terminal's: its paragraphs are reflowed.
            let mark = terminal.styled(terminal.symbol("?", ascii: "?"), .bold, .magenta)
            let text = MarkdownRenderer.reflow(prompt, width: w, first: mark + " ", rest: "  ")
            let options = choices.map { c in MarkdownRenderer.wrap(c, width: w, first: "  ", rest: "     ").joined(separator: "\n") }
            return ([text] + options).joined(separator: "\n")
        case .success(let s):
            return marked("✓", s, .green)
        case .failure(let s):
            return marked("✗", s, .red)
        case .note(let s):
            return terminal.styled(MarkdownRenderer.wrapLines(s, width: w), .dim)
        case .warning(let s):
            return marked("⚠", s, .yellow)
        case .visual(let figure):
            return figure.report().text(terminal: terminal)
        }
    }

    /// The plain-output spellings of the message symbols.
    static let asciiMarks = ["✓": "[ok]", "✗": "[x]", "⚠": "[!]"]
}

/// Prose Markdown for the terminal (see ``MarkdownRenderer``).
func markdown(_ text: String, terminal: Terminal) -> String { MarkdownRenderer.render(text, terminal: terminal) }

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" { s.removeLast() }
        return s
    }
}
