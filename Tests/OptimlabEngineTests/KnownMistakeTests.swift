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

    /// The mistakes of an AdamW training step (the others belong to SGD, AdaGrad, RMSProp, AMSGrad,
    /// or change only what clip_grad_norm_ returns or its last digits: tested below).
    static let adamwStepMistakes = KnownMistake.allCases.filter {
        $0.applies(to: stress.optimizer, clipping: true) && ![.clipNormAfterClipping, .clipWithoutEpsilon].contains($0)
    }

    @Test(arguments: adamwStepMistakes)
    func mistakeChangesTheTrace(_ mistake: KnownMistake) {
        #expect(mistake.applies(to: Self.stress.optimizer, clipping: true))
        let correct = Self.stress.completed()
        let wrong = Self.stress.completed(variant: .mistake(mistake))
        #expect(Self.maxDifference(correct, wrong) > 1e-3, "\(mistake.rawValue) is not visible on the stress case")
    }

    @Test func mistakesHaveDistinctTraces() {
        let traces = Self.adamwStepMistakes.map { Self.stress.completed(variant: .mistake($0)) }
        for i in traces.indices {
            for j in traces.indices where j > i {
                #expect(Self.maxDifference(traces[i], traces[j]) > 1e-6,
                        "\(Self.adamwStepMistakes[i].rawValue) and \(Self.adamwStepMistakes[j].rawValue) coincide")
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
        #expect(KnownMistake.allCases.filter(\.isClippingMistake)
                == [.clipPerTensor, .clipAfterUpdate, .clipNormAfterClipping, .clipWithoutEpsilon])
        #expect(!KnownMistake.classicalMomentumForNesterov.applies(to: sgd, clipping: false))
        #expect(KnownMistake.classicalMomentumForNesterov.applies(to: .sgd(SGD(momentum: 0.9, nesterov: true)), clipping: false))
        #expect(!KnownMistake.dampeningIgnored.applies(to: .sgd(SGD(momentum: 0.9)), clipping: false))
        #expect(KnownMistake.epsilonInsideRoot.applies(to: .adagrad(AdaGrad()), clipping: false))
        #expect(!KnownMistake.centeredWithoutMean.applies(to: .rmsprop(RMSProp()), clipping: false))
        #expect(!KnownMistake.amsgradMaxOfCorrected.applies(to: Self.stress.optimizer, clipping: false))
    }

    /// θ after `steps` steps from θ = 0 with gradient g at every step.
    static func theta(_ spec: OptimizerSpec, _ mistake: KnownMistake?, g: Double, steps: Int = 1) -> Double {
        var run = TrainingRun(optimizer: spec, variant: mistake.map { .mistake($0) } ?? .correct, initialParams: NamedTensors([("w", [0])]))
        for _ in 0..<steps { run.step(grads: NamedTensors([("w", [g])])) }
        return run.params["w"]![0]
    }

    /// Worked by hand from torch.optim.SGD, lr 1, g = 1: buf₁ = g = 1; buf₂ = 0.9·1 + (1 − 0.5)·1 = 1.4.
    @Test func sgdMomentumMistakes() {
        let damped = OptimizerSpec.sgd(SGD(lr: 1, momentum: 0.9, dampening: 0.5))
        #expect(Self.theta(damped, nil, g: 1, steps: 2) == -2.4)
        #expect(Self.theta(damped, .firstMomentumStepDampened, g: 1) == -0.5)        // buf₁ = (1 − 0.5)·g
        #expect(Self.theta(damped, .dampeningIgnored, g: 1, steps: 2) == -2.9)       // buf₂ = 0.9 + 1
        let nesterov = OptimizerSpec.sgd(SGD(lr: 1, momentum: 0.9, nesterov: true))
        #expect(Self.theta(nesterov, nil, g: 1) == -1.9)                             // g + μ·buf
        #expect(Self.theta(nesterov, .classicalMomentumForNesterov, g: 1) == -1)
    }

    /// AdaGrad lr 1, g = 1, s₀ = 3: s = 4, θ = −1/(√4 + ε).
    @Test func adagradMistakes() {
        let spec = OptimizerSpec.adagrad(AdaGrad(lr: 1, lrDecay: 1, initialAccumulatorValue: 3, eps: 0))
        #expect(Self.theta(spec, nil, g: 1) == -0.5)
        #expect(Self.theta(spec, .accumulatorNotInitialised, g: 1) == -1)            // s = 1
        #expect(Self.theta(spec, .lrDecayMisapplied, g: 1) == -0.25)                 // clr = 1/(1 + 1·1)
        let eps = OptimizerSpec.adagrad(AdaGrad(lr: 1, initialAccumulatorValue: 3, eps: 5))
        #expect(Self.theta(eps, nil, g: 1) == -1.0 / 7)                              // 1/(2 + 5)
        #expect(Self.theta(eps, .epsilonInsideRoot, g: 1) == -1.0 / 3)               // 1/√(4 + 5)
    }

    /// RMSProp lr 1, α 0.75, g = 2: E = 0.25·4 = 1; centered Ē = 0.5, variance 0.75.
    @Test func rmspropMistakes() {
        let plain = OptimizerSpec.rmsprop(RMSProp(lr: 1, alpha: 0.75, eps: 0))
        #expect(Self.theta(plain, nil, g: 2) == -2)
        #expect(Self.theta(plain, .alphaSwapped, g: 2) == -2 / 3.0.squareRoot())     // E = 0.75·4
        let centered = OptimizerSpec.rmsprop(RMSProp(lr: 1, alpha: 0.75, eps: 0, centered: true))
        #expect(Self.theta(centered, nil, g: 2) == -2 / 0.75.squareRoot())
        #expect(Self.theta(centered, .centeredWithoutMean, g: 2) == -2)
        let eps = OptimizerSpec.rmsprop(RMSProp(lr: 1, alpha: 0.75, eps: 3))
        #expect(Self.theta(eps, .epsilonInsideRoot, g: 2) == -1)                     // 2/√(1 + 3)
    }

    /// AMSGrad's maximum of raw v and of v̂ part once v shrinks: g = 1 then 0.01 with β₂ = 0.5.
    @Test func amsgradMaximumOfVHatDiffers() {
        let spec = OptimizerSpec.adamw(AdamHyperparameters(lr: 1, beta1: 0, beta2: 0.5, eps: 0, weightDecay: 0, amsgrad: true))
        func run(_ variant: Variant) -> Double {
            var r = TrainingRun(optimizer: spec, variant: variant, initialParams: NamedTensors([("w", [0])]))
            for g in [1.0, 0.01] { r.step(grads: NamedTensors([("w", [g])])) }
            return r.params["w"]![0]
        }
        // step 2: v = 0.25 + 0.5e-4, raw max = v₁ = 0.5 → v̂ = 0.5/0.75; max of v̂: v̂₁ = 1 → step 0.01/1.
        #expect(abs(run(.correct) - (-1 - 0.01 / (0.5 / 0.75).squareRoot())) < 1e-15)
        #expect(abs(run(.mistake(.amsgradMaxOfCorrected)) - (-1 - 0.01)) < 1e-15)
    }

    /// clip_grad_norm_ of (3, 4) at max_norm 1: norm 5, coefficient 1/(5 + 1e-6).
    @Test func clippingMistakes() {
        let grads = NamedTensors([("w", [3, 4])])
        let clip = GradientClipping(maxNorm: 1)
        let coef = 1 / (5 + 1e-6)
        #expect(clip.clip(grads, mistakes: []).norm == 5)
        #expect(clip.clip(grads, mistakes: []).grads["w"] == [3 * coef, 4 * coef])
        #expect(clip.clip(grads, mistakes: [.clipWithoutEpsilon]).grads["w"] == [3 * 0.2, 4 * 0.2])     // coefficient 1/5
        let after = clip.clip(grads, mistakes: [.clipNormAfterClipping]).norm
        #expect(abs(after - 5 * coef) < 1e-15)
    }

    /// θ after one step per gradient in `grads`, from `theta0`, under `mistake`.
    static func run(_ spec: OptimizerSpec, _ mistake: KnownMistake?, theta0: [Double], shape: [Int]? = nil, grads: [[Double]]) -> [Double] {
        var r = TrainingRun(optimizer: spec, variant: mistake.map { .mistake($0) } ?? .correct, initialParams: NamedTensors([("w", theta0)]),
                            shapes: TensorShapes(shape.map { ["w": $0] } ?? [:]))
        for g in grads { r.step(grads: NamedTensors([("w", g)])) }
        return r.params["w"]!
    }

    /// Lion lr 1, β₁ 0.9, β₂ 0.99, g = 1 then −0.5. Correct: c₁ = 0.1 → θ = −1, m = 0.01; c₂ = −0.05 + 0.009
    /// → θ = 0. Swapped: c₁ = 0.01, m = 0.1; c₂ = −0.005 + 0.099 > 0 → θ = −2. Momentum first: m = 0.01
    /// then sign(m) = 1; m₂ = −0.005 + 0.0099 > 0 → θ = −2. A zero gradient moves θ only with sign(0) = 1.
    @Test func lionMistakes() {
        let spec = OptimizerSpec.lion(Lion(lr: 1, beta1: 0.9, beta2: 0.99, weightDecay: 0))
        #expect(Self.run(spec, nil, theta0: [0], grads: [[1], [-0.5]]) == [0])
        #expect(Self.run(spec, .lionBetasSwapped, theta0: [0], grads: [[1], [-0.5]]) == [-2])
        #expect(Self.run(spec, .lionMomentumFirst, theta0: [0], grads: [[1], [-0.5]]) == [-2])
        #expect(Self.run(spec, nil, theta0: [0], grads: [[0]]) == [0])
        #expect(Self.run(spec, .lionSignOfZero, theta0: [0], grads: [[0]]) == [-1])
        // lr 0.1, λ 0.5 from θ = 1 with g = 1: θ − lr·(1 + λθ) = 0.85; unscaled θ − λθ − lr = 0.4.
        let decayed = OptimizerSpec.lion(Lion(lr: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.5))
        #expect(abs(Self.run(decayed, nil, theta0: [1], grads: [[1]])[0] - 0.85) < 1e-15)
        #expect(abs(Self.run(decayed, .decayNotScaledByLR, theta0: [1], grads: [[1]])[0] - 0.4) < 1e-15)
        #expect(KnownMistake.lionSignOfZero.applies(to: spec, clipping: false))
        #expect(!KnownMistake.decayNotScaledByLR.applies(to: spec, clipping: false))
        #expect(!KnownMistake.lionBetasSwapped.applies(to: .adamw(AdamHyperparameters(weightDecay: 0.1)), clipping: false))
    }

    /// Adafactor on a 2×2 matrix of ones, g = [[1, 2], [3, 4]], lr 0.01 (ρ₁ = 0.01, lerp weight 1 at t = 1):
    /// r = (2.5, 12.5), s = (5, 10), mean(r) = 7.5, v̂ = r sᵀ/7.5, so u² = g²/v̂ = (0.6, 1.2, 1.08, 0.96) and
    /// RMS(u) = √0.96 < d = 1: θ = 1 − 0.01·u. Unfactored: v̂ = g², u = 1. Without the row mean: u/√7.5.
    @Test func adafactorMistakes() {
        let u = [0.6, 1.2, 1.08, 0.96].map { $0.squareRoot() }
        let g: [[Double]] = [[1, 2, 3, 4]]
        func spec(eps1: Double = 0, d: Double = 1, weightDecay: Double = 0) -> OptimizerSpec {
            .adafactor(Adafactor(lr: 0.01, beta2Decay: -0.8, eps1: eps1, eps2: 1e-3, d: d, weightDecay: weightDecay))
        }
        func run(_ s: OptimizerSpec, _ m: KnownMistake?, theta0: Double = 1) -> [Double] {
            Self.run(s, m, theta0: Array(repeating: theta0, count: 4), shape: [2, 2], grads: g)
        }
        func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) } }
        #expect(close(run(spec(), nil), u.map { 1 - 0.01 * $0 }))
        #expect(close(run(spec(), .adafactorUnfactored), [0.99, 0.99, 0.99, 0.99]))
        #expect(close(run(spec(), .adafactorNoRowMean), u.map { 1 - 0.01 * $0 / 7.5.squareRoot() }))
        // ε₁ = 1 leaves the clamp max(v̂, 1) = v̂ (v̂ ≥ 5/3), but added to the root it shrinks every u.
        #expect(close(run(spec(eps1: 1), nil), u.map { 1 - 0.01 * $0 }))
        let vHat = [2.5 * 5, 2.5 * 10, 12.5 * 5, 12.5 * 10].map { $0 / 7.5 }
        #expect(close(run(spec(eps1: 1), .adafactorEps1AddedToRoot), zip(g[0], vHat).map { 1 - 0.01 * $0 / ($1.squareRoot() + 1) }))
        // From θ = 2 (RMS 2) the step is 0.02·u; without the relative step 0.01·u.
        #expect(close(run(spec(), nil, theta0: 2), u.map { 2 - 0.02 * $0 }))
        #expect(close(run(spec(), .adafactorNoRelativeStep, theta0: 2), u.map { 2 - 0.01 * $0 }))
        // d = 0.5 clips: u / max(1, √0.96/0.5).
        let clip = 0.96.squareRoot() / 0.5
        #expect(close(run(spec(d: 0.5), nil), u.map { 1 - 0.01 * $0 / clip }))
        #expect(close(run(spec(d: 0.5), .adafactorNoUpdateClipping), u.map { 1 - 0.01 * $0 }))
        // λ 0.5: θ·(1 − 0.01·0.5) before the update; unscaled θ·0.5 (α from θ before the decay either way).
        #expect(close(run(spec(weightDecay: 0.5), nil), u.map { 0.995 - 0.01 * $0 }))
        #expect(close(run(spec(weightDecay: 0.5), .decayNotScaledByLR), u.map { 0.5 - 0.01 * $0 }))
    }
}
