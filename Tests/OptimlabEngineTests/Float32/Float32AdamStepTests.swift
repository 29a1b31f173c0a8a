import Testing
@testable import OptimlabEngine

/// The fast Float32 Adam/AdamW kernel against the reference kernel, `AdamStep.apply<Float>`: the same
/// bits for every length, hyperparameter set and thread count.
struct Float32AdamStepTests {
    /// A named hyperparameter set and weight-decay style.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var hyperparameters: AdamHyperparameters
        var style: WeightDecayStyle
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "AdamW defaults", hyperparameters: AdamHyperparameters(weightDecay: 0.01), style: .decoupled),
        Case(name: "AdamW large lr·λ", hyperparameters: AdamHyperparameters(lr: 0.1, weightDecay: 0.5), style: .decoupled),
        Case(name: "AdamW λ = 0", hyperparameters: AdamHyperparameters(weightDecay: 0), style: .decoupled),
        Case(name: "Adam no decay", hyperparameters: AdamHyperparameters(weightDecay: 0), style: .coupledL2),
        Case(name: "Adam L2", hyperparameters: AdamHyperparameters(lr: 3e-3, weightDecay: 0.01), style: .coupledL2),
        // 1 − β₁ ≥ 0.5 takes lerp's other branch, fma(w − 1, g − m, g).
        Case(name: "lerp weight 0.5", hyperparameters: AdamHyperparameters(beta1: 0.5, weightDecay: 0.01), style: .decoupled),
        Case(name: "lerp weight 0.7", hyperparameters: AdamHyperparameters(beta1: 0.3, beta2: 0.9, weightDecay: 0.01), style: .decoupled),
        Case(name: "β₁ = 0", hyperparameters: AdamHyperparameters(beta1: 0, weightDecay: 0), style: .coupledL2),
        Case(name: "large ε", hyperparameters: AdamHyperparameters(lr: 0.1, eps: 1e-3, weightDecay: 0.5), style: .decoupled),
        Case(name: "AMSGrad AdamW", hyperparameters: AdamHyperparameters(weightDecay: 0.01, amsgrad: true), style: .decoupled),
        Case(name: "AMSGrad Adam L2", hyperparameters: AdamHyperparameters(beta1: 0.2, weightDecay: 0.1, amsgrad: true), style: .coupledL2),
    ]

    /// Learning rates for successive steps, as a schedule would vary them.
    static let learningRates = [1e-3, 3e-3, 0.05, 2e-4, 1e-3, 0.1]

    /// Runs `steps` steps with both kernels from the same start and returns the first mismatch
    /// (buffer name, step, index), or nil when every θ, m, v and v_max bit agrees.
    static func compare(_ c: Case, length n: Int, steps: Int, parallelism: Parallelism = .serial,
                        seed: UInt64) -> String? {
        let fast = Float32AdamStep(hyperparameters: c.hyperparameters, weightDecay: c.style)
        let reference = fast.core
        var pFast = Float32TestData.values(n, seed: seed), pRef = pFast
        var sFast = AdamState<Float>(count: n, amsgrad: c.hyperparameters.amsgrad), sRef = sFast
        for k in 0..<steps {
            let g = Float32TestData.values(n, seed: seed &+ UInt64(k + 1) &* 7919)
            let lr = learningRates[k % learningRates.count]
            fast.apply(params: &pFast, grads: g, state: &sFast, lr: lr, parallelism: parallelism)
            reference.apply(params: &pRef, grads: g, state: &sRef, lr: lr, fusedTensorLengths: [n])
            for (name, a, b) in [("θ", pFast, pRef), ("m", sFast.m, sRef.m), ("v", sFast.v, sRef.v),
                                 ("v_max", sFast.vMax, sRef.vMax)] {
                if let i = Float32TestData.firstMismatch(a, b) {
                    return "\(name) step \(k) [\(i)] of \(n): \(i < a.count ? a[i] : .nan) vs \(i < b.count ? b[i] : .nan)"
                }
            }
        }
        if sFast.stepCount != steps || sRef.stepCount != steps { return "step counters \(sFast.stepCount), \(sRef.stepCount)" }
        return nil
    }

    @Test(arguments: cases)
    func matchesReferenceKernelBitForBit(_ c: Case) {
        for n in Float32TestData.lengths {
            let mismatch = Self.compare(c, length: n, steps: 6, seed: UInt64(n) &+ 17)
            #expect(mismatch == nil, "\(c.name): \(mismatch ?? "")")
        }
    }

    /// Threads split the buffers on vector boundaries into uneven chunks; every element still gets
    /// the reference bits.
    @Test(arguments: [2, 3, 7])
    func threadedMatchesReferenceBitForBit(_ threads: Int) {
        let parallelism = Parallelism(threads: threads, minimumChunk: 16)
        for c in [Self.cases[0], Self.cases[4], Self.cases[9]] {
            for n in [16 * threads - 1, 1000, 65_537] {
                let mismatch = Self.compare(c, length: n, steps: 3, parallelism: parallelism, seed: UInt64(n) &* 3)
                #expect(mismatch == nil, "\(c.name), \(threads) threads: \(mismatch ?? "")")
            }
        }
    }

    @Test func threadedEqualsSerialOnALargeBuffer() {
        let n = 300_007
        let step = Float32AdamStep(hyperparameters: AdamHyperparameters(weightDecay: 0.1, amsgrad: true), weightDecay: .decoupled)
        let start = Float32TestData.values(n, seed: 99), g = Float32TestData.values(n, seed: 100)
        var serial = start, threaded = start
        var serialState = AdamState<Float>(count: n, amsgrad: true), threadedState = serialState
        for _ in 0..<3 {
            step.apply(params: &serial, grads: g, state: &serialState, lr: 1e-3, parallelism: .serial)
            step.apply(params: &threaded, grads: g, state: &threadedState, lr: 1e-3,
                       parallelism: Parallelism(threads: 2))
        }
        #expect(Float32TestData.firstMismatch(serial, threaded) == nil)
        #expect(serialState == threadedState)
        #expect(Float32TestData.firstMismatch(serial, start) != nil)   // the steps did move θ
    }

    /// First AdamW step by hand: m = 0.1·g, v = 0.001·g², the bias corrections undo both factors,
    /// so θ ← θ·(1 − lr·λ) − lr·g/(|g| + ε). With θ = 1, g = 0.5, lr = 0.1, λ = 0.01:
    /// 1·0.999 − 0.1·0.5/0.50000001 = 0.899 (to Float precision).
    @Test func firstStepByHand() {
        let step = Float32AdamStep(hyperparameters: AdamHyperparameters(lr: 0.1, weightDecay: 0.01), weightDecay: .decoupled)
        var params: [Float] = [1, -2]
        var state = AdamState<Float>(count: 2, amsgrad: false)
        step.apply(params: &params, grads: [0.5, -0.25], state: &state, lr: 0.1)
        #expect(abs(params[0] - 0.899) <= 1e-6)
        #expect(abs(params[1] - (-2 * 0.999 + 0.1)) <= 1e-6)
        #expect(state.m == [0.05, -0.025])
        #expect(abs(state.v[0] - 0.00025) <= 1e-10)
        #expect(state.stepCount == 1)
    }

    /// Conventions and mistakes change the rules; the fast path takes only PyTorch's and declines
    /// the rest, which then run through the general kernel.
    @Test func acceptsOnlyPyTorchRules() {
        let h = AdamHyperparameters(weightDecay: 0.01)
        #expect(Float32AdamStep(core: AdamStep(hyperparameters: h, rules: AdamRules(weightDecay: .decoupled))) != nil)
        #expect(Float32AdamStep(core: AdamStep(hyperparameters: h, rules: AdamRules(weightDecay: .coupledL2))) != nil)
        #expect(OptimizerSpec.adamw(h).adamStep(variant: .mistake(.coupledWeightDecay)).flatMap(Float32AdamStep.init(core:)) != nil)
        for mistake in [KnownMistake.noBiasCorrection, .epsilonInsideRoot, .stepCounterFromZero, .decayAfterUpdate,
                        .decayNotScaledByLR, .betasSwapped] {
            let core = OptimizerSpec.adamw(h).adamStep(variant: .mistake(mistake))
            #expect(core.flatMap(Float32AdamStep.init(core:)) == nil, "\(mistake)")
        }
        for convention in [Convention.optax, .keras] {
            let core = OptimizerSpec.adamw(h).adamStep(variant: Variant(convention: convention))
            #expect(core.flatMap(Float32AdamStep.init(core:)) == nil, "\(convention.name)")
        }
    }
}
