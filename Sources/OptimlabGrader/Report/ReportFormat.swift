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

    /// What every format shows of a case that did not pass: its ``details``, or for a hidden case
    /// only ``hiddenSummary`` (no values, no inputs, no output: a student could hard-code them).
    public var shownDetails: String { ReportText.clean(hidden ? hiddenSummary : details) }

    /// The one-line reason (the first line of ``shownDetails``).
    public var shownMessage: String { ReportText.name(String((hidden ? hiddenSummary : message).split(separator: "\n").first ?? "")) }

    /// The program's output as a format shows it (nothing for a hidden case).
    public func shownOutput(limit: Int = ProgramOutput.shownBytes) -> String {
        hidden || output.isEmpty ? "" : output.shown(limit: limit)
    }

    /// The case's name, safe on one line.
    public var shownName: String { ReportText.name(name) }

    /// Whether the case gave no answer (crash, time-out, …) rather than a wrong one: JUnit `<error>`.
    public var isError: Bool { status == .error || (status == .failed && failure?.isMismatch == false) }

    private func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
}

extension SubmissionReport {
    /// Why the submission was not graded or did not compile, for formats that need one message.
    public var summaryMessage: String? {
        switch status {
        case .notGraded: graderError ?? cases.first { $0.status == .error }?.message ?? "no case was run, so the submission was not graded"
        case .compileError: compileOutput.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            ?? "the submission did not compile, and the compiler printed nothing"
        case .passed, .failed: nil
        }
    }

    /// ``summaryMessage``, cleaned for display (compiler output echoes the student's source).
    public var shownSummary: String? { summaryMessage.map(ReportText.clean) }

    /// The submission's name, safe on one line.
    public var shownName: String { ReportText.name(name) }

    public var protectionsNote: String? {
        missingProtections.isEmpty ? nil : "Sandbox protections not in force: \(missingProtections.joined(separator: ", "))."
    }
}
