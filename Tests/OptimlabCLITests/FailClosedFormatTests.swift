import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabCLI
@testable import OptimlabGrader
import OptimlabTestSupport

/// Fail closed in every format: a submission that timed out, crashed, could not be run, met a grader
/// error, ran zero cases or did not compile is never reported as passed — not by the text report,
/// JSON, JUnit, Gradescope, Exercism or GitHub annotations.
@Suite struct FailClosedFormatTests {
    static func exercise() throws -> Exercise {
        try ExerciseLoader.load(directory: try #require(try BuiltInExercises.directory(for: "adamw")))
    }

    static func report(_ exercise: Exercise, compile: RunResult = RunResult(outcome: .exited(0)), run: RunResult) -> SubmissionReport {
        let grader = Grader(exercise: exercise, toolchain: Toolchain(swiftc: "/usr/bin/swiftc", version: "x"),
                            library: HarnessLibrary(directory: "/nonexistent"), runner: ScriptedRunner(compile: compile, run: run), seed: 1)
        let path = FileManager.default.temporaryDirectory.path + "/fail-closed-\(UUID().uuidString).swift"
        _ = FileManager.default.createFile(atPath: path, contents: Data("struct AdamW {}".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return grader.grade(path)
    }

    /// Each way a submission can go ungraded or unfinished, with the status it must get.
    static func cases() throws -> [(name: String, report: SubmissionReport, status: SubmissionReport.Status)] {
        let exercise = try Self.exercise()
        var noCases = exercise
        noCases.cases = []
        return [
            ("time-out", report(exercise, run: RunResult(outcome: .timedOut)), .failed),
            ("crash", report(exercise, run: RunResult(outcome: .signaled(SIGSEGV))), .failed),
            ("cannot run", report(exercise, run: RunResult(outcome: .spawnFailed("exec format error"))), .notGraded),
            ("grader error", report(exercise, compile: RunResult(outcome: .spawnFailed("no such file")), run: RunResult(outcome: .exited(0))), .notGraded),
            ("zero cases", report(noCases, run: RunResult(outcome: .exited(0))), .notGraded),
            ("compile error", report(exercise, compile: RunResult(outcome: .timedOut), run: RunResult(outcome: .exited(0))), .compileError),
        ]
    }

    @Test func everyFormatSaysFailedOrError() throws {
        for (name, r, status) in try Self.cases() {
            #expect(r.status == status, "\(name)")
            #expect(!r.passed && r.score == 0, "\(name)")

            let text = TextReport.render([r], terminal: .plain)
            #expect(!text.contains("PASSED"), "\(name): \(text)")
            let word = switch status { case .failed: "FAILED"; case .compileError: "DOES NOT COMPILE"; default: "NOT GRADED" }
            #expect(text.contains(": \(word)"), "\(name): \(text)")

            let json = try JSONValue.parse(JSONReport.render([r]))
            #expect(json["passed"] == .bool(false), "\(name)")
            guard case .array(let subs) = json["submissions"] else { Issue.record("\(name): no submissions"); continue }
            #expect(subs.first?["status"] == .string(status.rawValue) && subs.first?["passed"] == .bool(false), "\(name)")

            let xml = JUnitReport.render([r])
            let header = try #require(xml.split(separator: "\n").first { $0.hasPrefix("<testsuites ") })
            #expect(!header.contains("failures=\"0\" errors=\"0\""), "\(name): \(header)")

            let gradescope = try JSONValue.parse(GradescopeReport.render(r))
            #expect(gradescope["score"] == .number(0), "\(name)")
            guard case .array(let tests) = gradescope["tests"] else { Issue.record("\(name): no tests"); continue }
            #expect(tests.contains { $0["status"] == .string("failed") }, "\(name)")

            let exercism = try JSONValue.parse(ExercismReport.render(r))
            #expect(exercism["status"] == .string(status == .failed ? "fail" : "error"), "\(name)")

            let github = GitHubReport.render([r])
            #expect(github.contains("::error "), "\(name): \(github)")
            #expect(!github.contains("passed ("), "\(name): \(github)")
            #expect(!github.contains("::notice"), "\(name): \(github)")
            #expect(GitHubReport.summary([r]).contains("❌ \(status.rawValue)"), "\(name)")
        }
    }

    @Test func theMessagesSayWhy() throws {
        let all = try Self.cases()
        #expect(all[0].report.cases[0].message == "the program stopped before finishing step 1 of 5: it ran out of time (10 s limit)")
        #expect(all[0].report.cases[1].message == "not run: the program did not get past case typical")
        #expect(all[1].report.cases[0].message == "the program stopped before finishing step 1 of 5: it crashed (segmentation fault, SIGSEGV); no line of AdamW.swift was found on its stack")
        #expect(all[2].report.summaryMessage == "the grader could not run the program: exec format error")
        #expect(all[4].report.summaryMessage == "no case was run, so the submission was not graded")
        #expect(all[5].report.summaryMessage == "the compiler did not finish within 60 s")
    }
}
