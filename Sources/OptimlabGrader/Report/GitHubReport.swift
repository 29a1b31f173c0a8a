import Foundation

/// GitHub Actions workflow commands: an annotation per case (`::notice` for a pass, `::error` for a
/// failure) on the student's file, an `::error` on the file and line of each compiler error, and an
/// `::error` for a submission that was not graded — never a notice, so nothing ungraded looks green.
/// ``summary(_:)`` is the Markdown table for `$GITHUB_STEP_SUMMARY`.
public enum GitHubReport {
    public static func render(_ reports: [SubmissionReport]) -> String {
        var lines: [String] = []
        for r in reports {
            switch r.status {
            case .compileError:
                let errors = compileErrors(r.compileOutput ?? "", submission: r.submission)
                lines += errors.isEmpty
                    ? [command("error", file: r.submission, line: nil, title: "\(r.exerciseID): does not compile", message: r.compileOutput ?? "")]
                    : errors.map { command("error", file: r.submission, line: $0.line, title: "\(r.exerciseID): does not compile", message: $0.message) }
            case .notGraded:
                lines.append(command("error", file: r.submission, line: nil, title: "\(r.exerciseID): not graded",
                                     message: r.summaryMessage ?? "the submission was not graded"))
            case .passed, .failed:
                break
            }
            for c in r.cases where r.status != .notGraded || c.status != .passed {
                let title = "\(r.exerciseID): \(c.name)\(c.hidden ? " (hidden)" : "")"
                if c.status == .passed {
                    lines.append(command("notice", file: r.submission, line: nil, title: title, message: "passed"))
                } else {
                    lines.append(command("error", file: r.submission, line: nil, title: title, message: c.hidden ? c.hiddenSummary : c.details))
                }
            }
            let verdict = r.passed ? "passed" : r.status.rawValue
            lines.append("\(r.submission): \(verdict) (\(format(r.score))/\(format(r.maxScore)) points)")
        }
        if reports.isEmpty { lines.append(command("error", file: nil, line: nil, title: "optimlab", message: "no submission was graded")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown summary: one row per submission, with the first reason it did not pass.
    public static func summary(_ reports: [SubmissionReport]) -> String {
        let passed = reports.filter(\.passed).count
        var lines = ["### optimlab: \(passed) of \(reports.count) submission(s) passed", "",
                     "| submission | exercise | result | score | first problem |", "|---|---|---|---|---|"]
        for r in reports {
            let mark = r.passed ? "✅ passed" : "❌ \(r.status.rawValue)"
            let problem = r.summaryMessage.map(firstLine)
                ?? r.cases.first { $0.status != .passed }.map { "\($0.name): \($0.hidden ? $0.hiddenSummary : firstLine($0.message))" } ?? ""
            lines.append("| \(cell(r.submission)) | \(cell(r.exerciseID)) | \(mark) | \(format(r.score))/\(format(r.maxScore)) | \(cell(problem)) |")
        }
        if reports.isEmpty { lines.append("| — | — | ❌ not graded | 0 | no submission was graded |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path:line:col: error: message` lines from the compiler that name the student's file.
    static func compileErrors(_ output: String, submission: String) -> [(line: Int, message: String)] {
        output.split(separator: "\n").compactMap { raw in
            let line = String(raw)
            guard line.hasPrefix(submission + ":") else { return nil }
            let rest = line.dropFirst(submission.count + 1).split(separator: ":", maxSplits: 2)
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
        properties.append("title=\(escapeProperty(title))")
        return "::\(kind) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// Workflow-command escaping: `%`, CR and LF in the message; also `:` and `,` in properties.
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    static func firstLine(_ s: String) -> String { String(s.split(separator: "\n").first ?? "") }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    static func format(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.2f", x) }
}
