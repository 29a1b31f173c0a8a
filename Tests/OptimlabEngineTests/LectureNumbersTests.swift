import Testing
@testable import OptimlabEngine

/// The numbers the lectures reason with, derived by hand (the expected values below were worked out on
/// paper from the update rules and checked in a calculator; each test says how).
struct LectureNumbersTests {
    static func close(_ a: Double, _ b: Double, rel: Double = 1e-9) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

    /// AdaGrad on a constant gradient g = 1: Σg² = t, so the effective lr is lr/√t and never stops
    /// shrinking: 0.1, 0.0707, 0.05, 0.01 at t = 1, 2, 4, 100.
    @Test func adaGradEffectiveLearningRateShrinks() {
        let opt = AdaGrad(lr: 0.1, eps: 0)
        #expect(Self.close(opt.effectiveLearningRate(after: [1]), 0.1))
        #expect(Self.close(opt.effectiveLearningRate(after: [1, 1]), 0.1 / 2.0.squareRoot()))
        #expect(Self.close(opt.effectiveLearningRate(after: [1, 1, 1, 1]), 0.05))
        #expect(Self.close(opt.effectiveLearningRate(after: Array(repeating: 1, count: 100)), 0.01))
        // And the steps taken agree: θ after two unit gradients is −0.1 − 0.1/√2.
        var p = [0.0], s = opt.initialState(count: 1)
        opt.step(params: &p, grads: [1], state: &s, lr: 0.1)
        opt.step(params: &p, grads: [1], state: &s, lr: 0.1)
        #expect(Self.close(p[0], -0.1 - 0.1 / 2.0.squareRoot()))
    }

    /// The dense-vs-sparse two-parameter picture: the parameter that saw one large gradient has its
    /// step cut by that gradient for good, the quiet one keeps a large step.
    @Test func adaGradProtectsSparseParameters() {
        let opt = AdaGrad(lr: 0.1, eps: 0)
        var p = [0.0, 0.0], s = opt.initialState(count: 2)
        for g in [[0.1, 0.0], [0.1, 10.0], [0.1, 0.0]] { opt.step(params: &p, grads: g, state: &s, lr: 0.1) }
        // Σg²: dense 0.03, sparse 100 → effective lrs 0.1/√0.03 = 0.577 and 0.1/10 = 0.01.
        #expect(Self.close(0.1 / s.sum[0].squareRoot(), 0.1 / 0.03.squareRoot()))
        #expect(Self.close(0.1 / s.sum[1].squareRoot(), 0.01))
    }

    /// RMSProp on g = 1 with α = 0.9: E[g²]ₜ = 1 − 0.9ᵗ, so the effective lr lr/√(1 − 0.9ᵗ) falls from
    /// 3.162·lr at t = 1 and settles at lr instead of dying.
    @Test func rmsPropEffectiveLearningRateSettles() {
        let opt = RMSProp(lr: 0.01, alpha: 0.9, eps: 0)
        var p = [0.0], s = opt.initialState(count: 1)
        var steps: [Double] = []
        for _ in 0..<200 {
            let before = p[0]
            opt.step(params: &p, grads: [1], state: &s, lr: 0.01)
            steps.append(before - p[0])
        }
        #expect(Self.close(steps[0], 0.01 / 0.1.squareRoot()))          // 0.0316
        #expect(Self.close(steps[9], 0.01 / 0.6513215599.squareRoot(), rel: 1e-9))
        #expect(abs(steps[199] - 0.01) < 1e-10)
    }

    /// Three Adam steps on one weight, g = 1, 0.5, 2 with the defaults (lr 1e-3, β 0.9/0.999, ε 1e-8):
    /// t=1: m̂ = 1, v̂ = 1, Δ = −1e-3·1/(1+1e-8);
    /// t=2: m = 0.14, m̂ = 0.14/0.19 = 0.7368421, v = 0.001249, v̂ = 0.6248124, Δ = −9.321796e-4;
    /// t=3: m = 0.326, m̂ = 1.2029520, v = 0.005247751, v̂ = 1.7510008, Δ = −9.090864e-4.
    @Test func adamThreeStepWorkedExample() {
        let opt = Adam()
        var p = [0.0], s = opt.initialState(count: 1)
        var deltas: [Double] = []
        for g in [1.0, 0.5, 2.0] {
            let before = p[0]
            opt.step(params: &p, grads: [g], state: &s, lr: 1e-3)
            deltas.append(p[0] - before)
        }
        #expect(Self.close(deltas[0], -0.0009999999900000003, rel: 1e-12))
        #expect(Self.close(deltas[1], -0.000932179627018389, rel: 1e-12))
        #expect(Self.close(deltas[2], -0.0009090863561932451, rel: 1e-12))
        #expect(Self.close(s.m[0], 0.326, rel: 1e-12))
        #expect(Self.close(s.v[0], 0.005247751, rel: 1e-12))
    }

    /// The bias-correction table for β = 0.9: 1 − βᵗ = 0.1, 0.19, 0.271, 0.6513, 0.99997 and the factor
    /// 1/(1 − βᵗ) = 10, 5.263, 3.690, 1.535, 1.0000266.
    @Test(arguments: [(1, 0.1, 10.0), (2, 0.19, 5.263157894736842), (3, 0.271, 3.690036900369004),
                      (10, 0.6513215599, 1.5353399327876296), (100, 0.9999734386011124, 1.0000265621044142)])
    func biasCorrectionTable(t: Int, fraction: Double, factor: Double) {
        #expect(Self.close(Analysis.biasCorrectionFraction(beta: 0.9, step: t), fraction, rel: 1e-12))
        #expect(Self.close(Analysis.biasCorrectionFactor(beta: 0.9, step: t), factor, rel: 1e-12))
    }

    /// Bias correction recovers a constant gradient exactly: m̂ₜ = g for every t.
    @Test func biasCorrectionRecoversConstantGradient() {
        let opt = Adam()
        var p = [0.0], s = opt.initialState(count: 1)
        for t in 1...50 {
            opt.step(params: &p, grads: [0.3], state: &s, lr: 1e-3)
            #expect(Self.close(s.m[0] * Analysis.biasCorrectionFactor(beta: 0.9, step: t), 0.3, rel: 1e-12))
        }
    }

    /// Adam+L2 vs AdamW, one step from θ = 1 with g = 0.1, lr = 1e-3, λ = 0.01:
    /// Adam+L2 uses g' = 0.1 + 0.01·1 = 0.11, and its first step is lr·g'/|g'| = lr: the decay term is
    /// normalised away entirely, θ = 0.999. AdamW moves lr·g/|g| = lr and then decays by lr·λ·θ = 1e-5:
    /// θ = 1·(1 − 1e-5) − 1e-3·0.1/(0.1 + 1e-8) = 0.998990001…
    @Test func adamL2VersusAdamWOneStep() {
        var pL2 = [1.0], pW = [1.0]
        let l2 = Adam(lr: 1e-3, weightDecay: 0.01), w = AdamW(lr: 1e-3, weightDecay: 0.01)
        var s1 = l2.initialState(count: 1), s2 = w.initialState(count: 1)
        l2.step(params: &pL2, grads: [0.1], state: &s1, lr: 1e-3)
        w.step(params: &pW, grads: [0.1], state: &s2, lr: 1e-3)
        #expect(Self.close(pL2[0], 1 - 1e-3 * 0.11 / (0.11 + 1e-8), rel: 1e-14))
        #expect(Self.close(pW[0], (1 - 1e-5) - 1e-3 * 0.1 / (0.1 + 1e-8), rel: 1e-14))
        #expect(abs(pL2[0] - 0.999) < 1e-9)
        #expect(abs(pW[0] - 0.99899) < 1e-9)
    }

    /// warmup_cosine with W = 100, T = 2000, peak 3e-4, floor 3e-5:
    /// s = 25 is in warmup: 3e-4·25/100 = 7.5e-5;
    /// s = 1500: progress (1500−100)/1900, lr = 3e-5 + 2.7e-4·(1 + cos(π·1400/1900))/2 = 7.3567e-5.
    @Test func warmupCosineAtLectureSteps() {
        let s = WarmupCosine(peak: 3e-4, warmupSteps: 100, totalSteps: 2000, minLR: 3e-5)
        #expect(Self.close(s.learningRate(atStep: 25), 7.5e-5, rel: 1e-12))
        #expect(Self.close(s.learningRate(atStep: 1500), 7.356698783052497e-05, rel: 1e-12))
        #expect(s.learningRate(atStep: 0) == 0)
        #expect(s.learningRate(atStep: 100) == 3e-4)
        #expect(Self.close(s.learningRate(atStep: 2000), 3e-5, rel: 1e-12))
        #expect(s.learningRate(atStep: 5000) == 3e-5)
    }

    /// Linear scaling 256 → 2048 multiplies lr by 8: 3e-4 → 2.4e-3; √-scaling by √8; warmup in examples
    /// held fixed: 2000 steps of 256 = 250 steps of 2048.
    @Test func linearScalingRule() {
        #expect(Self.close(Analysis.linearScaledLR(baseLR: 3e-4, baseBatch: 256, newBatch: 2048), 2.4e-3, rel: 1e-12))
        #expect(Self.close(Analysis.sqrtScaledLR(baseLR: 3e-4, baseBatch: 256, newBatch: 2048), 3e-4 * 8.0.squareRoot(), rel: 1e-12))
        #expect(Analysis.scaledWarmupSteps(baseWarmup: 2000, baseBatch: 256, newBatch: 2048) == 250)
    }

    /// SGD's first momentum step is the raw gradient (PyTorch), not (1 − dampening)·g.
    @Test func sgdFirstMomentumStepIsTheGradient() {
        let opt = SGD(lr: 0.1, momentum: 0.9, dampening: 0.5)
        var p = [0.0], s = opt.initialState(count: 1)
        opt.step(params: &p, grads: [1], state: &s, lr: 0.1)
        #expect(s.momentumBuffer == [1])
        opt.step(params: &p, grads: [1], state: &s, lr: 0.1)
        #expect(Self.close(s.momentumBuffer[0], 0.9 + 0.5))
        #expect(Self.close(p[0], -0.1 - 0.14))
    }

    /// clip_grad_norm_: tensors [3, 4] and [12] have global norm 13; clipped to 1 each value is scaled by
    /// 1/(13 + 1e-6); a norm below max_norm is still multiplied by max/(norm + 1e-6) capped at 1.
    @Test func globalNormClipping() {
        let grads = NamedTensors([("w", [3, 4]), ("b", [12])])
        let clip = GradientClipping(maxNorm: 1)
        let (clipped, norm) = clip.clip(grads)
        #expect(norm == 13)
        #expect(Self.close(clipped["w"]![0], 3 / (13 + 1e-6), rel: 1e-15))
        #expect(Self.close(clipped["b"]![0], 12 / (13 + 1e-6), rel: 1e-15))
        #expect(GradientClipping(maxNorm: 14).coefficient(forNorm: 13) == 1)
        #expect(GradientClipping(maxNorm: 13).coefficient(forNorm: 13) < 1)
        #expect(GradientClipping(maxNorm: 13, rule: .threshold).coefficient(forNorm: 13) == 1)
        let perTensor = clip.clipEachTensor(grads)
        #expect(Self.close(perTensor["w"]![0], 3 / (5 + 1e-6), rel: 1e-15))
    }
}

/// Optimizer state is inspectable at every step: m, v, m̂, v̂, the update and the lr used.
struct StateInspectionTests {
    @Test func adamStateAfterTwoSteps() {
        var run = TrainingRun(optimizer: .adam(AdamHyperparameters(weightDecay: 0)), initialParams: NamedTensors([("w", [0])]))
        run.step(grads: NamedTensors([("w", [1])]))
        let r = run.step(grads: NamedTensors([("w", [0.5])]))
        let b = Dictionary(uniqueKeysWithValues: r.buffers.map { ($0.name, $0.values[0]) })
        #expect(abs(b[.m]! - 0.14) < 1e-15)
        #expect(abs(b[.v]! - 0.001249) < 1e-15)
        #expect(abs(b[.mHat]! - 0.7368421052631579) < 1e-14)
        #expect(abs(b[.vHat]! - 0.6248124062031106) < 1e-14)
        #expect(abs(r.update["w"]![0] - -0.000932179627018389) < 1e-16)
        #expect(r.lr == 1e-3)
    }
}
