import Foundation
import OptimlabEngine

/// The machine-readable report formats. Each renders a whole batch of submissions and takes
/// "passed" only from ``SubmissionReport/passed`` (fail closed); `text` lives in the CLI, which owns
/// the terminal.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, junit, gradescope, exercism
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

/// JUnit XML: one `<testsuite>` per submission, one `<testcase>` per case with a name unique in the
/// file; a compile error or an ungraded submission is an `<error>` testcase, so CI never sees an
/// empty (green) suite. Messages go in the attribute and the body (GitLab reads only the body).
public enum JUnitReport {
    public static func render(_ reports: [SubmissionReport]) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, time: 0.0)
        for r in reports {
            var cases: [String] = []
            var failures = 0, errors = 0
            let suite = "\(r.exerciseID).\(r.submission)"
            if let message = r.summaryMessage, r.status != .failed {
                errors += 1
                let name = r.status == .compileError ? "compile" : "grade"
                cases.append("    <testcase classname=\"\(esc(suite))\" name=\"\(esc(r.submission)): \(name)\" time=\"\(seconds(r.totalSeconds))\">\n"
                             + "      <error message=\"\(esc(firstLine(message)))\" type=\"\(r.status.rawValue)\">\(esc(message))</error>\n    </testcase>")
            }
            for c in r.cases {
                var body = ""
                switch c.status {
                case .passed: break
                case .failed: failures += 1; body = "      <failure message=\"\(esc(firstLine(c.message)))\" type=\"mismatch\">\(esc(c.details))</failure>\n"
                case .error: errors += 1; body = "      <error message=\"\(esc(firstLine(c.message)))\" type=\"error\">\(esc(c.details))</error>\n"
                }
                if !c.output.isEmpty { body += "      <system-out>\(esc(c.output))</system-out>\n" }
                let open = "    <testcase classname=\"\(esc(suite))\" name=\"\(esc(r.submission)): \(esc(c.name))\" time=\"\(seconds(c.seconds))\""
                cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body + "    </testcase>")
            }
            let tests = cases.count
            totals.tests += tests; totals.failures += failures; totals.errors += errors; totals.time += r.totalSeconds
            suites.append("  <testsuite name=\"\(esc(suite))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(seconds(r.totalSeconds))\">\n"
                          + properties(r) + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        if reports.isEmpty {
            totals.errors = 1
            suites.append("  <testsuite name=\"optimlab\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n"
                          + "    <testcase classname=\"optimlab\" name=\"grade\"><error message=\"no submission was graded\">no submission was graded</error></testcase>\n  </testsuite>")
            totals.tests = 1
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"0\" time=\"\(seconds(totals.time))\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    /// The sandbox protections that were not in force, as suite properties (CI keeps them with the run).
    static func properties(_ r: SubmissionReport) -> String {
        guard !r.missingProtections.isEmpty else { return "" }
        return "    <properties>\n      <property name=\"sandbox.missing\" value=\"\(esc(r.missingProtections.joined(separator: ", ")))\"/>\n    </properties>\n"
    }

    static func seconds(_ x: Double) -> String { String(format: "%.3f", x) }

    static func firstLine(_ s: String) -> String { String(s.split(separator: "\n").first ?? "") }

    static func esc(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(u)
            case _ where u.value < 0x20: out += "?"     // not allowed in XML 1.0
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

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
