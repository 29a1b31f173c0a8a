#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hyperparameters shared by Adam and AdamW, with PyTorch's names and defaults.
public struct AdamHyperparameters: Sendable, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double, amsgrad: Bool = false) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.amsgrad = amsgrad
    }
}

/// Adam's moments and step counter. `m̂` and `v̂` are derived on request, not stored.
public struct AdamState<Scalar: BinaryFloatingPoint & Sendable>: OptimizerState {
    public var m: [Scalar]
    public var v: [Scalar]
    /// AMSGrad's running maximum (empty when AMSGrad is off).
    public var vMax: [Scalar]
    public var stepCount: Int

    public init(count: Int, amsgrad: Bool) {
        m = Array(repeating: 0, count: count)
        v = Array(repeating: 0, count: count)
        vMax = amsgrad ? Array(repeating: 0, count: count) : []
        stepCount = 0
    }

    public var buffers: [(name: StateBuffer, values: [Double])] {
        var out: [(name: StateBuffer, values: [Double])] = [(.m, m.map(Double.init)), (.v, v.map(Double.init))]
        if !vMax.isEmpty { out.append((.vMax, vMax.map(Double.init))) }
        return out
    }
}

/// The Adam family's step: Adam (coupled L2) and AdamW (decoupled decay) are this one algorithm with
/// different ``AdamRules``, as they are in PyTorch, where `AdamW` is `Adam(decoupled_weight_decay=True)`.
///
/// For t = state.stepCount + 1 (PyTorch increments the counter before using it):
///
///     g  ← g + λθ                         (coupled L2 only)
///     θ  ← θ·(1 − lr·λ)                   (decoupled only)
///     m  ← m + (1−β₁)(g − m)              (a lerp, as PyTorch writes it)
///     v  ← β₂v + (1−β₂)g²
///     θ  ← θ − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε)
///
/// Scalars are computed in Double and converted to `Scalar` once, and fused multiply-adds stand exactly
/// where PyTorch's CPU kernels fuse them, so the Float instantiation reproduces
/// `torch.optim.AdamW(fused=True)` and the Double one the float64 for-loop path.
public struct AdamStep: Sendable, Equatable {
    public var hyperparameters: AdamHyperparameters
    public var rules: AdamRules

    public init(hyperparameters: AdamHyperparameters, rules: AdamRules) {
        self.hyperparameters = hyperparameters; self.rules = rules
    }

    /// Per-step scalars, computed once in Double.
    struct Coefficients {
        var decayFactor = 1.0       // multiplies θ for decoupled decay
        var l2 = 0.0                // λ for coupled L2
        var lerpWeight = 0.1        // 1 − β₁
        var beta2 = 0.999
        var oneMinusBeta2 = 0.001
        var negStepSize = -1e-3     // −lr/(1−β₁ᵗ)  (or −αₜ for the ε̂ form)
        var bc2Root = 1.0           // √(1−β₂ᵗ)
        var bc2 = 1.0
        var eps = 1e-8
    }

    /// The betas in use (swapped by the β-swap mistake).
    var betas: (Double, Double) {
        rules.swapsBetas ? (hyperparameters.beta2, hyperparameters.beta1) : (hyperparameters.beta1, hyperparameters.beta2)
    }

    /// (1 − β₁ᵗ, 1 − β₂ᵗ) for the step after `stepCount` steps, t = stepCount + 1 (+ the rules' offset);
    /// 1 where the rules skip a correction.
    func biasCorrections(stepCount: Int) -> (Double, Double) {
        let (b1, b2) = betas
        let t = Double(stepCount + 1 + rules.stepOffset)
        return (rules.correctsFirstMoment ? 1 - pow(b1, t) : 1, rules.correctsSecondMoment ? 1 - pow(b2, t) : 1)
    }

    func coefficients(stepCount: Int, lr: Double) -> Coefficients {
        let h = hyperparameters
        let (b1, b2) = betas
        let (bc1, bc2) = biasCorrections(stepCount: stepCount)
        var c = Coefficients()
        c.lerpWeight = 1 - b1
        c.beta2 = b2
        c.oneMinusBeta2 = 1 - b2
        c.bc2 = bc2
        c.bc2Root = pow(bc2, 0.5)           // CPython computes bc2 ** 0.5 with pow, not sqrt
        c.eps = h.eps
        switch rules.epsilon {
        case .afterRawRoot: c.negStepSize = -(lr * c.bc2Root / bc1)
        default: c.negStepSize = -(lr / bc1)
        }
        switch rules.weightDecay {
        case .coupledL2: c.l2 = h.weightDecay
        case .decoupled:
            let scale: Double
            switch rules.decayScale {
            case .learningRate: scale = lr
            case .scheduleMultiplier: scale = h.lr == 0 ? 0 : lr / h.lr
            case .unscaled: scale = 1
            }
            c.decayFactor = 1 - scale * h.weightDecay
        }
        return c
    }

    /// Applies one step to `params` with the state in `state`. Works for Double and Float alike.
    ///
    /// `fusedTensorLengths`, for a Float run that follows PyTorch's fused CPU kernel, gives the lengths
    /// of the tensors the flat vector holds end to end: that kernel updates v differently in each
    /// tensor's last `length % 8` elements (``FusedScalarTail``). nil (the for-loop kernels) treats
    /// every element alike.
    public func apply<S: BinaryFloatingPoint & Sendable>(
        params: inout [S], grads: [S], state: inout AdamState<S>, lr: Double, fusedTensorLengths: [Int]? = nil
    ) {
        precondition(params.count == grads.count && params.count == state.m.count,
                     "params, grads and state must have one length")
        let scalarTail = fusedTensorLengths.map(FusedScalarTail.mask) ?? []
        precondition(scalarTail.isEmpty || scalarTail.count == params.count, "tensor lengths must add up to the parameter count")
        let c = coefficients(stepCount: state.stepCount, lr: lr)
        let decay = S(c.decayFactor), l2 = S(c.l2), w = S(c.lerpWeight)
        let b2 = S(c.beta2), c2 = S(c.oneMinusBeta2), negStep = S(c.negStepSize)
        let bc2Root = S(c.bc2Root), bc2 = S(c.bc2), eps = S(c.eps)
        let decoupled = rules.weightDecay == .decoupled && c.decayFactor != 1
        let decayFirst = rules.decayTiming == .beforeUpdate
        let amsgrad = hyperparameters.amsgrad
        for i in params.indices {
            var p = params[i], g = grads[i]
            if l2 != 0 { g = g.addingProduct(l2, p) }                  // grad.add(param, alpha=λ): FMA
            if decoupled && decayFirst { p = p * decay }
            var m = state.m[i]
            m = w < 0.5 ? m.addingProduct(w, g - m) : g.addingProduct(w - 1, g - m)   // lerp's two branches
            let v = scalarTail.isEmpty || !scalarTail[i]
                ? (state.v[i] * b2).addingProduct(c2 * g, g)            // mul_(β₂).addcmul_(g, g, 1−β₂)
                : ((c2 * g) * g).addingProduct(state.v[i], b2)          // the fused kernel's scalar tail
            var vUsed = v
            if amsgrad {
                let candidate = rules.amsgradMaximum == .raw ? v : v / bc2
                let vMax = Swift.max(state.vMax[i], candidate)
                state.vMax[i] = vMax
                vUsed = rules.amsgradMaximum == .raw ? vMax : vMax * bc2
            }
            let denom: S
            switch rules.epsilon {
            case .afterBiasCorrectedRoot: denom = vUsed.squareRoot() / bc2Root + eps
            case .afterRawRoot: denom = vUsed.squareRoot() + eps
            case .insideRoot: denom = (vUsed / bc2 + eps).squareRoot()
            }
            p = p + (negStep * m) / denom                            // addcdiv_: θ + (s·m)/denom
            if decoupled && !decayFirst { p = p * decay }
            params[i] = p
            state.m[i] = m
            state.v[i] = v
        }
        state.stepCount += 1
    }
}

extension AdamStep {
    /// The state's buffers plus the bias-corrected moments m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) at the
    /// state's current step, under this step's rules (a mistake that skips a correction shows it here).
    public func inspect<S: BinaryFloatingPoint & Sendable>(_ state: AdamState<S>) -> [(name: StateBuffer, values: [Double])] {
        guard state.stepCount > 0 else { return state.buffers }
        let (bc1, bc2) = biasCorrections(stepCount: state.stepCount - 1)
        return state.buffers + [(.mHat, state.m.map { Double($0) / bc1 }), (.vHat, state.v.map { Double($0) / bc2 })]
    }
}

/// Adam and AdamW are one algorithm (``AdamStep``) with different rules; this protocol gives both the
/// same `Optimizer` conformance.
public protocol AdamFamilyOptimizer: Optimizer where State == AdamState<Double> {
    var core: AdamStep { get }
}

extension AdamFamilyOptimizer {
    public func initialState(count: Int) -> AdamState<Double> {
        AdamState(count: count, amsgrad: core.hyperparameters.amsgrad)
    }
    public func step(params: inout [Double], grads: [Double], state: inout AdamState<Double>, lr: Double) {
        core.apply(params: &params, grads: grads, state: &state, lr: lr)
    }
    public func inspect(_ state: AdamState<Double>) -> [(name: StateBuffer, values: [Double])] { core.inspect(state) }
}

/// Adam (Kingma & Ba) with PyTorch semantics: `weight_decay` is L2 added to the gradient (default 0).
public struct Adam: AdamFamilyOptimizer, Equatable {
    public var core: AdamStep
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, amsgrad: Bool = false) {
        core = AdamStep(hyperparameters: AdamHyperparameters(lr: lr, beta1: beta1, beta2: beta2, eps: eps,
                                                             weightDecay: weightDecay, amsgrad: amsgrad),
                        rules: AdamRules(weightDecay: .coupledL2))
    }
    public init(core: AdamStep) { self.core = core }
}

/// AdamW (Loshchilov & Hutter) with PyTorch semantics: decoupled decay `θ ← θ·(1 − lr·λ)` before the
/// Adam update; default `weight_decay` 0.01.
public struct AdamW: AdamFamilyOptimizer, Equatable {
    public var core: AdamStep
    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0.01, amsgrad: Bool = false) {
        core = AdamStep(hyperparameters: AdamHyperparameters(lr: lr, beta1: beta1, beta2: beta2, eps: eps,
                                                             weightDecay: weightDecay, amsgrad: amsgrad),
                        rules: AdamRules(weightDecay: .decoupled))
    }
    public init(core: AdamStep) { self.core = core }
}
