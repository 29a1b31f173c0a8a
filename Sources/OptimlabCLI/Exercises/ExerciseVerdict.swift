import OptimlabCourseware
import OptimlabGrader

/// The short verdict the student's loop shows after a grading: pass, or the first thing to fix — the
/// compiler's first errors, or the first failing case with its first divergence, the diagnosed
/// mistake and where to read about it — and the command that replays the same numbers.
enum ExerciseVerdict {
    /// Compiler output beyond this many lines is cut (the first error is what matters).
    static let compileLines = 12

    static func displays(_ report: SubmissionReport, exercise: Exercise, replay: String) -> [Display] {
        var out: [Display] = []
        switch report.status {
        case .passed:
            out.append(.success("\(exercise.id): all \(report.cases.count) cases pass."))
        case .compileError:
            out.append(.failure("\(report.submission) does not compile:"))
            let lines = (report.compileOutput ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            out.append(.result(lines.prefix(compileLines).joined(separator: "\n")
                               + (lines.count > compileLines ? "\n… (\(lines.count - compileLines) more lines)" : "")))
        case .notGraded:
            out.append(.warning("Not graded: \(report.summaryMessage ?? "the grader could not run the cases"). This is not a pass."))
        case .failed:
            let passing = report.cases.filter { $0.status == .passed }.count
            out.append(.failure("\(exercise.id): \(passing) of \(report.cases.count) cases pass."))
            if let c = report.cases.first(where: { $0.status != .passed }) { out += failure(c, exercise: exercise) }
        }
        // On a line of its own, indented like code: never wrapped, so it copies as one command.
        out.append(.note("Replay these numbers:\n    \(replay)"))
        return out
    }

    /// The first failing case: its divergence (hidden cases show no numbers), the mistake it looks
    /// like and the lesson that explains it.
    static func failure(_ c: CaseResult, exercise: Exercise) -> [Display] {
        var out: [Display] = [.result("Case \(c.name)\(c.hidden ? " (hidden)" : ""): \(c.hidden ? "failed." : c.message)")]
        if let d = c.diagnosis {
            out.append(.note("Likely mistake: \(d.title) [\(d.name)]. \(d.explanation)"))
            if let hint = exercise.mistakes.first(where: { $0.name == d.name })?.hint { out.append(.note("Hint: \(hint)")) }
            out.append(.note("Hint: revisit the lesson \"\(d.lesson)\" (`open \(d.lesson)` in the REPL)."))
        } else if !exercise.hints.isEmpty {
            out.append(.note("No known mistake matches; `optimlab hint \(exercise.id)` gives a hint."))
        }
        return out
    }
}
