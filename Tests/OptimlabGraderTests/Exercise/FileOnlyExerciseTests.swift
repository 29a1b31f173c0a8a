import Foundation
import OptimlabEngine
import Testing
@testable import OptimlabGrader

/// An instructor's exercise written as files only — no Swift in the tool changes: AdaGrad over named
/// tensors (no built-in exercise has that API), with one engine mistake and one declared as a variant.
/// `check` passes it over five seeds, and a wrong submission is graded with its declared mistake named.
@Suite struct FileOnlyExerciseTests {
    static let yaml = """
        id: named-adagrad
        title: AdaGrad on named tensors
        reference: adagrad
        api:
          type: NamedAdagrad
          init: {lr: lr, eps: eps, initialAccumulatorValue: initial_accumulator_value}
          step: named
        file: NamedAdagrad.swift
        mistakes:
          - accumulator-not-initialised
          - name: eps-inside-and-cold-start
            title: ε inside the root and a cold accumulator
            explanation: "Both √(s + ε) and s starting at 0."
            lesson: adagrad
            hint: "Start s at initial_accumulator_value and add ε after the root."
            engine: [eps-inside-sqrt, accumulator-not-initialised]
        cases:
          - name: warm
            optimizer: {lr: 0.1, initial_accumulator_value: 0.5, eps: 1.0e-3}
            tensors: {w: 4, b: 2}
            steps: 4
            gradients: [1.0e-4, 1.0e-2]
          - name: hidden-long
            hidden: true
            optimizer: {lr: 0.05, initial_accumulator_value: 0.1, eps: 1.0e-3}
            tensors: {emb: 6}
            steps: 12
            gradients: [1.0e-4, 1]

        """

    /// The update with `epsInside` and `cold` choices: the correct solution makes neither.
    static func source(epsInside: Bool, cold: Bool, doNothing: Bool = false) -> String {
        """
        final class NamedAdagrad {
            let lr: Double, eps: Double, initialAccumulatorValue: Double
            var sum: [String: [Double]] = [:]
            init(lr: Double, eps: Double, initialAccumulatorValue: Double) {
                self.lr = lr; self.eps = eps; self.initialAccumulatorValue = initialAccumulatorValue
            }
            func step(params: inout [String: [Double]], grads: [String: [Double]]) {
                if \(doNothing) { return }
                for (name, g) in grads {
                    var s = sum[name] ?? Array(repeating: \(cold ? "0" : "initialAccumulatorValue"), count: g.count)
                    var p = params[name]!
                    for i in p.indices {
                        s[i] += g[i] * g[i]
                        p[i] -= lr * g[i] / \(epsInside ? "(s[i] + eps).squareRoot()" : "(s[i].squareRoot() + eps)")
                    }
                    sum[name] = s; params[name] = p
                }
            }
        }

        """
    }

    static func writeExercise() throws -> String {
        let dir = NSTemporaryDirectory() + "optimlab-file-only-\(UUID().uuidString)/named-adagrad"
        for sub in ["starter", "solution"] { try FileManager.default.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true) }
        try yaml.write(toFile: "\(dir)/exercise.yaml", atomically: true, encoding: .utf8)
        try source(epsInside: false, cold: false, doNothing: true).write(toFile: "\(dir)/starter/NamedAdagrad.swift", atomically: true, encoding: .utf8)
        try source(epsInside: false, cold: false).write(toFile: "\(dir)/solution/NamedAdagrad.swift", atomically: true, encoding: .utf8)
        try source(epsInside: true, cold: true).write(toFile: "\(dir)/wrong.swift", atomically: true, encoding: .utf8)
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
    static let yaml = """
        id: named-adamax
        title: Adamax on named tensors
        reference: adamax
        api:
          type: NamedAdamax
          init: {lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weight_decay, shapes: shapes}
          step: named
        file: NamedAdamax.swift
        mistakes:
          - name: decay-ignored
            title: No weight decay
            explanation: "Your numbers match Adamax with weight_decay = 0: torch adds λθ to the gradient first."
            lesson: adam
            hint: "g ← g + λθ before m and u."
            optimizer: {weight_decay: 0}
        cases:
          - name: matrix
            optimizer: {lr: 2.0e-2, beta1: 0.9, beta2: 0.99, eps: 1.0e-8, weight_decay: 0.1}
            tensors: {w: [2, 3], b: 3}
            steps: 5
          - name: hidden-long
            hidden: true
            optimizer: {lr: 1.0e-2, beta1: 0.8, beta2: 0.95, eps: 1.0e-6, weight_decay: 0.5}
            tensors: {emb: [4, 2]}
            steps: 12
            gradients: [1.0e-4, 1]

        """

    /// Adamax as torch, with or without the decay; `doNothing` is the starter.
    static func source(decays: Bool, doNothing: Bool = false) -> String {
        """
        import Foundation
        struct NamedAdamax {
            let lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double
            let shapes: [String: [Int]]
            var m: [String: [Double]] = [:], u: [String: [Double]] = [:], t = 0
            init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, shapes: [String: [Int]]) {
                self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay; self.shapes = shapes
            }
            mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
                if \(doNothing) { return }
                t += 1
                let clr = lr / (1 - pow(beta1, Double(t)))
                for (name, grad) in grads {
                    var p = params[name]!
                    precondition(shapes[name]!.reduce(1, *) == p.count)
                    var mt = m[name] ?? Array(repeating: 0, count: p.count), ut = u[name] ?? mt
                    for i in p.indices {
                        let g = grad[i] + \(decays ? "weightDecay * p[i]" : "0")
                        mt[i] = beta1 * mt[i] + (1 - beta1) * g
                        ut[i] = max(beta2 * ut[i], abs(g) + eps)
                        p[i] -= clr * mt[i] / ut[i]
                    }
                    m[name] = mt; u[name] = ut; params[name] = p
                }
            }
        }

        """
    }

    @Test func anAdamaxExerciseWrittenAsFilesPassesCheckAndNamesItsDeclaredMistake() throws {
        let root = NSTemporaryDirectory() + "optimlab-file-only-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/named-adamax"
        for sub in ["starter", "solution"] { try FileManager.default.createDirectory(atPath: "\(dir)/\(sub)", withIntermediateDirectories: true) }
        try Self.yaml.write(toFile: "\(dir)/exercise.yaml", atomically: true, encoding: .utf8)
        try Self.source(decays: true, doNothing: true).write(toFile: "\(dir)/starter/NamedAdamax.swift", atomically: true, encoding: .utf8)
        try Self.source(decays: true).write(toFile: "\(dir)/solution/NamedAdamax.swift", atomically: true, encoding: .utf8)
        try Self.source(decays: false).write(toFile: "\(dir)/wrong.swift", atomically: true, encoding: .utf8)

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
        let path = NSTemporaryDirectory() + "optimlab-relabel-\(getpid())-\(name).json"
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
