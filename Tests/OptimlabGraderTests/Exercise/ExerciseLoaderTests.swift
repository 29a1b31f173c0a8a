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

    static let header = "id: ex\ntitle: T\nharness: adamw\nfile: AdamW.swift\n"

    @Test func shippedExercisesLoad() throws {
        for id in ["adamw", "adam-bias-correction", "warmup-cosine", "training-step"] {
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
            "ex/exercise.yaml:5:18: tolerance.rel must be in [0, 1), got 2.0",
            "ex/exercise.yaml:8:26: a: optimizer: unknown key 'betas' (expected one of lr, beta1, beta2, eps, weight_decay)",
            "ex/exercise.yaml:9:18: a: tensors.w must be between 1 and 100000, got 0",
            "ex/exercise.yaml:12:21: b: optimizer.lr must be a finite number",
            "ex/exercise.yaml:15:15: b: the AdamW API follows a schedule only when the harness sets lr: add lr_changes: true",
        ])
    }

    @Test func missingKeysAndUnknownHarness() {
        #expect(issues("id: ex\nharness: sgd\nbogus: 1\n") == [
            "ex/exercise.yaml:3:1: the exercise: unknown key 'bogus' (expected one of id, title, harness, file, points, tolerance, time_limit, instructions, api, hints, cases)",
            "ex/exercise.yaml:1:1: missing key 'title'",
            "ex/exercise.yaml:1:1: missing key 'file'",
            "ex/exercise.yaml:1:1: missing key 'cases'",
            "ex/exercise.yaml:2:10: unknown harness 'sgd' (expected one of adamw, adam, warmup-cosine, training-step)",
        ])
    }

    @Test func unquotedColonInAHintIsExplained() {
        let yaml = Self.header + "hints:\n  - note: this breaks\ncases:\n  - name: a\n    trace: t.json\n"
        #expect(issues(yaml).first == "ex/exercise.yaml:6:5: hints must be text (a ': ' inside unquoted text starts a mapping: quote the text)")
    }

    @Test func idMustMatchTheFolderAndCaseNamesMustBeUnique() {
        let yaml = "id: other\ntitle: T\nharness: adam\nfile: Adam.swift\ncases:\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:1:5: id 'other' must match the folder name 'ex'",
                                 "ex/exercise.yaml:7:5: case name 'a' is used twice"])
    }

    @Test(arguments: HarnessKind.allCases)
    func aScaffoldedExerciseLoads(_ kind: HarnessKind) throws {
        let files = ExerciseScaffold(id: "ex", harness: kind).files
        #expect(files.map(\.0) == ["exercise.yaml", "starter/\(kind.symbolName.prefix(1).uppercased() + kind.symbolName.dropFirst()).swift",
                                   "solution/\(kind.symbolName.prefix(1).uppercased() + kind.symbolName.dropFirst()).swift"])
        let e = try ExerciseLoader.parse(files[0].1, file: "ex/exercise.yaml", directory: "/x/ex")
        #expect(e.harness == kind && e.cases.map(\.name) == ["typical"])
    }

    @Test func oversizedCasesAreRefused() {
        let yaml = Self.header + "cases:\n  - {name: big, optimizer: {lr: 0.1}, tensors: {w: 1000}, steps: 1000}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:6:5: big: 1000000 gradient values (tensor sizes × steps) is more than the 200000 a case may have"])
    }

    @Test func harnessConstraintsAreChecked() {
        let yaml = "id: ex\ntitle: T\nharness: training-step\nfile: TrainingStep.swift\ncases:\n"
            + "  - {name: a, optimizer: {lr: 0.1}, tensors: {w: 2}, steps: 1, schedule: {name: warmup_cosine, warmup_steps: 1, total_steps: 3}}\n"
        #expect(issues(yaml) == ["ex/exercise.yaml:6:5: a: the trace does not clip gradients; the TrainingStep API always clips (give clip_norm)"])
    }
}
