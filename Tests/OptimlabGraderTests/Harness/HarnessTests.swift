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
            set-lr 1
            tensor w 2
            tensor b 1
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
        #expect(names == ["lr", "beta1", "beta2", "eps", "weight_decay", "max_norm", "warmup_steps", "total_steps", "min_lr"])
    }

    @Test func theCacheKeyFollowsTheSourceAndTheCompiler() {
        let a = HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.3.1")
        #expect(a == HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.3.1"))
        #expect(a != HarnessLibrary.key(source: "y", compilerVersion: "Swift 6.3.1"))
        #expect(a != HarnessLibrary.key(source: "x", compilerVersion: "Swift 6.2"))
        #expect(HarnessLibrary.cacheRoot(environment: ["XDG_CACHE_HOME": "/c"]) == "/c/optimlab/harness")
        #expect(HarnessLibrary.cacheRoot(environment: ["HOME": "/h"]) == "/h/.cache/optimlab/harness")
    }

    @Test func gluePerHarness() {
        #expect(HarnessKind.adamw.glue == """
            import OptimlabHarness
            extension AdamW: AdamWExercise {}
            @main enum OptimlabGradedMain { static func main() { runAdamWHarness(AdamW.self) } }

            """)
        #expect(HarnessKind.warmupCosine.glue.contains("warmupCosine(step: $0, peak: $1, warmupSteps: $2, totalSteps: $3, minLR: $4)"))
    }

    @Test func compilerMessagesNameTheStudentsFile() {
        let raw = """
            AdamW.swift:7:12: error: cannot convert value of type 'String' to expected argument type 'Double'
                m[i] = "x"
                       ^
            OptimlabGlue.swift:2:1: error: type 'AdamW' does not conform to protocol 'AdamWExercise'
            extension AdamW: AdamWExercise {}
            ^
            OptimlabGlue.swift:2:1: note: add stubs for conformance
            OptimlabHarness.AdamWExercise.lr:2:5: note: protocol requires property 'lr' with type 'Double'
            error: link command failed with exit code 1 (use -v to see invocation)
            """
        #expect(SubmissionBuild.mapDiagnostics(raw, fileName: "AdamW.swift", studentPath: "hw/me.swift", kind: .adamw) == """
            hw/me.swift:7:12: error: cannot convert value of type 'String' to expected argument type 'Double'
                m[i] = "x"
                       ^
            hw/me.swift: error: type 'AdamW' does not conform to the exercise's API (AdamW, protocol 'AdamWExercise')
              note: protocol requires property 'lr' with type 'Double'
            """)
    }
}
