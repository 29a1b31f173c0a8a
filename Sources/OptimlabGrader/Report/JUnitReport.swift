import Foundation

/// JUnit XML, in the shape of the Ant/Jenkins `junit-10.xsd` schema: one `<testsuite>` per
/// submission, one `<testcase>` per case with a name unique in the file. A wrong answer is a
/// `<failure type="mismatch">`; a case that gave no answer is an `<error>` whose `type` says how
/// (`crash`, `timeout`, `output-limit`, `exit`, `protocol`, `not-run`, `grader`); a compile error or
/// an ungraded submission is an `<error>` testcase, so CI never sees an empty (green) suite.
/// Messages go in the attribute and the body (GitLab reads only the body). A hidden case shows its
/// verdict only. Every text is cleaned (``ReportText``) and escaped for XML.
public enum JUnitReport {
    public static func render(_ reports: [SubmissionReport]) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, time: 0.0)
        for r in reports {
            let suite = suiteName(r)
            var cases: [String] = []
            var failures = 0, errors = 0
            if let message = r.shownSummary, r.status != .failed {
                errors += 1
                let name = r.status == .compileError ? "compile" : "grade"
                cases.append(testcase(suite, "\(r.shownName): \(name)", r.totalSeconds,
                                      body: element("error", type: r.status.rawValue, message: firstLine(message), text: message)))
            }
            for c in r.cases {
                var body = ""
                if c.status != .passed {
                    let kind = c.isError ? "error" : "failure"
                    if c.isError { errors += 1 } else { failures += 1 }
                    body = element(kind, type: (c.failure ?? .mismatch).rawValue, message: c.shownMessage, text: c.shownDetails)
                }
                let output = c.shownOutput()
                if !output.isEmpty { body += "      <system-out>\(esc(output, attribute: false))</system-out>\n" }
                cases.append(testcase(suite, "\(r.shownName): \(c.shownName)", c.seconds, body: body))
            }
            totals.tests += cases.count; totals.failures += failures; totals.errors += errors; totals.time += r.totalSeconds
            suites.append("  <testsuite name=\"\(esc(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(seconds(r.totalSeconds))\">\n"
                          + properties(r) + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        if reports.isEmpty {
            totals.errors = 1
            totals.tests = 1
            suites.append("  <testsuite name=\"optimlab\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000\">\n"
                          + testcase("optimlab", "grade", 0, body: element("error", type: "not-graded", message: "no submission was graded",
                                                                           text: "no submission was graded"))
                          + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"optimlab\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"\(seconds(totals.time))\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    static func suiteName(_ r: SubmissionReport) -> String { "\(ReportText.name(r.exerciseID)).\(r.shownName)" }

    static func testcase(_ suite: String, _ name: String, _ time: Double, body: String) -> String {
        let open = "    <testcase classname=\"\(esc(suite))\" name=\"\(esc(name))\" time=\"\(seconds(time))\""
        return body.isEmpty ? open + "/>" : open + ">\n" + body + "    </testcase>"
    }

    static func element(_ name: String, type: String, message: String, text: String) -> String {
        "      <\(name) message=\"\(esc(message))\" type=\"\(esc(type))\">\(esc(text, attribute: false))</\(name)>\n"
    }

    /// The sandbox protections that were not in force, as suite properties (CI keeps them with the run).
    static func properties(_ r: SubmissionReport) -> String {
        guard !r.missingProtections.isEmpty else { return "" }
        return "    <properties>\n      <property name=\"sandbox.missing\" value=\"\(esc(r.missingProtections.joined(separator: ", ")))\"/>\n    </properties>\n"
    }

    /// Seconds as the schema's `SUREFIRE_TIME` wants them: digits, a point, digits (never NaN or negative).
    static func seconds(_ x: Double) -> String { String(format: "%.3f", x.isFinite ? max(0, x) : 0) }

    static func firstLine(_ s: String) -> String { String(s.split(separator: "\n").first ?? "") }

    /// XML text and attribute escaping over cleaned text: the five markup characters, and newlines
    /// and tabs as character references (an attribute keeps them then; parsers turn raw ones into
    /// spaces). What XML 1.0 forbids never gets here (``ReportText/clean(_:)`` removed it).
    static func esc(_ s: String, attribute: Bool = true) -> String {
        var out = ""
        for u in ReportText.clean(s).unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
