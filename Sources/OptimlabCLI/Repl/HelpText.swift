import OptimlabCourseware

/// The text of `help` and `help functions`.
enum HelpText {
    static let commandLines: [(String, String)] = [
        ("lessons", "list the lessons with your progress"),
        ("open ID", "open a lesson (where you left it): its id, its # in `lessons`, or the start of its id"),
        ("resume", "continue where you left off"),
        ("next  (or Enter)", "the next step"),
        ("back", "the previous step"),
        ("hint", "the next hint for the question on screen"),
        ("solution", "the worked answer"),
        ("skip", "move past a question (shows its answer)"),
        ("retry", "ask a question you missed, skipped or revealed again, with fresh numbers"),
        ("practice ID", "ask a question of this lesson again (or LESSON/ID), with fresh numbers"),
        ("rerun ID name=value …", "re-run an example with your own inputs, e.g. rerun three-steps grads=[1, -1] lr=0.01"),
        ("tweak PLOT-ID", "open a lesson plot full-screen with sliders (plot-1, plot-2, … in lesson order); rerun PLOT-ID name=value … redraws it"),
        ("calc EXPR", "evaluate an expression, e.g. calc bias_correction(0.9, 1); a bare expression works too (at a question: arithmetic and elementary functions only)"),
        ("help functions", "every function expressions can call"),
        ("exercises", "list the exercises with your status"),
        ("start ID", "write an exercise's starter to ./optimlab-work/ID/"),
        ("grade [ID]", "grade your file of an exercise (default: the first not passed)"),
        ("hint ID / solution ID", "the exercise's next hint; its reference solution once you pass"),
        ("reset ID", "put the starter back over your file (asks first)"),
        ("quit", "leave (Ctrl-D too); progress is saved after every answer"),
    ]

    static func commands(terminal: Terminal) -> String {
        let width = commandLines.map(\.0.count).max() ?? 0
        // Each description wraps to the terminal with its continuation under the descriptions' column.
        let rest = String(repeating: " ", count: width + 4)
        let lines = commandLines.map { c in
            MarkdownRenderer.wrap(c.1, width: terminal.width, first: "  " + terminal.styled(c.0.padding(width), .bold) + "  ", rest: rest)
                .joined(separator: "\n")
        }
        return (["Commands (at a question, anything else you type is your answer):"] + lines).joined(separator: "\n")
    }

    static func functions(terminal: Terminal) -> String {
        var out: [String] = []
        for category in FunctionDefinition.Category.allCases {
            let fs = FunctionCatalogue.all.filter { $0.category == category }
            guard !fs.isEmpty else { continue }
            out.append(terminal.styled(category.rawValue, .bold))
            for f in fs { out.append("  \(f.signature)\n      \(f.summary)") }
        }
        out.append("Numbers like 1e-3, lists [1, 2], strings \"optax\"; + - * / ^ and parentheses; named arguments name=value.")
        return out.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(width - count, 0)) }
}
