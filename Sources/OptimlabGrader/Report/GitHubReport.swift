import Foundation

/// GitHub Actions workflow commands, within what GitHub shows: at most 10 error and 10 notice
/// annotations per step (and 50 per job), so this emits at most ``maxErrors`` `::error` and
/// ``maxNotices`` `::notice` lines, the most useful first — one per failing submission (its first
/// compiler error on its line; its first failing case, a diagnosed one preferred; why it was not
/// graded), never one per case — and one notice per passing submission, never per passing case.
/// When more than ``maxErrors`` fail, the slots go to the most useful annotations (``usefulness(_:)``:
/// a diagnosed mistake, then a problem pinned to a line, then other failures, then what was not
/// graded), each printed where its submission's log line is. Failing submissions past the limit get no annotation; the log says how many, and ``summary(_:label:)``
/// (the Markdown table for `$GITHUB_STEP_SUMMARY`) lists every submission and says how many were not
/// annotated. Nothing ungraded is a notice. Every other line starts with `optimlab:`, and every
/// name and message is cleaned and escaped as GitHub's toolkit escapes them, so no text from a
/// submission (a file name holding a newline and `::stop-commands::…`) can start a command.
public enum GitHubReport {
    public static let maxErrors = 10
    public static let maxNotices = 10

    public static func render(_ reports: [SubmissionReport]) -> String {
        var lines: [String] = []
        var notices = 0, unannotated = 0
        let failing = reports.indices.filter { !reports[$0].passed }
        let annotated = Set(failing.sorted { (usefulness(reports[$0]), $0) < (usefulness(reports[$1]), $1) }.prefix(maxErrors))
        for (k, r) in reports.enumerated() {
            if r.passed {
                if notices < maxNotices {
                    notices += 1
                    lines.append(command("notice", file: r.submission, line: nil, title: "\(r.exerciseID): passed",
                                         message: "\(r.cases.count) of \(r.cases.count) cases passed (\(format(r.score))/\(format(r.maxScore)) points)"))
                }
            } else if annotated.contains(k) {
                lines.append(annotation(r))
            } else {
                unannotated += 1
            }
            let verdict = r.passed ? "passed" : r.status.rawValue
            lines.append("optimlab: \(r.shownName): \(verdict) (\(format(r.score))/\(format(r.maxScore)) points)")
        }
        if unannotated > 0 {
            lines.append("optimlab: \(unannotated) more failing submission(s) have no annotation (GitHub shows at most \(maxErrors) error annotations per step); the step summary lists them")
        }
        if reports.isEmpty { lines.append(command("error", file: nil, line: nil, title: "optimlab", message: "no submission was graded")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How much a failing submission's annotation helps, lower first: 0 a diagnosed mistake (it says
    /// what to fix), 1 a compile error or crash at a line of the student's file, 2 another mismatch,
    /// 3 a time-out, or a crash or compile error with no line, 4 not graded (the summary says why).
    static func usefulness(_ r: SubmissionReport) -> Int {
        switch r.status {
        case .failed, .passed:
            let shown = r.cases.filter { $0.status != .passed && !$0.hidden }
            if shown.contains(where: { $0.diagnosis != nil }) { return 0 }
            if shown.contains(where: { $0.line != nil }) { return 1 }
            return shown.contains(where: { $0.failure == .mismatch }) ? 2 : 3
        case .compileError: return compileErrors(r.shownSummary ?? "", submission: r.submission).isEmpty ? 3 : 1
        case .notGraded: return 4
        }
    }

    /// The one `::error` for a submission that did not pass.
    static func annotation(_ r: SubmissionReport) -> String {
        switch r.status {
        case .compileError:
            let output = r.shownSummary ?? ""
            let title = "\(r.exerciseID): does not compile"
            guard let first = compileErrors(output, submission: r.submission).first else {
                return command("error", file: r.submission, line: nil, title: title, message: output)
            }
            return command("error", file: r.submission, line: first.line, title: title, message: first.message)
        case .notGraded:
            return command("error", file: r.submission, line: nil, title: "\(r.exerciseID): not graded",
                           message: r.shownSummary ?? "the submission was not graded")
        case .failed, .passed:
            let failing = r.cases.filter { $0.status != .passed }
            let best = failing.first { !$0.hidden && $0.diagnosis != nil } ?? failing.first { !$0.hidden } ?? failing.first
            guard let c = best else { return command("error", file: r.submission, line: nil, title: r.exerciseID, message: "failed") }
            let more = failing.count > 1 ? "\n\(failing.count) of \(r.cases.count) cases failed." : ""
            return command("error", file: r.submission, line: c.line, title: "\(r.exerciseID): \(c.name)\(c.hidden ? " (hidden)" : "")",
                           message: c.shownDetails + more)
        }
    }

    /// A Markdown summary: one row per submission, with the first reason it did not pass. `label`
    /// (e.g. `shard 2/4`) names the part of a class this run graded.
    public static func summary(_ reports: [SubmissionReport], label: String? = nil) -> String {
        let passed = reports.filter(\.passed).count
        let failing = reports.count - passed
        var lines = ["### optimlab\(label.map { " (\(cell($0)))" } ?? ""): \(passed) of \(reports.count) submission(s) passed", ""]
        if failing > maxErrors {
            lines += ["\(failing - maxErrors) failing submission(s) beyond the first \(maxErrors) have no annotation on their files (GitHub shows at most \(maxErrors) error annotations per step); every submission is in this table.", ""]
        }
        lines += ["| submission | exercise | result | score | first problem |", "|---|---|---|---|---|"]
        for r in reports {
            let mark = r.passed ? "✅ passed" : "❌ \(r.status.rawValue)"
            let problem = r.shownSummary.map(firstLine)
                ?? r.cases.first { $0.status != .passed }.map { "\($0.shownName): \($0.shownMessage)" } ?? ""
            lines.append("| \(cell(r.shownName)) | \(cell(r.exerciseID)) | \(mark) | \(format(r.score))/\(format(r.maxScore)) | \(cell(problem)) |")
        }
        if reports.isEmpty { lines.append("| — | — | ❌ not graded | 0 | no submission was graded |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path:line:col: error: message` lines from the compiler that name the student's file.
    static func compileErrors(_ output: String, submission: String) -> [(line: Int, message: String)] {
        let name = ReportText.name(submission)
        return output.split(separator: "\n").compactMap { raw in
            let line = String(raw)
            guard line.hasPrefix(name + ":") else { return nil }
            let rest = line.dropFirst(name.count + 1).split(separator: ":", maxSplits: 2)
            guard rest.count == 3, let number = Int(rest[0]), Int(rest[1]) != nil else { return nil }
            let message = rest[2].trimmingCharacters(in: .whitespaces)
            guard message.hasPrefix("error:") else { return nil }
            return (number, String(message.dropFirst("error:".count)).trimmingCharacters(in: .whitespaces))
        }
    }

    static func command(_ kind: String, file: String?, line: Int?, title: String, message: String) -> String {
        var properties: [String] = []
        if let file { properties.append("file=\(escapeProperty(file))") }
        if let line { properties.append("line=\(line)") }
        properties.append("title=\(escapeProperty(ReportText.name(title)))")
        return "::\(kind) \(properties.joined(separator: ","))::\(escapeData(ReportText.clean(message)))"
    }

    /// Workflow-command escaping (GitHub's `@actions/core` `escapeData`): `%`, CR and LF in the message.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// `escapeProperty`: also `:` and `,`. The text is cleaned first, so no control character is left.
    static func escapeProperty(_ s: String) -> String {
        escapeData(ReportText.clean(s)).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func firstLine(_ s: String) -> String { String(s.split(separator: "\n").first ?? "") }

    /// A Markdown table cell: one line, and nothing GitHub would read as markup (`|`, HTML, links, code).
    static func cell(_ s: String) -> String {
        var out = ""
        for ch in ReportText.name(s) {
            switch ch {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`", "[", "]", "*", "_", "!": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }

    static func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.2f", x) }
}
