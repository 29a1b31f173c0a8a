import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// An instructor's exercise written as files only — no Swift in the tool changes: AdaGrad over named
/// tensors (no built-in exercise has that API), with one engine mistake and one declared as a variant.
/// `check` passes it over five seeds, and a wrong submission is graded with its declared mistake named.
@Suite struct FileOnlyExerciseTests {
    /// Copies the exercise folder `Fixtures/Exercises/named-adagrad` (exercise.yaml, starter and
    /// solution files, and `wrong.swift`: ε inside the root and a cold accumulator) to a fresh temporary
    /// folder and returns the copy's path.
    static func writeExercise() throws -> String {
        let dir = TemporaryDirectory(prefix: "optimlab-file-only").file("named-adagrad")
        try ExerciseFixtures.copy("named-adagrad", to: dir)
        return dir
    }

    @Test func aNewExerciseWrittenAsFilesPassesCheckAndNamesItsDeclaredMistake() throws {
        let dir = try Self.writeExercise()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let exercise = try ExerciseLoader.load(directory: dir)
        #expect(exercise.api.contains("init(lr: Double, eps: Double, initialAccumulatorValue: Double)"))
        let check = ExerciseCheck.run(exercise, environment: GradingFixture.environment)
        #expect(check.problems == [])
        #expect(check.coverage.rows.map(\.mistake) == ["accumulator-not-initialised", "eps-inside-and-cold-start"])
        #expect(check.coverage.rows.allSatisfy { $0.missedSeeds.isEmpty && $0.caught == [5, 5] })

        let report = GradingFixture.grader(exercise, seed: 3).grade("\(dir)/wrong.swift")
        #expect(report.status == .failed)
        let failing = report.cases.filter { $0.status == .failed }
        #expect(failing.map(\.name) == ["warm", "hidden-long"])
        #expect(failing.allSatisfy { $0.diagnosis?.name == "eps-inside-and-cold-start" && $0.diagnosis?.lesson == "adagrad" })
        #expect(exercise.hints(after: "eps-inside-and-cold-start").first == "Start s at initial_accumulator_value and add ε after the root.")
    }

    @Test func aDeclaredMistakeThatNoCaseCatchesFailsCheck() throws {
        let dir = try Self.writeExercise()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        var exercise = try ExerciseLoader.load(directory: dir)
        exercise.mistakes.append(ExerciseMistake(.lrDecayMisapplied))     // lr_decay is 0 in every case
        let check = ExerciseCheck.run(exercise, environment: GradingFixture.environment)
        #expect(check.problems == ["\(dir)/exercise.yaml: mistake lr-decay-misapplied passes every case on seed(s) 1, 2, 3, 4, 5: add or sharpen a case that exposes it"])
    }
}

/// The same mechanism for an optimizer past AdamW: Adamax (torch.optim.Adamax, no built-in exercise)
/// over named tensors, one of them a matrix given by its shape, with the tensors' shapes passed to the
/// student's init, and a mistake declared as a variant (weight decay left out).
@Suite struct FileOnlyAdamaxExerciseTests {
    @Test func anAdamaxExerciseWrittenAsFilesPassesCheckAndNamesItsDeclaredMistake() throws {
        let temporary = TemporaryDirectory(prefix: "optimlab-file-only")
        defer { temporary.remove() }
        let root = temporary.path
        let dir = root + "/named-adamax"
        try ExerciseFixtures.copy("named-adamax", to: dir)          // wrong.swift: Adamax without the weight decay

        let exercise = try ExerciseLoader.load(directory: dir)
        #expect(exercise.api.contains("init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, shapes: [String: [Int]])"))
        guard case .generated(let matrix) = exercise.cases[0].source else { Issue.record("matrix is generated"); return }
        #expect(matrix.shapes == TensorShapes(["w": [2, 3]]) && matrix.tensors.map(\.size) == [6, 3])
        let check = ExerciseCheck.run(exercise, environment: GradingFixture.environment)
        #expect(check.problems == [])
        #expect(check.coverage.rows.map(\.mistake) == ["decay-ignored"])
        #expect(check.coverage.rows.allSatisfy { $0.missedSeeds.isEmpty && $0.caught == [5, 5] })

        let report = GradingFixture.grader(exercise, seed: 3).grade("\(dir)/wrong.swift")
        #expect(report.status == .failed)
        let failing = report.cases.filter { $0.status == .failed }
        #expect(failing.map(\.name) == ["matrix", "hidden-long"])
        #expect(failing.allSatisfy { $0.diagnosis?.name == "decay-ignored" && $0.diagnosis?.lesson == "adam" })
    }
}

/// A trace must agree with its own header: the relabelling hole (an RMSProp run labelled "adamw").
@Suite struct RelabelledTraceTests {
    static func trace(_ optimizer: OptimizerSpec) -> Trace {
        let grads = [[0.5, -0.25, 1.0], [0.125, 0.75, -0.5], [-1.0, 0.5, 0.25]]
        return Trace(optimizer: optimizer, initialParams: NamedTensors([("w", [1.0, -0.5, 0.25])]),
                     steps: grads.map { TraceStep(grads: NamedTensors([("w", $0)])) }).completed()
    }

    static func write(_ trace: Trace, name: String) throws -> String {
        let path = TemporaryDirectory(prefix: "optimlab-relabel").file("\(name).json")
        try trace.json.rendered().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anRMSPropTraceLabelledAdamWIsRefusedAtItsFirstDisagreement() throws {
        var relabelled = Self.trace(.rmsprop(RMSProp(lr: 1e-2, alpha: 0.99, eps: 1e-8)))
        relabelled.optimizer = .adamw(AdamHyperparameters(lr: 1e-2, weightDecay: 0))
        let path = try Self.write(relabelled, name: "relabelled")
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .failure(let error) = ExerciseLoader.loadTrace(path, exercise: GradingFixture.exercise("adamw")) else {
            Issue.record("the relabelled trace was accepted"); return
        }
        // RMSProp's first step moves w[0] by lr·g/(√((1−α)g²) + ε) = 0.1 (to 0.9); AdamW's by lr = 0.01 (to 0.99).
        #expect(error.message.hasSuffix("the params do not follow the trace's own optimizer (adamw): at step 1, w[0] is recorded as 0.90000002 but adamw gives 0.99 (a trace made with another optimizer, or relabelled?)"),
                "\(error.message)")
    }

    @Test func anHonestTraceIsAccepted() throws {
        let honest = Self.trace(.adamw(AdamHyperparameters(lr: 1e-2, weightDecay: 0.1)))
        let path = try Self.write(honest, name: "honest")
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success = ExerciseLoader.loadTrace(path, exercise: GradingFixture.exercise("adamw")) else {
            Issue.record("an engine-made AdamW trace was refused"); return
        }
    }
}

/// The instructor's exercises written as files (`Fixtures/Exercises/<id>`: exercise.yaml, starter/,
/// solution/, and a `wrong.swift` submission), resources of the test target, never compiled into it.
enum ExerciseFixtures {
    static let folder = Bundle.module.resourcePath! + "/Fixtures/Exercises"

    /// Copies the exercise `id` to `destination` (its parent folders made as needed).
    static func copy(_ id: String, to destination: String) throws {
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(folder)/\(id)", toPath: destination)
    }
}
