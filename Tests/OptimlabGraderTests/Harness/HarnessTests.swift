import OptimlabEngine
import Testing
@testable import OptimlabGrader

@Suite struct HarnessTests {
    @Test func theCaseFileHoldsInputsOnlyAsExactBitPatterns() {
        let trace = Trace(optimizer: .adamw(AdamHyperparameters(lr: 0.5, beta1: 0.5, beta2: 0.25, eps: 1, weightDecay: 2, amsgrad: false)),
                          initialParams: NamedTensors([("w", [1, -2]), ("b", [0.5])]),
                          steps: [TraceStep(grads: NamedTensors([("w", [0.25, 4]), ("b", [-1])]), lr: 0.125,
                                            params: NamedTensors([("w", [9, 9]), ("b", [9])]))])
        let text = HarnessInput(trace: trace, nonce: "c0ffee", setsLR: true).text
        #expect(text == """
            nonce c0ffee
            hyper lr 3fe0000000000000
            hyper beta1 3fe0000000000000
            hyper beta2 3fd0000000000000
            hyper eps 3ff0000000000000
            hyper weight_decay 4000000000000000
            hyper amsgrad 0
            set-lr 1
            tensor w 2
            tensor b 1
            shape w 2
            shape b 1
            init 3ff0000000000000 c000000000000000 3fe0000000000000
            step 3fc0000000000000 3fd0000000000000 4010000000000000 bff0000000000000

            """)
        #expect(!text.contains("4022000000000000"))     // 9.0, the recorded params, never reaches the child
    }

    @Test func trainingStepCasesPassClippingAndTheSchedule() {
        let trace = Trace(optimizer: .adamw(AdamHyperparameters(lr: 1, beta1: 0.5, beta2: 0.5, eps: 1, weightDecay: 0, amsgrad: false)),
                          schedule: .warmupCosine(warmupSteps: 2, totalSteps: 4, minLR: 0.5), clipNorm: 0.5,
                          initialParams: NamedTensors([("w", [1])]), steps: [])
        let names = HarnessInput(trace: trace, nonce: "n", setsLR: false).hyperparameters.map(\.0)
        #expect(names == ["lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad", "max_norm", "warmup_steps", "total_steps", "min_lr"])
    }

    @Test func listHyperparametersAndExtrasReachTheCaseFile() {
        let trace = Trace(optimizer: .sgd(SGD(lr: 1)), schedule: .multistep(milestones: [2, 4], gamma: 0.5),
                          initialParams: NamedTensors([("lr", [0])]), steps: [])
        let input = HarnessInput(trace: trace, nonce: "n", setsLR: false, extraHyperparameters: [("base_batch", 256)])
        #expect(input.text.contains("\nlist milestones 4000000000000000 4010000000000000\n"))
        #expect(input.text.contains("\nhyper gamma 3fe0000000000000\n"))
        #expect(input.text.contains("\nhyper base_batch 4070000000000000\n"))
    }

    /// A shaped case tells the harness every tensor's shape; Adafactor's unset ε₁ reaches the student as
    /// the float64 epsilon 2⁻⁵² (bits 3cb0000000000000), the value the engine's step uses.
    @Test func shapesAndAdafactorsEpsilonReachTheCaseFile() {
        let trace = Trace(optimizer: .adafactor(Adafactor()), initialParams: NamedTensors([("w", Array(repeating: 0, count: 6)), ("b", [0, 0])]),
                          shapes: TensorShapes(["w": [2, 3]]), steps: [])
        let text = HarnessInput(trace: trace, nonce: "n", setsLR: false).text
        #expect(text.contains("\nshape w 2 3\nshape b 2\n"))
        #expect(text.contains("\nhyper eps1 3cb0000000000000\n"))
        let api = ExerciseAPI(symbol: "Adafactor", form: .named, arguments: [.init(label: "lr", source: "lr"), .init(label: "shapes", source: "shapes")])
        #expect(api.declarations.contains("init(lr: Double, shapes: [String: [Int]])"))
        #expect(api.glue(for: .params).contains("student = Adafactor(lr: h.number(\"lr\"), shapes: h.shapes)"))
        #expect(api.hyperparameters == ["lr"])
    }

    @Test func theCacheKeyFollowsTheSourceAndTheCompiler() {
        let a = HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.3.1")
        #expect(a == HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.3.1"))
        #expect(a != HarnessLibrary.key(source: "y", compilerVersion: "Swift 6.3.1"))
        #expect(a != HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.2"))
        #expect(HarnessLibrary.cacheRoot(environment: ["XDG_CACHE_HOME": "/c"]) == "/c/optimlab/harness")
        #expect(HarnessLibrary.cacheRoot(environment: ["HOME": "/h"]) == "/h/.cache/optimlab/harness")
    }

    @Test func theGlueIsGeneratedFromTheDeclaredAPI() {
        let sgd = ExerciseAPI(symbol: "SGD", form: .flat, arguments: [.init(label: "lr", source: "lr"), .init(label: "nesterov", source: "nesterov")],
                              settableLR: true)
        #expect(sgd.glue(for: .params) == """
            import OptimlabHarness

            struct OptimlabAdapter: OptimlabHarness.FlatStepAdapter {
                var student: SGD
                init(_ h: OptimlabHarness.Hyperparameters) { student = SGD(lr: h.number("lr"), nesterov: h.flag("nesterov")) }
                mutating func setLR(_ lr: Double) { student.lr = lr }
                mutating func step(params: inout [Double], grads: [Double]) { student.step(params: &params, grads: grads) }
            }

            @main enum OptimlabGradedMain { static func main() { OptimlabHarness.runFlatSteps(OptimlabAdapter.self) } }

            """)
        #expect(sgd.declarations == """
            // a type named SGD (struct or final class):
            init(lr: Double, nesterov: Bool)
            var lr: Double                // the harness may set it before a step
            mutating func step(params: inout [Double], grads: [Double])   // a class may omit `mutating`

            """)
        let clip = ExerciseAPI(symbol: "clipGradNorm", form: .function, arguments: [.init(label: "_", source: "grads"), .init(label: "maxNorm", source: "max_norm")])
        #expect(clip.glue(for: .clippedGradients).contains("OptimlabHarness.runClipping { g, h in clipGradNorm(&g, maxNorm: h.number(\"max_norm\")) }"))
        #expect(clip.declarations == "func clipGradNorm(_ grads: inout [[Double]], maxNorm: Double) -> Double\n")
        let schedule = ExerciseAPI(symbol: "f", form: .function, arguments: [.init(label: "step", source: "step"), .init(label: "ms", source: "milestones"),
                                                                         .init(label: "w", source: "warmup_steps")])
        #expect(schedule.glue(for: .learningRate).contains("runLearningRates { s, h in f(step: s, ms: h.integers(\"milestones\"), w: h.integer(\"warmup_steps\")) }"))
    }

    @Test func theEmbeddedHarnessIsTheTargetsSource() throws {
        let file = GradingFixture.repository + "/Sources/OptimlabHarness/OptimlabHarness.swift"
        #expect(HarnessSource.text == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(HarnessSource.text.contains("public func runFlatSteps<A: FlatStepAdapter>"))
    }

    @Test func compilerMessagesNameTheStudentsFile() {
        let raw = """
            AdamW.swift:7:12: error: cannot convert value of type 'String' to expected argument type 'Double'
                m[i] = "x"
                       ^
            OptimlabGlue.swift:5:79: error: incorrect argument label in call (have 'lr:beta1:', expected 'lr:b1:')
                init(_ h: OptimlabHarness.Hyperparameters) { student = AdamW(lr: h.number("lr"), beta1: h.number("beta1")) }
                                                                              ^
            OptimlabGlue.swift:7:85: error: value of type 'AdamW' has no member 'step'
            error: link command failed with exit code 1 (use -v to see invocation)
            """
        #expect(SubmissionBuild.mapDiagnostics(raw, fileName: "AdamW.swift", studentPath: "hw/me.swift", symbol: "AdamW") == """
            hw/me.swift:7:12: error: cannot convert value of type 'String' to expected argument type 'Double'
                m[i] = "x"
                       ^
            hw/me.swift: error: AdamW does not match the exercise's API: incorrect argument label in call (have 'lr:beta1:', expected 'lr:b1:')
            hw/me.swift: error: AdamW does not match the exercise's API: value of type 'AdamW' has no member 'step'
            """)
    }
}
