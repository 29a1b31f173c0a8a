import Foundation
import Testing
@testable import OptimlabGrader
import OptimlabTestSupport

/// The grader's decisions with a scripted process runner (no compiler): whatever the runner reports,
/// a submission is never passed unless its cases ran to the end and matched.
@Suite struct FakeRunnerTests {
    func grade(_ runner: ScriptedRunner) -> SubmissionReport {
        let grader = Grader(exercise: GradingFixture.exercise("adamw"), toolchain: Toolchain(swiftc: "/usr/bin/swiftc", version: "x"),
                            library: HarnessLibrary(directory: "/nonexistent"), runner: runner, seed: 1)
        let path = GradingFixture.write("struct AdamW {}", name: "fake-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return grader.grade(path)
    }

    @Test func aCompilerThatCannotStartMeansNotGraded() {
        let r = grade(ScriptedRunner(compile: RunResult(outcome: .spawnFailed("no such file")), run: RunResult(outcome: .exited(0))))
        #expect(r.status == .notGraded && !r.passed && r.score == 0)
        #expect(r.graderError?.hasPrefix("the compiler ended with spawnFailed(\"no such file\")") == true)
    }

    @Test func aProgramThatWritesNothingFailsEveryCase() {
        let r = grade(ScriptedRunner(compile: RunResult(outcome: .exited(0)),
                                     run: RunResult(outcome: .exited(0), stdout: Array("PASS\n".utf8), missingProtections: ["network namespace"])))
        #expect(r.status == .failed && r.score == 0)
        #expect(r.cases.count == 5 && r.cases.allSatisfy { $0.status == .failed })
        #expect(r.cases[0].message == "the program stopped before finishing step 1 of 5")
        #expect(r.missingProtections == ["network namespace"])
    }

    @Test func aRunThatCannotStartIsAnErrorNotAPass() {
        let r = grade(ScriptedRunner(compile: RunResult(outcome: .exited(0)), run: RunResult(outcome: .spawnFailed("exec format error"))))
        #expect(r.cases.allSatisfy { $0.status == .error })
        #expect(r.cases[0].message == "the grader could not run the program: exec format error")
        #expect(r.status == .notGraded && !r.passed && r.score == 0)
        #expect(r.summaryMessage == "the grader could not run the program: exec format error")
    }

    @Test func aCompilerTimeoutIsACompileFailure() {
        let r = grade(ScriptedRunner(compile: RunResult(outcome: .timedOut), run: RunResult(outcome: .exited(0))))
        #expect(r.status == .compileError && r.compileOutput == "the compiler did not finish within 60 s")
    }
}
