import OptimlabEngine

/// JSON: everything, including the divergence window and the diagnosis.
public enum JSONReport {
    public static func render(_ reports: [SubmissionReport]) -> String {
        let all = reports.allSatisfy(\.passed) && !reports.isEmpty
        return JSONValue.object([
            ("format", .string("optimlab-grade-1")),
            ("passed", .bool(all)),
            ("submissions", .array(reports.map(submission))),
        ]).rendered() + "\n"
    }

    static func number(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .string("\(x)") }

    static func submission(_ r: SubmissionReport) -> JSONValue {
        .object([
            ("submission", .string(ReportText.name(r.submission))),
            ("name", .string(r.shownName)),
            ("exercise", .string(ReportText.name(r.exerciseID))),
            ("status", .string(r.status.rawValue)),
            ("passed", .bool(r.passed)),
            ("score", number(r.score)),
            ("max_score", number(r.maxScore)),
            ("message", r.shownSummary.map(JSONValue.string) ?? .null),
            ("missing_protections", .array(r.missingProtections.map(JSONValue.string))),
            ("compile_seconds", number(r.compileSeconds)),
            ("total_seconds", number(r.totalSeconds)),
            ("cases", .array(r.cases.map(testCase))),
        ])
    }

    /// A case: everything for a visible one; for a hidden one its name, verdict and score only
    /// (no values, steps, seed, inputs or output: a student could hard-code them).
    static func testCase(_ c: CaseResult) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(c.shownName)), ("status", .string(c.status.rawValue)), ("hidden", .bool(c.hidden)),
            ("score", number(c.score)), ("max_score", number(c.maxScore)),
            ("failure", c.failure.map { .string($0.rawValue) } ?? .null),
            ("message", c.status == .passed ? .null : .string(c.hidden ? c.hiddenSummary : ReportText.clean(c.message))),
        ]
        if let g = c.diagnosis, c.status != .passed {
            members.append(("diagnosis", .object([("name", .string(g.name)), ("title", .string(g.title)),
                                                  ("explanation", .string(g.explanation)), ("lesson", .string(g.lesson))])))
        }
        guard !c.hidden else { return .object(members) }
        members.insert(("steps", .number(Double(c.steps))), at: 5)
        members.insert(("seed", c.seed.map { .string(String($0)) } ?? .null), at: 6)
        if let line = c.line { members.append(("line", .number(Double(line)))) }
        if let d = c.divergence {
            members.append(("divergence", .object([
                ("step", .number(Double(d.step))), ("tensor", .string(ReportText.name(d.tensor))), ("index", .number(Double(d.index))),
                ("expected", number(d.expected)), ("got", number(d.got)), ("relative_error", number(d.relativeError)),
                ("window", .array(d.window.map { row in
                    .object([("step", .number(Double(row.step))), ("expected", number(row.expected)),
                             ("got", row.got.map(number) ?? .null)])
                })),
            ])))
        }
        members.append(("inputs", .string(ReportText.clean(c.inputs))))
        members.append(("output", .string(c.shownOutput())))
        members.append(("output_bytes", .number(Double(c.output.totalBytes))))
        return .object(members)
    }
}
