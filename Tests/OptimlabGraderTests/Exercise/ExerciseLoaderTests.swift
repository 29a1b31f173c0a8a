import Testing
@testable import OptimlabGrader
import OptimlabEngine

@Suite struct ExerciseLoaderTests {
    func issues(_ yaml: String) -> [String] {
        do {
            _ = try ExerciseLoader.parse(yaml, file: "ex/exercise.yaml", directory: "/nowhere/ex")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    static let header = """
        id: ex
        title: T
        reference: adamw
        api: {type: AdamW, init: {lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weight_decay}, settable_lr: true}
        file: AdamW.swift

        """

    @Test func shippedExercisesLoad() throws {
        let ids = ["sgd-momentum", "adagrad", "rmsprop", "adam-bias-correction", "adamw", "amsgrad", "multistep-decay",
                   "warmup-cosine", "linear-scaling", "clip-grad-norm", "parameter-groups", "training-step", "adafactor", "lion"]
        let loaded = ids.map(GradingFixture.exercise)
        #expect(loaded.map { $0.order ?? 0 } == Array(1...14))
        #expect(loaded.map { $0.lesson ?? "" }.suffix(2) == ["memory", "sign-orthogonal"])
        for id in ids {
            let e = GradingFixture.exercise(id)
            #expect(e.id == id)
            #expect(!e.cases.isEmpty && !e.hints.isEmpty && !e.api.isEmpty)
        }
        let adamw = GradingFixture.exercise("adamw")
        #expect(adamw.cases.map(\.name) == ["typical", "stress", "schedule", "pytorch-trace", "long-run"])
        #expect(adamw.cases.map(\.hidden) == [false, false, false, false, true])
        guard case .generated(let stress) = adamw.cases[1].source else { Issue.record("stress is generated"); return }
        #expect(stress.optimizer == .adamw(AdamHyperparameters(lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3, weightDecay: 0.5, amsgrad: false)))
        #expect(stress.gradientRange == 1e-5...1)
        #expect(adamw.tolerance == Tolerance(rel: 1e-6, abs: 1e-12))
    }

    @Test func syntaxErrorsCarryTheLine() {
        #expect(issues("id: ex\ntitle: [unclosed\n") == ["ex/exercise.yaml:3:1: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)"])
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let yaml = Self.header + """
            tolerance: {rel: 2}
            cases:
              - name: a
                optimizer: {lr: 0.1, betas: 3}
                tensors: {w: 0}
                steps: 2
              - name: b
                optimizer: {lr: fast}
                tensors: {w: 2}
                steps: 1
                schedule: {name: cosine, total_steps: 4}
            """
        #expect(issues(yaml) == [
            "ex/exercise.yaml:6:18: tolerance.rel must be in [0, 1), got 2.0",
            "ex/exercise.yaml:9:26: unknown field 'betas' in a: optimizer; did you mean 'beta1'? (fields: lr, beta1, beta2, eps, weight_decay, amsgrad)",
            "ex/exercise.yaml:10:18: a: tensors.w must be between 1 and 100000, got 0",
            "ex/exercise.yaml:13:21: b: optimizer.lr must be a finite number",
            "ex/exercise.yaml:16:15: b: the AdamW API follows a schedule only when the harness sets lr: add lr_changes: true",
        ])
    }

    @Test func missingKeysAndUnknownReference() {
        #expect(issues("id: ex\nreference: sgdd\nbogus: 1\n") == [
            "ex/exercise.yaml:3:1: unknown field 'bogus' in the exercise (fields: id, title, lesson, order, reference, api, file, points, tolerance, time_limit, instructions, hints, mistakes, cases)",
            "ex/exercise.yaml:1:1: missing key 'title'",
            "ex/exercise.yaml:1:1: missing key 'api'",
            "ex/exercise.yaml:1:1: missing key 'file'",
            "ex/exercise.yaml:1:1: missing key 'cases'",
            "ex/exercise.yaml:2:12: unknown reference 'sgdd' (an optimizer: sgd, adagrad, rmsprop, adam, adamw, radam, nadam, adamax, adafactor, muon, lion, lamb, lars; a schedule: constant, step, multistep, cosine, warmup_cosine, warmup_linear, inverse_sqrt; or clip_grad_norm)",
        ])
    }

    @Test func anAPIMustNameHyperparametersOfItsReference() {
        let yaml = "id: ex\ntitle: T\nreference: rmsprop\nfile: R.swift\n"
            + "api: {type: R, init: {lr: lr, beta: beta1}}\n"
            + "cases:\n  - {name: a, optimizer: {lr: 0.1, centered: true}, tensors: {w: 2}, steps: 1}\n"
        #expect(issues(yaml) == [
            "ex/exercise.yaml:5:37: api.init.beta: 'beta1' is not a hyperparameter of this reference (expected one of lr, alpha, eps, weight_decay, momentum, centered)",
        ])
        let fixed = yaml.replacingOccurrences(of: "beta: beta1", with: "alpha: alpha")
        #expect(issues(fixed) == ["ex/exercise.yaml:7:26: a: optimizer.centered is not passed to R's init, so it must keep its default 0.0"])
    }

    @Test func declaredMistakesAreKnownOrCarryAVariant() {
        let yaml = Self.header + """
            mistakes:
              - eps-inside-sqrt
              - nonsense
              - {name: mine}
              - {name: halved, title: Half the lr, explanation: "lr/2", optimizer: {lr: 5.0e-4}, engine: [no-bias-correction]}
            cases:
              - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}
            """
        #expect(issues(yaml).count == 2)
        #expect(issues(yaml)[0].hasPrefix("ex/exercise.yaml:8:5: mistakes: unknown mistake 'nonsense'"))
        #expect(issues(yaml)[1] == "ex/exercise.yaml:9:5: mistakes: 'mine' is not a known mistake of the engine; give its variant (engine, convention, optimizer or reference), title and explanation")
        let ok = Self.header + "mistakes:\n  - eps-inside-sqrt\n  - {name: halved, title: Half, explanation: x, optimizer: {lr: 5.0e-4}, engine: [no-bias-correction]}\n"
            + "cases:\n  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}\n"
        let e = try? ExerciseLoader.parse(ok, file: "ex/exercise.yaml", directory: "/nowhere/ex")
        #expect(e?.mistakes.map(\.name) == ["eps-inside-sqrt", "halved"])
        #expect(e?.mistakes.last?.overrides == [.lr: 5e-4])
        #expect(e?.mistakes.last?.variant.mistakes == [.noBiasCorrection])
    }

    @Test func unquotedColonInAHintIsExplained() {
        let yaml = Self.header + "hints:\n  - note: this breaks\ncases:\n  - name: a\n    trace: t.json\n"
        #expect(issues(yaml).first == "ex/exercise.yaml:7:5: hints must be text (a ': ' inside unquoted text starts a mapping: quote the text)")
    }

    @Test func idMustMatchTheFolderAndCaseNamesMustBeUnique() {
        let yaml = "id: other\ntitle: T\nreference: adam\napi: {type: Adam, init: {lr: lr}}\nfile: Adam.swift\ncases:\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:1:5: id 'other' must match the folder name 'ex'",
                                 "ex/exercise.yaml:8:5: case name 'a' is used twice"])
    }

    @Test(arguments: [OptimizerKind.sgd, .adagrad, .rmsprop, .adam, .adamw])
    func aScaffoldWithoutATemplateDeclaresEveryHyperparameter(_ kind: OptimizerKind) throws {
        let files = ExerciseScaffold(id: "ex", reference: kind.rawValue).files
        let symbol = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        #expect(files.map(\.0) == ["exercise.yaml", "starter/\(symbol).swift", "solution/\(symbol).swift"])
        let e = try ExerciseLoader.parse(files[0].1, file: "ex/exercise.yaml", directory: "/x/ex")
        #expect(e.reference.optimizer == kind && e.cases.map(\.name) == ["typical"])
        #expect(e.declaration.hyperparameters == kind.fields.map(\.rawValue))
    }

    @Test func oversizedCasesAreRefused() {
        let yaml = Self.header + "cases:\n  - {name: big, optimizer: {lr: 0.1}, tensors: {w: 1000}, steps: 1000}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:7:5: big: 1000000 gradient values (tensor sizes × steps) is more than the 200000 a case may have"])
    }

    @Test func referenceConstraintsAreChecked() {
        let yaml = "id: ex\ntitle: T\nreference: {optimizer: adamw, schedule: warmup_cosine, clip_grad_norm: true}\nfile: TrainingStep.swift\n"
            + "api: {type: TrainingStep, init: {lr: lr}, step: named}\ncases:\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1, schedule: {name: warmup_cosine, warmup_steps: 1, total_steps: 3}}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:7:5: a: the TrainingStep API always clips (give clip_norm)"])
    }
}
