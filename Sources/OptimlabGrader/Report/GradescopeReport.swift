import OptimlabEngine

/// Gradescope `results.json` for one submission (the autograder specification's top-level `score`,
/// `execution_time`, `output`, `visibility`, `stdout_visibility`, `tests[]`; each test `name`,
/// `status` passed/failed, `score`, `max_score`, `output`, `visibility`). A compile error or an
/// ungraded submission — the grader not able to run at all included — is a failed `Compiles` or
/// `Graded` test with score 0, never a missing file or an empty list. A hidden case is `visibility:
/// hidden` and its output says only whether it passed.
public enum GradescopeReport {
    public static func render(_ r: SubmissionReport) -> String {
        var tests: [JSONValue] = []
        if let message = r.shownSummary, r.status != .failed {
            tests.append(.object([("name", .string(r.status == .compileError ? "Compiles" : "Graded")),
                                  ("status", .string("failed")), ("score", .number(0)),
                                  ("max_score", .number(max(r.maxScore, 0))), ("output", .string(message)),
                                  ("visibility", .string("visible"))]))
        }
        let trusted = r.status == .passed || r.status == .failed      // an ungraded run's cases earn nothing
        for c in r.cases {
            let passed = trusted && c.status == .passed
            var output = c.status == .passed ? "" : c.shownDetails
            let printed = c.shownOutput()
            if !printed.isEmpty { output += (output.isEmpty ? "" : "\n\n") + "Your program printed (ignored for grading):\n" + printed }
            tests.append(.object([("name", .string(c.shownName)), ("status", .string(passed ? "passed" : "failed")),
                                  ("score", JSONReport.number(passed ? c.score : 0)), ("max_score", JSONReport.number(c.maxScore)),
                                  ("output", .string(output)),
                                  ("visibility", .string(c.hidden ? "hidden" : "visible"))]))
        }
        var output = "\(ReportText.name(r.exerciseTitle)): \(r.status.rawValue)"
        if let note = r.protectionsNote { output += "\n" + note }
        return JSONValue.object([
            ("score", JSONReport.number(r.score)),
            ("execution_time", JSONReport.number(r.totalSeconds)),
            ("output", .string(output)),
            ("visibility", .string("visible")),
            ("stdout_visibility", .string("hidden")),
            ("tests", .array(tests)),
        ]).rendered() + "\n"
    }
}
