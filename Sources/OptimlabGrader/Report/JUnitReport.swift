import Foundation

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
