import Foundation
import OptimlabEngine
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
        #expect(ReportSchemas.gradescopeProblems(GradescopeReport.render(reports[0])) == [], "\(scenario) gradescope")
        #expect(ReportSchemas.exercismProblems(ExercismReport.render(reports[0])) == [], "\(scenario) exercism")
        let json = try #require(ReportSchemas.object(JSONReport.render(reports)), "\(scenario) json")
        #expect(json["format"] as? String == "optimlab-grade-1")
    }

    /// The checks find what they are there to find (a validator that accepts anything proves nothing).
    @Test func theSchemaChecksRejectWhatTheSchemasForbid() {
        #expect(ReportSchemas.junitProblems("<testsuites skipped=\"0\"><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase/></testsuite></testsuites>").sorted()
                == ["<testcase> lacks the required attribute name", "<testsuites> has attribute skipped, which the schema does not allow"])
        #expect(ReportSchemas.junitProblems("<testsuites><testsuite name=\"a\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"1e3\"><testcase name=\"x\"><failure><b/></failure></testcase></testsuite></testsuites>").sorted()
                == ["<failure> may not hold <b>", "<b> is not in junit-10.xsd", "<testsuite> time 1e3 is not a SUREFIRE_TIME", "a: failures is not 1"].sorted())
        #expect(ReportSchemas.junitProblems("<testsuites>\(ReportScenarios.nonCharacters)</testsuites>").first?.hasPrefix("not well-formed XML") == true)
        #expect(ReportSchemas.gradescopeProblems(#"{"score": "10", "tests": [{"name": "a", "status": "ok"}], "visibility": "public"}"#).sorted()
                == ["score is not a number", "test 0: status ok", "visibility public is not one of [\"after_due_date\", \"after_published\", \"hidden\", \"visible\"]"])
        #expect(ReportSchemas.exercismProblems(#"{"version": 3, "status": "pass", "message": "hi", "tests": [{"name": "a", "status": "fail"}]}"#).sorted()
                == ["message must be null or absent unless status is error", "status pass with a test that did not pass",
                    "test 0: a fail test needs a message", "test 0: test_code is required (version 2 and 3) and must be a string"])
    }
}
