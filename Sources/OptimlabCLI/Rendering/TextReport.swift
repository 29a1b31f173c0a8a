import OptimlabGrader

/// The human report of `optimlab grade`: one block per submission, a line per case, and for a failing
/// case the divergence, the side-by-side steps and the diagnosis. Hidden cases show their verdict only.
/// Every text from outside the grader (names, the program's and the compiler's output) is cleaned
/// (``ReportText``), so no escape sequence in them can repaint the terminal.
enum TextReport {
    static func render(_ reports: [SubmissionReport], terminal t: Terminal) -> String {
        var out: [String] = []
        for r in reports {
            let verdict = switch r.status {
            case .passed: t.styled("PASSED", .bold, .green)
            case .failed: t.styled("FAILED", .bold, .red)
            case .compileError: t.styled("DOES NOT COMPILE", .bold, .red)
            case .notGraded: t.styled("NOT GRADED", .bold, .yellow)
            }
            out.append("\(t.styled(r.shownName, .bold)) — \(ReportText.name(r.exerciseTitle)): \(verdict)"
                       + (r.cases.isEmpty ? "" : " (\(fmt(r.score))/\(fmt(r.maxScore)) points)"))
            if let message = r.shownSummary { out.append(indent(message)) }
            for c in r.cases {
                let mark = c.status == .passed ? t.styled(t.symbol("✓", ascii: "ok"), .green) : t.styled(t.symbol("✗", ascii: "FAIL"), .red)
                out.append("  \(mark) \(c.shownName)\(c.hidden ? t.styled(" (hidden)", .dim) : "")")
                guard c.status != .passed else { continue }
                out.append(indent(c.shownDetails, by: 6))
                let printed = c.shownOutput()
                if !printed.isEmpty { out.append(indent("your program printed (ignored for grading):\n" + printed, by: 6)) }
            }
            if let note = r.protectionsNote { out.append(t.styled("  " + note, .dim)) }
        }
        let passed = reports.filter(\.passed).count
        if reports.count > 1 { out.append("\(passed) of \(reports.count) submissions passed.") }
        return out.joined(separator: "\n") + "\n"
    }

    static func indent(_ s: String, by n: Int = 4) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { String(repeating: " ", count: n) + $0 }.joined(separator: "\n")
    }

    static func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x) }
}
