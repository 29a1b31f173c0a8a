import Foundation
import OptimlabEngine
import Synchronization
import Testing
@testable import OptimlabGrader

/// An endless loop costs one time limit for the whole submission: the harness opens each case's
/// section on the channel before it runs the student's code, so the grader knows which case the
/// program was on when the limit hit; the cases before it keep their verdicts and the cases after it
/// are failed unrun. Asserted on the verdicts and on how many times the program was started, not on
/// wall-clock time.
@Suite struct TimeLimitTests {
    /// Which of the two limits may stop the submission: both (as graded), only the CPU limit (the
    /// wall-clock budget pushed out of reach), or only the wall-clock budget (the CPU limit out of reach).
    enum Mechanism: String, CaseIterable, Sendable { case both, cpu, wall }

    /// Counts the runs of the compiled submission (not of the compiler), and lets only `mechanism` stop it.
    final class CountingRunner: ProcessRunner {
        let inner = SandboxRunner()
        let runs = Mutex(0)
        let mechanism: Mechanism
        init(_ mechanism: Mechanism = .both) { self.mechanism = mechanism }
        func run(_ request: RunRequest) -> RunResult {
            guard request.executable.hasSuffix("/\(SubmissionBuild.binary)") else { return inner.run(request) }
            runs.withLock { $0 += 1 }
            var request = request
            switch mechanism {
            case .both: break
            case .cpu: request.wallSeconds = 600
            case .wall: request.cpuSeconds = 600
            }
            return inner.run(request)
        }
    }

    /// An endless loop in the first case, with a marker printed after it: whichever limit stops it,
    /// the report is the same time limit, word for word; the marker never appears, the program ran once.
    @Test(arguments: Mechanism.allCases)
    func anEndlessLoopIsReportedOneWayWhicheverLimitStopsIt(_ mechanism: Mechanism) throws {
        var exercise = GradingFixture.exercise("adamw")
        exercise.timeLimit = 1
        let marker = "after-the-loop-\(UInt64.random(in: 0...UInt64.max))"
        let source = Submissions.loopsThenPrints(marker)
        let path = GradingFixture.write(source, name: "loops-\(mechanism.rawValue)")
        let runner = CountingRunner(mechanism)
        let grader = try Grader.prepare(exercise: exercise, runner: runner, seed: 4, environment: GradingFixture.environment).get()
        let report = grader.grade(path)
        #expect(report.cases.count == exercise.cases.count && report.cases.first?.name == "typical")
        #expect(report.cases[0].failure == .timeout)
        #expect(report.cases[0].message == "the program stopped before finishing step 1 of 5: it ran out of time (1 s limit)")
        #expect(report.cases.dropFirst().allSatisfy { $0.failure == .notRun && $0.message == "not run: the program did not get past case typical" })
        #expect(report.cases.allSatisfy { !$0.output.text.contains(marker) })
        #expect(runner.runs.withLock { $0 } == 1)
    }

    @Test func anEndlessLoopInTheSecondCaseCostsOneLimitAndNamesThatCase() throws {
        var exercise = GradingFixture.exercise("sgd-momentum")
        exercise.timeLimit = 2
        let solution = try String(contentsOfFile: try #require(exercise.solutionPath), encoding: .utf8)
        // Correct, except that it never returns from a Nesterov step (the second case).
        let looping = solution.replacingOccurrences(
            of: "        let first = buffer.isEmpty\n",
            with: "        let first = buffer.isEmpty\n        var spin = 0.0\n        while nesterov { spin += 1; if spin < 0 { break } }\n")
        #expect(looping != solution)
        let path = GradingFixture.write(looping, name: "loops-in-nesterov")
        let runner = CountingRunner()
        let grader = try Grader.prepare(exercise: exercise, runner: runner, seed: 4, environment: GradingFixture.environment).get()
        let report = grader.grade(path)
        #expect(report.cases.map(\.name) == ["dampened", "nesterov", "schedule", "long-run"])
        #expect(report.cases[0].status == .passed)
        #expect(report.cases[1].status == .failed)
        #expect(report.cases[1].message.hasPrefix("the program stopped before finishing step 1 of 6"), "\(report.cases[1].message)")
        #expect(report.cases[2...].allSatisfy { $0.status == .failed && $0.message == "not run: the program did not get past case nesterov" })
        #expect(runner.runs.withLock { $0 } == 1)          // one run, one time limit, for all four cases
    }
}
