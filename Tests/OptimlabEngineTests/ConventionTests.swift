import Testing
@testable import OptimlabEngine

/// Library conventions change the numbers in the documented ways.
struct ConventionTests {
    static func firstStep(_ convention: Convention, g: Double, eps: Double = 1e-8) -> Double {
        let spec = OptimizerSpec.make(kind: .adam, fields: [.lr: 1e-3, .eps: eps], convention: convention)
        var run = TrainingRun(optimizer: spec, variant: Variant(convention: convention),
                              initialParams: NamedTensors([("w", [0])]))
        return run.step(grads: NamedTensors([("w", [g])])).params["w"]![0]
    }

    /// Keras' ε̂ form at t = 1: Δ = lr·√(1−β₂)/(1−β₁) · m/(√v + ε) = lr·g/(|g| + ε/√(1−β₂)): ε is 31.6×
    /// larger in effect; for g = ε it halves PyTorch's step to lr/(1 + 31.6).
    @Test func kerasEpsilonHatAtStepOne() {
        let g = 1e-8
        let pytorch = Self.firstStep(.pytorch, g: g), keras = Self.firstStep(.keras, g: g, eps: 1e-8)
        #expect(abs(pytorch - -1e-3 * g / (g + 1e-8)) < 1e-15)
        #expect(abs(keras - -1e-3 * g / (g + 1e-8 / 0.001.squareRoot())) < 1e-15)
    }

    /// Defaults differ: AdamW's λ is 0.01 (PyTorch), 1e-4 (optax), 0.004 (Keras); RMSProp's α 0.99 vs 0.9.
    @Test func defaultsDiffer() {
        #expect(Convention.pytorch.defaultValue(kind: .adamw, field: .weightDecay) == 0.01)
        #expect(Convention.optax.defaultValue(kind: .adamw, field: .weightDecay) == 1e-4)
        #expect(Convention.keras.defaultValue(kind: .adamw, field: .weightDecay) == 0.004)
        #expect(Convention.keras.defaultValue(kind: .adam, field: .eps) == 1e-7)
        #expect(Convention.optax.defaultValue(kind: .rmsprop, field: .alpha) == 0.9)
        #expect(Convention.pytorch.defaultValue(kind: .adagrad, field: .eps) == 1e-10)
        #expect(Convention.named("paper")?.decayScale == .scheduleMultiplier)
        #expect(Convention.named("tensorflow") == nil)
    }

    /// The paper scales λ by the schedule multiplier only: at constant lr θ ← θ(1 − λ) per step.
    @Test func paperDecayIgnoresAlpha() {
        let spec = OptimizerSpec.adamw(AdamHyperparameters(lr: 1e-3, weightDecay: 0.01))
        var run = TrainingRun(optimizer: spec, variant: Variant(convention: .paper), initialParams: NamedTensors([("w", [2])]))
        let after = run.step(grads: NamedTensors([("w", [0])])).params["w"]![0]
        #expect(after == 2 * (1 - 0.01))
    }

    /// optax's AdaGrad: accumulator 0.1 and ε inside the root.
    @Test func optaxAdaGrad() {
        let spec = OptimizerSpec.make(kind: .adagrad, fields: [.lr: 0.1], convention: .optax)
        var run = TrainingRun(optimizer: spec, variant: Variant(convention: .optax), initialParams: NamedTensors([("w", [0])]))
        let after = run.step(grads: NamedTensors([("w", [1])])).params["w"]![0]
        #expect(abs(after - -0.1 / (1.1 + 1e-7).squareRoot()) < 1e-15)
    }

    /// Threshold clipping leaves a norm below max_norm untouched; PyTorch's scales it by max/(n+1e-6).
    @Test func clippingRules() {
        #expect(GradientClipping(maxNorm: 1.000000515, rule: .threshold).coefficient(forNorm: 1.000000015) == 1)
        #expect(GradientClipping(maxNorm: 1.000000515).coefficient(forNorm: 1.000000015) < 1)
    }
}
