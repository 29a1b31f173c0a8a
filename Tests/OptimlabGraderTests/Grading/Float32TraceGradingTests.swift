import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabGrader

/// A float32 reference trace (PyTorch's fused kernel) against a student's Double AdamW: the trace's
/// own float32 rounding is far above 1e-6 on some parameters, so a correct submission must still pass,
/// while the known mistakes, which move parameters by learning-rate-sized amounts, still fail.
@Suite struct Float32TraceGradingTests {
    static let directory = Bundle.module.resourcePath! + "/Fixtures/Float32"
    static let names = ["torch-fused-adamw.json", "torch-fused-adamw-multistep.json"]

    static func trace(_ name: String) throws -> Trace {
        try Trace(json: String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8))
    }

    static func exercise() throws -> Exercise {
        var exercise = GradingFixture.exercise("adamw")
        exercise.timeLimit = 3
        exercise.cases = try names.map { name in
            guard case .success(let trace) = ExerciseLoader.loadTrace("\(directory)/\(name)", exercise: exercise) else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return ExerciseCase(name: name, source: .trace(trace, path: name))
        }
        return exercise
    }

    /// The exact float64 computation misses these float32 traces by more than the exercise's 1e-6.
    @Test func theFloat32TracesAreOutsideTheDoubleTolerance() throws {
        for name in Self.names {
            let reference = try Self.trace(name)
            var float64 = reference
            float64.dtype = .float64
            for k in float64.steps.indices { float64.steps[k].params = nil }
            let replay = float64.completed()
            let misses = zip(reference.steps, replay.steps).contains { want, got in
                zip(want.params!.flattened, got.params!.flattened).contains { !Tolerance.standard.accepts($1, $0) }
            }
            #expect(misses, "\(name) should need the float32 tolerance")
        }
    }

    @Test func aCorrectDoubleSubmissionPassesAndMistakesFail() throws {
        let grader = GradingFixture.grader(try Self.exercise())
        let submissions = ["correct": Submissions.correct, "no-bias-correction": Submissions.mistakes["no-bias-correction"]!,
                           "betas-swapped": Submissions.mistakes["betas-swapped"]!, "step-from-zero": Submissions.mistakes["step-from-zero"]!,
                           "decay-not-scaled-by-lr": Submissions.mistakes["decay-not-scaled-by-lr"]!]
        let paths = submissions.keys.sorted().map { GradingFixture.write(submissions[$0]!, name: "f32-\($0)") }
        let reports = grader.grade(paths)
        for (name, report) in zip(submissions.keys.sorted(), reports) {
            if name == "correct" {
                #expect(report.passed, "\(report.cases.map { "\($0.name): \($0.message)" })")
            } else {
                #expect(report.status == .failed, "\(name) passed a float32 trace")
                let named = Set(report.cases.compactMap { $0.diagnosis?.name })
                #expect(named.isSubset(of: [name]) && !named.isEmpty, "\(name): diagnosed \(named)")
            }
        }
    }
}
