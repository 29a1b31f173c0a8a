import OptimlabEngine

/// Gradescope `results.json` for one submission: score, and one test per case (hidden cases
/// `visibility: hidden`). A compile error or an ungraded submission is a single failed test with
/// score 0, never a missing file or an empty list.
public enum GradescopeReport {
    public static func render(_ r: SubmissionReport) -> String {
        var tests: [JSONValue] = []
        if let message = r.summaryMessage, r.status != .failed {
            tests.append(.object([("name", .string(r.status == .compileError ? "Compiles" : "Graded")),
                                  ("status", .string("failed")), ("score", .number(0)),
                                  ("max_score", .number(max(r.maxScore, 0))), ("output", .string(message)),
                                  ("visibility", .string("visible"))]))
        }
        let trusted = r.status == .passed || r.status == .failed      // an ungraded run's cases earn nothing
        for c in r.cases {
            let passed = trusted && c.status == .passed
            tests.append(.object([("name", .string(c.name)), ("status", .string(passed ? "passed" : "failed")),
                                  ("score", JSONReport.number(passed ? c.score : 0)), ("max_score", JSONReport.number(c.maxScore)),
                                  ("output", .string(c.status == .passed ? "" : c.details + (c.output.isEmpty ? "" : "\n\nYour program printed:\n" + c.output))),
                                  ("visibility", .string(c.hidden ? "hidden" : "visible"))]))
        }
        var output = "\(r.exerciseTitle): \(r.status.rawValue)"
        if let note = r.protectionsNote { output += "\n" + note }
        return JSONValue.object([
            ("score", JSONReport.number(r.score)),
            ("execution_time", JSONReport.number(r.totalSeconds)),
            ("output", .string(output)),
            ("tests", .array(tests)),
        ]).rendered() + "\n"
    }
}
