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
            ("submission", .string(r.submission)),
            ("exercise", .string(r.exerciseID)),
            ("status", .string(r.status.rawValue)),
            ("passed", .bool(r.passed)),
            ("score", number(r.score)),
            ("max_score", number(r.maxScore)),
            ("message", r.summaryMessage.map(JSONValue.string) ?? .null),
            ("missing_protections", .array(r.missingProtections.map(JSONValue.string))),
            ("compile_seconds", number(r.compileSeconds)),
            ("total_seconds", number(r.totalSeconds)),
            ("cases", .array(r.cases.map(testCase))),
        ])
    }

    static func testCase(_ c: CaseResult) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(c.name)), ("status", .string(c.status.rawValue)), ("hidden", .bool(c.hidden)),
            ("score", number(c.score)), ("max_score", number(c.maxScore)), ("steps", .number(Double(c.steps))),
            ("seed", c.seed.map { .string(String($0)) } ?? .null),
            ("message", c.message.isEmpty ? .null : .string(c.message)),
        ]
        if let d = c.divergence {
            members.append(("divergence", .object([
                ("step", .number(Double(d.step))), ("tensor", .string(d.tensor)), ("index", .number(Double(d.index))),
                ("expected", number(d.expected)), ("got", number(d.got)), ("relative_error", number(d.relativeError)),
                ("window", .array(d.window.map { row in
                    .object([("step", .number(Double(row.step))), ("expected", number(row.expected)),
                             ("got", row.got.map(number) ?? .null)])
                })),
            ])))
        }
        if let g = c.diagnosis {
            members.append(("diagnosis", .object([("name", .string(g.name)), ("title", .string(g.title)),
                                                  ("explanation", .string(g.explanation)), ("lesson", .string(g.lesson))])))
        }
        members.append(("output", .string(c.output)))
        return .object(members)
    }
}
