import Foundation
import OptimlabCourseware

/// Turns a session's ``Display`` items into terminal text: colour and Unicode symbols only when the
/// terminal has them.
enum DisplayRenderer {
    static func render(_ display: Display, terminal: Terminal) -> String {
        switch display {
        case .title(let t):
            let rule = String(repeating: terminal.symbol("═", ascii: "="), count: min(t.count, terminal.width))
            return "\n" + terminal.styled(t, .bold) + "\n" + rule
        case .section(let s):
            return terminal.styled(s, .bold, .cyan)
        case .text(let s):
            return markdown(s, terminal: terminal)
        case .result(let s):
            return terminal.styled(s, .bold)
        case .table(let t, let caption):
            return TableRenderer.render(t, caption: caption, terminal: terminal)
        case .question(let prompt, let choices):
            let mark = terminal.styled(terminal.symbol("?", ascii: "?"), .bold, .magenta)
            let w = terminal.width
            let text = MarkdownRenderer.wrapLines(mark + " " + prompt.trimmingTrailingNewlines(), width: w + (mark.count - 1))
            let options = choices.map { c in MarkdownRenderer.wrap(c, width: w, first: "  ", rest: "     ").joined(separator: "\n") }
            return ([text] + options).joined(separator: "\n")
        case .success(let s):
            return terminal.styled(terminal.symbol("✓", ascii: "[ok]") + " " + s, .green)
        case .failure(let s):
            return terminal.styled(terminal.symbol("✗", ascii: "[x]") + " " + s, .red)
        case .note(let s):
            return terminal.styled(s, .dim)
        case .warning(let s):
            return terminal.styled(terminal.symbol("⚠", ascii: "[!]") + " " + s, .yellow)
        case .visual(let figure):
            return figure.report().text(terminal: terminal)
        }
    }
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
