import OptimlabEngine
import Testing
@testable import OptimlabGrader

/// Every format must fail closed: a submission that did not compile, ran no case or could not be
/// graded is never reported as passing.
@Suite struct ReportFormatTests {
    static func passing() -> CaseResult {
        CaseResult(name: "typical", hidden: false, status: .passed, message: "", maxScore: 5, output: "", steps: 5, seconds: 0.01)
    }

    static func failing(hidden: Bool = false) -> CaseResult {
        let d = Divergence(step: 2, tensor: "w", index: 1, expected: 0.5, got: 0.25, relativeError: 0.5,
                           window: [.init(step: 1, expected: 1, got: 1), .init(step: 2, expected: 0.5, got: 0.25)])
        return CaseResult(name: "stress", hidden: hidden, status: .failed, message: "step 2: w[1] expected 0.5, got 0.25 (relative error 0.5)",
                          maxScore: 5, divergence: d,
                          diagnosis: Diagnosis(name: "decay-after-update", title: "Weight decay applied after the update",
                                               explanation: "x", lesson: "adamw"),
                          output: "debug <3", steps: 5, seconds: 0.01)
    }

    static let ungraded: [SubmissionReport] = [
        SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "a.swift", compileOutput: "a.swift:3:1: error: boom"),
        SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "b.swift"),
        SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "c.swift", graderError: "no Swift compiler found",
                         cases: [passing()]),
    ]

    @Test func statusFailsClosed() {
        #expect(Self.ungraded.map(\.status) == [.compileError, .notGraded, .notGraded])
        #expect(Self.ungraded.allSatisfy { !$0.passed && $0.score == 0 })
        let good = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "d.swift", cases: [Self.passing()])
        #expect(good.passed && good.score == 5)
    }

    @Test func jsonNeverSaysPassedForUngradedSubmissions() throws {
        let v = try JSONValue.parse(JSONReport.render(Self.ungraded))
        #expect(v["passed"] == .bool(false))
        guard case .array(let subs) = v["submissions"] else { Issue.record("no submissions"); return }
        #expect(subs.map { $0["status"] } == [.string("compile-error"), .string("not-graded"), .string("not-graded")])
        #expect(subs.allSatisfy { $0["passed"] == .bool(false) })
        #expect(try JSONValue.parse(JSONReport.render([]))["passed"] == .bool(false))
    }

    @Test func jsonCarriesDivergenceAndDiagnosis() throws {
        let r = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "e.swift", cases: [Self.failing()])
        let c = try JSONValue.parse(JSONReport.render([r]))["submissions"]
        guard case .array(let subs) = c, case .array(let cases) = subs[0]["cases"] else { Issue.record("shape"); return }
        #expect(cases[0]["divergence"]?["step"] == .number(2))
        #expect(cases[0]["divergence"]?["relative_error"] == .number(0.5))
        #expect(cases[0]["diagnosis"]?["name"] == .string("decay-after-update"))
    }

    @Test func junitHasAnErrorTestcaseForEachUngradedSubmission() {
        let xml = JUnitReport.render(Self.ungraded)
        #expect(xml.contains("<testsuites name=\"optimlab\" tests=\"4\" failures=\"0\" errors=\"3\""))
        #expect(xml.contains("<testcase classname=\"adamw.a.swift\" name=\"a.swift: compile\""))
        #expect(xml.contains("<error message=\"a.swift:3:1: error: boom\" type=\"compile-error\">a.swift:3:1: error: boom</error>"))
        #expect(xml.contains("name=\"b.swift: grade\""))
        #expect(JUnitReport.render([]).contains("errors=\"1\""))
    }

    @Test func junitFailureHasTheMessageInTheBodyAndUniqueNames() {
        let r1 = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "e.swift", cases: [Self.passing(), Self.failing()])
        let r2 = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "f.swift", cases: [Self.passing()])
        let xml = JUnitReport.render([r1, r2])
        #expect(xml.contains("<failure message=\"step 2: w[1] expected 0.5, got 0.25 (relative error 0.5)\" type=\"mismatch\">step 2: w[1] expected 0.5"))
        #expect(xml.contains("<system-out>debug &lt;3</system-out>"))
        #expect(xml.contains("name=\"e.swift: typical\"") && xml.contains("name=\"f.swift: typical\""))
        #expect(xml.contains("<testcase classname=\"adamw.f.swift\" name=\"f.swift: typical\" time=\"0.010\"/>"))
    }

    @Test func junitListsMissingSandboxProtections() {
        let r = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "e.swift", cases: [Self.passing()],
                                 missingProtections: ["PID namespace", "network namespace"])
        #expect(JUnitReport.render([r]).contains("<property name=\"sandbox.missing\" value=\"PID namespace, network namespace\"/>"))
    }

    @Test func gradescopeScoresZeroWithAFailedTestWhenNotGraded() throws {
        for r in Self.ungraded {
            let v = try JSONValue.parse(GradescopeReport.render(r))
            #expect(v["score"] == .number(0))
            guard case .array(let tests) = v["tests"] else { Issue.record("no tests"); continue }
            #expect(tests.first?["status"] == .string("failed"))
            #expect(tests.first?["name"] == .string(r.status == .compileError ? "Compiles" : "Graded"))
            #expect(tests.allSatisfy { $0["score"] == .number(0) })
            #expect(tests.first?["max_score"] == .number(r.cases.isEmpty ? 10 : 5))
        }
    }

    @Test func gradescopeHidesHiddenCases() throws {
        let r = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "g.swift",
                                 cases: [Self.passing(), Self.failing(hidden: true)], missingProtections: ["network namespace"])
        let v = try JSONValue.parse(GradescopeReport.render(r))
        #expect(v["score"] == .number(5))
        guard case .array(let tests) = v["tests"] else { Issue.record("no tests"); return }
        #expect(tests.map { $0["visibility"] } == [.string("visible"), .string("hidden")])
        #expect(tests.map { $0["max_score"] } == [.number(5), .number(5)])
        #expect(v["output"] == .string("AdamW: failed\nSandbox protections not in force: network namespace."))
    }

    @Test func exercismIsErrorWithTheMessageWhenNotGraded() throws {
        let compile = try JSONValue.parse(ExercismReport.render(Self.ungraded[0]))
        #expect(compile["version"] == .number(3) && compile["status"] == .string("error"))
        #expect(compile["message"] == .string("a.swift:3:1: error: boom"))
        #expect(try JSONValue.parse(ExercismReport.render(Self.ungraded[1]))["status"] == .string("error"))
        let failed = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "h.swift", cases: [Self.passing(), Self.failing()])
        let v = try JSONValue.parse(ExercismReport.render(failed))
        #expect(v["status"] == .string("fail") && v["message"] == .null)
    }

    /// A compile error with no compiler output still has a message (Exercism refuses an empty one),
    /// and Exercism's limits count code points: a cut never splits a character.
    @Test func aSilentCompileErrorStillSaysWhy() throws {
        let silent = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "AdamW.swift", compileOutput: "\n",
                                      cases: [], compileSeconds: 0, totalSeconds: 0)
        #expect(silent.summaryMessage == "the submission did not compile, and the compiler printed nothing")
        #expect(ExercismReport.render(silent).contains(#""message": "the submission did not compile, and the compiler printed nothing""#))
        #expect(ReportText.prefix("e\u{301}e\u{301}x", codePoints: 3) == "e\u{301}")
        #expect(ReportText.prefix("e\u{301}e\u{301}x", codePoints: 5) == "e\u{301}e\u{301}x")
    }
}
