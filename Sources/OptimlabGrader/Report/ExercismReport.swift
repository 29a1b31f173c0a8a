import OptimlabEngine

/// Exercism test-runner `results.json` version 3. `status` is `pass` only when the submission passed;
/// a compile error or an ungraded submission is `error` with the message.
public enum ExercismReport {
    public static func render(_ r: SubmissionReport) -> String {
        let status: String = switch r.status {
        case .passed: "pass"
        case .failed: "fail"
        case .compileError, .notGraded: "error"
        }
        let tests: [JSONValue] = r.cases.map { c in
            var members: [(key: String, value: JSONValue)] = [
                ("name", .string(c.name)), ("status", .string(c.status == .passed ? "pass" : c.status == .failed ? "fail" : "error")),
                ("test_code", .string("grade \(c.steps) steps of case \(c.name) against the reference trace")),
            ]
            if c.status != .passed { members.append(("message", .string(c.hidden ? c.hiddenSummary : c.details))) }
            if !c.output.isEmpty { members.append(("output", .string(String(c.output.prefix(500))))) }
            return .object(members)
        }
        return JSONValue.object([
            ("version", .number(3)), ("status", .string(status)),
            ("message", r.summaryMessage.map { .string(String($0.prefix(65_000))) } ?? .null),
            ("tests", .array(tests)),
        ]).rendered() + "\n"
    }
}
