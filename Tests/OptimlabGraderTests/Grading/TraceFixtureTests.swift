import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabGrader
import OptimlabTestSupport

/// The engine's PyTorch reference traces, graded with `--trace` semantics: every trace the AdamW API
/// can express passes for the reference solution; the others are refused with the reason.
@Suite struct TraceFixtureTests {
    static let directory = ReferenceTraces.directory
    static let names = ReferenceTraces.names

    @Test func expressibleTracesPassForTheSolution() throws {
        var exercise = GradingFixture.exercise("adamw")
        exercise.cases = []
        for name in Self.names {
            if case .success(let trace) = ExerciseLoader.loadTrace("\(Self.directory)/\(name)", exercise: exercise) {
                exercise.cases.append(ExerciseCase(name: name, source: .trace(trace, path: name)))
            }
        }
        #expect(exercise.cases.map(\.name) == ["000-adamw.json", "001-adamw.json", "002-adamw.json", "003-adamw.json",
                                              "004-adam.json", "012-adamw-sched.json", "013-adamw-sched.json",
                                              "f32-01-adamw.json", "f32-02-adamw.json"])
        let solution = try #require(exercise.solutionPath)
        let report = GradingFixture.grader(exercise).grade(solution)
        #expect(report.passed, "\(report.cases.filter { $0.status != .passed }.map { "\($0.name): \($0.message)" })")
    }

    @Test func inexpressibleTracesAreRefusedWithTheReason() {
        func reason(_ name: String, _ id: String = "adamw") -> String? {
            if case .failure(let e) = ExerciseLoader.loadTrace("\(Self.directory)/\(name)", exercise: GradingFixture.exercise(id)) { return e.message }
            return nil
        }
        #expect(reason("010-sgd.json")?.hasSuffix("the trace uses sgd, but this exercise implements AdamW") == true)
        #expect(reason("005-adam.json")?.hasSuffix("the trace uses Adam with L2 weight decay (coupled), which the AdamW API cannot express") == true)
        #expect(reason("014-adamw-sched-clip.json")?.hasSuffix("the trace uses amsgrad, which the AdamW API does not have") == true)
        #expect(reason("016-adamw-clip.json")?.hasSuffix("the trace clips gradients (clip_norm), which the AdamW API does not do") == true)
        #expect(reason("017-adamw-sched-clip.json", "training-step") == nil)
        #expect(reason("018-adamw-sched-clip.json", "training-step")?.hasSuffix("the trace's schedule is warmup_linear; this exercise implements warmup_cosine") == true)
    }
}
