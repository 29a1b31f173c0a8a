import OptimlabEngine

/// Exercism test-runner `results.json`, version 3 (a superset of 2): `status` is `pass` only when
/// the submission passed, `fail` when a case failed, `error` when nothing could be judged (a compile
/// error, an ungraded submission), with the top-level `message` (at most 65 535 characters) then
/// and only then. Each case is a test with `name`, `status`, `test_code` (the case's real inputs,
/// or a note for a hidden case), `message` when it did not pass, and `output` (at most 500
/// characters, as the runner interface asks). The runner contract (exit 0 whenever the runner ran)
/// is the CLI's (`grade --format exercism`).
public enum ExercismReport {
    public static let maxMessage = 65_535
    public static let maxOutput = 500

    public static func render(_ r: SubmissionReport) -> String {
        let status: String = switch r.status {
        case .passed: "pass"
        case .failed: "fail"
        case .compileError, .notGraded: "error"
        }
        let tests: [JSONValue] = r.cases.map { c in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(c.shownName)),
                ("status", .string(c.status == .passed ? "pass" : c.isError ? "error" : "fail")),
                ("test_code", .string(c.hidden ? "(a hidden case: its inputs are not shown)" : ReportText.clean(c.inputs))),
            ]
            if c.status != .passed { members.append(("message", .string(c.shownDetails))) }
            let printed = c.shownOutput(limit: maxOutput - 100)
            if !printed.isEmpty { members.append(("output", .string(ReportText.prefix(printed, codePoints: maxOutput)))) }
            return .object(members)
        }
        return JSONValue.object([
            ("version", .number(3)), ("status", .string(status)),
            ("message", status == "error" ? .string(ReportText.prefix(r.shownSummary ?? "not graded", codePoints: maxMessage)) : .null),
            ("tests", .array(tests)),
        ]).rendered() + "\n"
    }
}
