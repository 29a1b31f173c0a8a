import Testing
@testable import OptimlabEngine

/// Every known mistake is a real variant of the engine: on a case built to expose it, its trace differs
/// from the correct one far above rounding noise (optimizer-semantics §10–11: noise is ~1e-7 after five
/// steps; mistakes show at 1e-3 and more once lr·λ is large and some gradients sit near ε).
struct KnownMistakeTests {
    /// The stress case: lr 0.1, λ 0.5, ε 1e-3, gradients from 1e-5 to 3 in two tensors, clipped at 1.
    static let stress: Trace = {
        let grads: [[Double]] = [[0.8, -1e-5, 2.5, 3e-4], [-1.7, 0.02], [0.6, 2e-5, -2.2, 1e-3], [1.1, -0.4],
                                 [-0.3, 5e-5, 1.9, -2e-4], [0.9, 0.01]]
        let steps = stride(from: 0, to: grads.count, by: 2).map {
            TraceStep(grads: NamedTensors([("w", grads[$0]), ("b", grads[$0 + 1])]))
        }
        return Trace(optimizer: .adamw(AdamHyperparameters(lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-3, weightDecay: 0.5)),
                     clipNorm: 1.0, initialParams: NamedTensors([("w", [1.0, -0.5, 0.25, 2.0]), ("b", [0.3, -1.2])]),
                     steps: steps)
    }()

    static func maxDifference(_ a: Trace, _ b: Trace) -> Double {
        var worst = 0.0
        for (x, y) in zip(a.steps, b.steps) {
            for (p, q) in zip(x.params!.flattened, y.params!.flattened) {
                let d = abs(p - q)
                worst = max(worst, d.isNaN ? .infinity : d)
            }
        }
        return worst
    }

    @Test(arguments: KnownMistake.allCases)
    func mistakeChangesTheTrace(_ mistake: KnownMistake) {
        #expect(mistake.applies(to: Self.stress.optimizer, clipping: true))
        let correct = Self.stress.completed()
        let wrong = Self.stress.completed(variant: .mistake(mistake))
        #expect(Self.maxDifference(correct, wrong) > 1e-3, "\(mistake.rawValue) is not visible on the stress case")
    }

    @Test func mistakesHaveDistinctTraces() {
        let traces = KnownMistake.allCases.map { Self.stress.completed(variant: .mistake($0)) }
        for i in traces.indices {
            for j in traces.indices where j > i {
                #expect(Self.maxDifference(traces[i], traces[j]) > 1e-6,
                        "\(KnownMistake.allCases[i].rawValue) and \(KnownMistake.allCases[j].rawValue) coincide")
            }
        }
    }

    /// The signatures the grader's diagnosis relies on, at step 1 from θ = 0 with g = 1, lr = 1e-3:
    /// no bias correction moves lr·(1−β₁)/√(1−β₂) = 3.162e-3; t from 0 gives NaN.
    @Test func firstStepSignatures() {
        func firstStep(_ variant: Variant) -> Double {
            var run = TrainingRun(optimizer: .adamw(AdamHyperparameters(weightDecay: 0)), variant: variant,
                                  initialParams: NamedTensors([("w", [0])]))
            return run.step(grads: NamedTensors([("w", [1])])).params["w"]![0]
        }
        #expect(abs(firstStep(.mistake(.noBiasCorrection)) - -1e-3 * 0.1 / (0.001.squareRoot() + 1e-8)) < 1e-15)
        #expect(firstStep(.mistake(.stepCounterFromZero)).isNaN)
        #expect(abs(firstStep(.correct) - -1e-3 / (1 + 1e-8)) < 1e-15)
    }

    @Test func applicability() {
        let sgd = OptimizerSpec.sgd(SGD())
        #expect(!KnownMistake.noBiasCorrection.applies(to: sgd, clipping: false))
        #expect(KnownMistake.clipPerTensor.applies(to: sgd, clipping: true))
        #expect(!KnownMistake.clipPerTensor.applies(to: sgd, clipping: false))
        #expect(!KnownMistake.coupledWeightDecay.applies(to: .adam(AdamHyperparameters(weightDecay: 0.1)), clipping: false))
        #expect(!KnownMistake.decayAfterUpdate.applies(to: .adamw(AdamHyperparameters(weightDecay: 0)), clipping: false))
        for m in KnownMistake.allCases {
            #expect(!m.explanation.isEmpty && !m.title.isEmpty)
            #expect(["adam", "bias-correction", "adamw", "clipping"].contains(m.lesson))
        }
    }
}
