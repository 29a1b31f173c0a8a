import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// Every machine-readable format over every golden scenario (pass, mismatch with a diagnosis,
/// compile error, crash, time-out, hidden case, hostile names and output, not graded): the rendered
/// report equals its golden file byte for byte, parses, and holds its published schema.
/// `OPTIMLAB_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests` rewrites the golden files.
@Suite struct GoldenReportTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Reports").path

    static func rendered(_ reports: [SubmissionReport]) -> [(format: String, ext: String, text: String)] {
        [("json", "json", JSONReport.render(reports)), ("junit", "xml", JUnitReport.render(reports)),
         ("github", "txt", GitHubReport.render(reports)), ("github-summary", "md", GitHubReport.summary(reports)),
         ("gradescope", "json", GradescopeReport.render(reports[0])), ("exercism", "json", ExercismReport.render(reports[0]))]
    }

    @Test(arguments: ReportScenarios.scenarios.map(\.name))
    func matchesItsGoldenFiles(_ scenario: String) throws {
        let reports = ReportScenarios.scenario(scenario)
        for (format, ext, text) in Self.rendered(reports) {
            let path = "\(Self.directory)/\(scenario).\(format).\(ext)"
            if ProcessInfo.processInfo.environment["OPTIMLAB_UPDATE_GOLDEN"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == golden, "\(scenario) \(format) differs from \(path)")
        }
    }

    @Test(arguments: ReportScenarios.scenarios.map(\.name))
    func holdsThePublishedSchemas(_ scenario: String) throws {
        let reports = ReportScenarios.scenario(scenario)
        #expect(ReportSchemas.junitProblems(JUnitReport.render(reports)) == [], "\(scenario) junit")
        #expect(ReportSchemas.optimlabProblems(JSONReport.render(reports)) == [], "\(scenario) json")
        #expect(ReportSchemas.gradescopeProblems(GradescopeReport.render(reports[0])) == [], "\(scenario) gradescope")
        #expect(ReportSchemas.exercismProblems(ExercismReport.render(reports[0])) == [], "\(scenario) exercism")
    }

    /// libxml2 with junit-10.xsd rejects what the schema forbids, naming the element and attribute
    /// (a validator that accepts anything proves nothing): an attribute `<testsuites>` does not
    /// take, a `<testcase>` without its required `name`, a `time` outside `SUREFIRE_TIME`, an
    /// element inside `<failure>`, a `<testsuite>` without `tests`.
    @Test func theJUnitSchemaRejectsWhatJunit10Forbids() {
        let suite = #"<testsuite name="a" tests="1" failures="0" errors="0">"#
        let attributes = ReportSchemas.junitProblems("<testsuites skipped=\"0\">\(suite)<testcase/></testsuite></testsuites>")
        #expect(attributes.count == 2, "\(attributes)")
        #expect(attributes.contains { $0.contains("Element 'testsuites', attribute 'skipped'") && $0.contains("not allowed") }, "\(attributes)")
        #expect(attributes.contains { $0.contains("Element 'testcase'") && $0.contains("'name' is required") }, "\(attributes)")
        let time = ReportSchemas.junitProblems(#"<testsuites><testsuite name="a" tests="0" failures="0" errors="0" time="1e3"/></testsuites>"#)
        #expect(time.count == 1 && time[0].contains("Element 'testsuite', attribute 'time'") && time[0].contains("'1e3'"), "\(time)")
        let child = ReportSchemas.junitProblems("<testsuites>\(suite)<testcase name=\"x\"><failure><b/></failure></testcase></testsuite></testsuites>")
        #expect(child.count == 1 && child[0].contains("Element 'b'") && child[0].contains("not expected"), "\(child)")
        let missing = ReportSchemas.junitProblems(#"<testsuites><testsuite name="a" failures="0" errors="0"/></testsuites>"#)
        #expect(missing.count == 1 && missing[0].contains("Element 'testsuite'") && missing[0].contains("'tests' is required"), "\(missing)")
    }

    /// The checks beyond the XSD: counts that disagree with the testcases, a duplicate testcase,
    /// a non-character (which Foundation's Linux parser would let through), malformed XML.
    @Test func theJUnitExtraChecksRejectWhatCIWouldMisread() {
        let counts = ReportSchemas.junitProblems(#"<testsuites><testsuite name="a" tests="3" failures="0" errors="1"><testcase name="x"><failure/></testcase><testcase name="x"/></testsuite></testsuites>"#)
        #expect(counts.sorted() == ["a: errors is not 0", "a: failures is not 1", "a: tests is not the testcase count 2", "duplicate testcase /x"])
        #expect(ReportSchemas.junitProblems("<testsuites>\(ReportScenarios.nonCharacters)</testsuites>") == ["not well-formed XML: U+FFFF is not an XML 1.0 character"])
        let malformed = ReportSchemas.junitProblems("<testsuites><testsuite>")
        #expect(malformed.count == 1 && malformed[0].hasPrefix("not well-formed XML: ") && malformed[0].count > 21, "\(malformed)")
    }

    /// The optimlab-grade-1 schema rejects a changed format name, an unknown key, a hidden case
    /// carrying a visible case's members, and a passed flag that disagrees with the status.
    @Test func theOptimlabSchemaRejectsWhatItForbids() {
        let pass = JSONReport.render(ReportScenarios.scenario("pass"))
        #expect(ReportSchemas.optimlabProblems(pass.replacingOccurrences(of: "optimlab-grade-1", with: "optimlab-grade-2"))
                == [#"/format: "optimlab-grade-2" is not "optimlab-grade-1""#])
        let extra = ReportSchemas.optimlabProblems(pass.replacingOccurrences(of: #""format""#, with: #""extra": 1, "format""#))
        #expect(extra == ["/: has extra, which the schema does not allow"])
        let flag = ReportSchemas.optimlabProblems(pass.replacingOccurrences(of: #""status": "passed",\#n      "passed": true"#,
                                                                            with: #""status": "passed",\#n      "passed": false"#))
        #expect(flag.sorted() == ["/passed: true is not false", "/submissions/0/passed: false is not true"])
        let hidden = JSONReport.render(ReportScenarios.scenario("hidden"))
        let leaky = ReportSchemas.optimlabProblems(hidden.replacingOccurrences(of: #""hidden": true,"#, with: #""hidden": true, "seed": "11","#))
        #expect(leaky.count == 1 && leaky[0].hasPrefix("/submissions/0/cases/1: matches 0 of oneOf"), "\(leaky)")
    }

    /// The Gradescope and Exercism schemas (and the Gradescope profile) reject what their
    /// specifications forbid.
    @Test func theResultsSchemasRejectWhatTheSpecificationsForbid() {
        #expect(ReportSchemas.gradescopeProblems(#"{"score": "10", "tests": [{"name": "a", "status": "ok"}], "visibility": "public"}"#).sorted()
                == [#"/score: is a string, not number"#, #"/tests/0/status: "ok" is not one of "passed", "failed""#,
                    #"/visibility: "public" is not one of "hidden", "after_due_date", "after_published", "visible""#])
        #expect(ReportSchemas.gradescopeProblems(#"{"tests": [{"score": 1}]}"#) == ["test 0: no name", "test 0: no status"])
        #expect(ReportSchemas.gradescopeProblems(#"{"tests": [{"name": "a", "status": "passed"}]}"#).first?.hasPrefix("/: matches none of anyOf") == true)
        #expect(ReportSchemas.exercismProblems(#"{"version": 3, "status": "pass", "message": "hi", "tests": [{"name": "a", "status": "fail"}]}"#).sorted()
                == ["/message: is a string, not null", #"/tests/0/status: "fail" is not "pass""#,
                    "/tests/0: lacks the required message", "/tests/0: lacks the required test_code"])
        #expect(ReportSchemas.exercismProblems(#"{"version": 2, "status": "fail", "tests": [{"name": "a", "status": "pass", "test_code": "", "task_id": 1}]}"#).sorted()
                == ["/tests/0/task_id: is not allowed here (schema false)", "/tests: no element matches the contains schema"])
        #expect(ReportSchemas.exercismProblems(#"{"version": 3, "status": "error"}"#) == ["/: lacks the required message"])
    }
}
