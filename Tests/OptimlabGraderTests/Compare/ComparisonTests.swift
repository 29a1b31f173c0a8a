import OptimlabCourseware
import Testing
@testable import OptimlabGrader
import OptimlabEngine

@Suite struct ComparisonTests {
    @Test func toleranceHasARelativeBoundAnAbsoluteFloorAndRejectsNonFinite() {
        let t = Tolerance(rel: 1e-6, abs: 1e-12)
        #expect(t.accepts(1.000_000_9, 1))
        #expect(!t.accepts(1.000_001_1, 1))
        #expect(t.accepts(5e-13, 0))
        #expect(!t.accepts(2e-12, 0))
        #expect(!t.accepts(.nan, .nan))
        #expect(!t.accepts(.infinity, .infinity))
        #expect(Tolerance.relativeError(1.5, 1) == 0.5)
    }

    @Test func firstDivergenceNamesStepTensorAndIndexWithAWindow() throws {
        let expected: [[Double]] = [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]
        var got = expected
        got[2][2] = 3.5
        got[3][0] = 9
        let d = try #require(Divergence.first(expected: expected, got: got, tolerance: .standard, names: ["w", "b"], lengths: [2, 1]))
        #expect(d.step == 3 && d.tensor == "b" && d.index == 0)
        #expect(d.expected == 3 && d.got == 3.5 && d.relativeError == 0.5 / 3)
        #expect(d.window.map(\.step) == [1, 2, 3, 4])
        #expect(d.window.map(\.got) == [3, 3, 3.5, 3])
        #expect(Divergence.first(expected: expected, got: expected, tolerance: .standard, names: ["w", "b"], lengths: [2, 1]) == nil)
    }

    static func reference(_ optimizer: OptimizerSpec, steps: Int = 5) -> CaseReference {
        let g = CaseGenerator(optimizer: optimizer, tensors: [("w", 6)], steps: steps, gradientRange: 1e-5...1)
        return CaseReference(reference: ExerciseReference(optimizer: .adamw), settableLR: false, source: .generated(g), seed: 7)
    }

    /// The adamw exercise without its declared list: every applicable known mistake is a candidate.
    static let adamw: Exercise = {
        var e = GradingFixture.exercise("adamw")
        e.mistakes = []
        return e
    }()

    static let stress = OptimizerSpec.adamw(AdamHyperparameters(lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3, weightDecay: 0.5, amsgrad: false))

    @Test(arguments: KnownMistake.allCases.filter { $0.applies(to: Self.stress, clipping: false) })
    func aTraceMadeWithAMistakeIsDiagnosedAsThatMistake(_ mistake: KnownMistake) throws {
        let r = Self.reference(Self.stress)
        let got = r.outputs(ExerciseMistake(mistake))
        let d = try #require(Diagnosis.find(reference: r, exercise: Self.adamw, got: got, tolerance: .standard))
        #expect(d.name == mistake.rawValue)
        #expect(d.lesson == MistakeCatalogue.builtIn[mistake].lesson && !d.lesson.isEmpty)
        #expect(d.title == MistakeCatalogue.builtIn[mistake].title && d.title != mistake.rawValue)
    }

    @Test func aPartialMatchIsNotDiagnosed() {
        let r = Self.reference(Self.stress)
        var got = r.outputs(ExerciseMistake(.noBiasCorrection))
        got[4] = r.expected[4]                                      // the last step matches the reference instead
        #expect(Diagnosis.find(reference: r, exercise: Self.adamw, got: got, tolerance: .standard) == nil)
        #expect(Diagnosis.find(reference: r, exercise: Self.adamw, got: Array(got.prefix(3)), tolerance: .standard) == nil)
    }

    @Test func aScheduleOneStepAheadIsNamed() throws {
        let g = CaseGenerator(optimizer: .adamw(AdamHyperparameters(lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false)),
                              tensors: [("lr", 1)], steps: 8, schedule: .warmupCosine(warmupSteps: 3, totalSteps: 8, minLR: 0))
        let schedule = GradingFixture.exercise("warmup-cosine")
        let r = CaseReference(exercise: schedule, source: .generated(g), seed: 1)
        #expect(r.expected.map { $0[0] } == (0..<8).map { WarmupCosine(peak: 0.1, warmupSteps: 3, totalSteps: 8).learningRate(atStep: $0) })
        let ahead = (1...8).map { [WarmupCosine(peak: 0.1, warmupSteps: 3, totalSteps: 8).learningRate(atStep: $0)] }
        let d = try #require(Diagnosis.find(reference: r, exercise: schedule, got: ahead, tolerance: .standard))
        #expect(d.name == "schedule-one-step-ahead")
        #expect(Diagnosis.find(reference: r, exercise: schedule, got: ahead.map { [$0[0] * 2] }, tolerance: .standard) == nil)
    }

    @Test func generatedCasesAreReproducibleFromTheirSeed() {
        let a = Self.reference(Self.stress), b = Self.reference(Self.stress)
        #expect(a.expected == b.expected)
        #expect(a.inputs.initialParams == b.inputs.initialParams)
        let c = CaseReference(reference: ExerciseReference(optimizer: .adamw), settableLR: false,
                              source: .generated(CaseGenerator(optimizer: Self.stress, tensors: [("w", 6)], steps: 5, gradientRange: 1e-5...1)), seed: 8)
        #expect(c.inputs.initialParams != a.inputs.initialParams)
        let grads = a.inputs.steps.flatMap { $0.grads.flattened.map(abs) }
        #expect(grads.allSatisfy { (1e-5...1).contains($0) })
    }
}
