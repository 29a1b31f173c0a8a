/// The machine-readable report formats. Each renders a whole batch of submissions and takes
/// "passed" only from ``SubmissionReport/passed`` (fail closed); `text` lives in the CLI, which owns
/// the terminal.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, junit, gradescope, exercism, github
}

extension CaseResult {
    /// The failure text shown in every format: the message, the side-by-side window, the diagnosis.
    public var details: String {
        var lines = [message]
        if let d = divergence {
            lines.append("step  expected                 got")
            for row in d.window {
                lines.append(pad("\(row.step)", 6) + pad(Grader.number(row.expected), 25) + (row.got.map(Grader.number) ?? "—"))
            }
        }
        if let diagnosis {
            lines.append("Likely cause: \(diagnosis.title) [\(diagnosis.name)]. \(diagnosis.explanation) Revisit the lesson \"\(diagnosis.lesson)\".")
        }
        return lines.joined(separator: "\n")
    }

    /// What a student may see of a failing hidden case: the verdict and the diagnosis, no numbers.
    public var hiddenSummary: String {
        "This hidden case failed." + (diagnosis.map { " Likely cause: \($0.title). Revisit the lesson \"\($0.lesson)\"." } ?? "")
    }

    private func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
}

extension SubmissionReport {
    /// Why the submission was not graded or did not compile, for formats that need one message.
    public var summaryMessage: String? {
        switch status {
        case .notGraded: graderError ?? cases.first { $0.status == .error }?.message ?? "no case was run, so the submission was not graded"
        case .compileError: compileOutput
        case .passed, .failed: nil
        }
    }

    public var protectionsNote: String? {
        missingProtections.isEmpty ? nil : "Sandbox protections not in force: \(missingProtections.joined(separator: ", "))."
    }
}
