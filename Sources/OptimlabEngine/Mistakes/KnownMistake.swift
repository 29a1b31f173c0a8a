/// The classic ways a correct-looking Adam/AdamW or training step goes wrong, as first-class variants of
/// the engine: lessons run them to show what breaks, and the grader replays a case through each to
/// name the one a submission's trace matches.
public enum KnownMistake: String, Sendable, CaseIterable, Equatable {
    case noBiasCorrection = "no-bias-correction"
    case biasCorrectionFirstMomentOnly = "bias-correction-m-only"
    case biasCorrectionSecondMomentOnly = "bias-correction-v-only"
    case coupledWeightDecay = "coupled-weight-decay"
    case decayNotScaledByLR = "decay-not-scaled-by-lr"
    case decayAfterUpdate = "decay-after-update"
    case epsilonInsideRoot = "eps-inside-sqrt"
    case stepCounterFromZero = "step-from-zero"
    case betasSwapped = "betas-swapped"
    case clipPerTensor = "clip-per-tensor"
    case clipAfterUpdate = "clip-after-update"
    case classicalMomentumForNesterov = "classical-for-nesterov"
    case dampeningIgnored = "dampening-ignored"
    case firstMomentumStepDampened = "first-momentum-step-dampened"
    case accumulatorNotInitialised = "accumulator-not-initialised"
    case lrDecayMisapplied = "lr-decay-misapplied"
    case alphaSwapped = "alpha-swapped"
    case centeredWithoutMean = "centered-without-mean"
    case amsgradMaxOfCorrected = "amsgrad-max-of-v-hat"
    case clipNormAfterClipping = "clip-norm-after-clipping"
    case clipWithoutEpsilon = "clip-without-epsilon"
    case lionBetasSwapped = "lion-betas-swapped"
    case lionMomentumFirst = "lion-momentum-first"
    case lionSignOfZero = "lion-sign-of-zero"
    case adafactorUnfactored = "adafactor-unfactored"
    case adafactorNoRowMean = "adafactor-no-row-mean"
    case adafactorEps1AddedToRoot = "adafactor-eps1-added-to-root"
    case adafactorNoRelativeStep = "adafactor-no-relative-step"
    case adafactorNoUpdateClipping = "adafactor-no-update-clipping"

    /// A short human title.
    public var title: String {
        switch self {
        case .noBiasCorrection: "No bias correction"
        case .biasCorrectionFirstMomentOnly: "Bias correction on m only"
        case .biasCorrectionSecondMomentOnly: "Bias correction on v only"
        case .coupledWeightDecay: "Weight decay coupled into the gradient (Adam+L2, not AdamW)"
        case .decayNotScaledByLR: "Weight decay not multiplied by the learning rate"
        case .decayAfterUpdate: "Weight decay applied after the update"
        case .epsilonInsideRoot: "ε inside the square root"
        case .stepCounterFromZero: "Step counter starting at 0"
        case .betasSwapped: "β₁ and β₂ swapped"
        case .clipPerTensor: "Clipping each tensor instead of the global norm"
        case .clipAfterUpdate: "Clipping after the update instead of before"
        case .classicalMomentumForNesterov: "Classical momentum where Nesterov was asked"
        case .dampeningIgnored: "Dampening ignored"
        case .firstMomentumStepDampened: "The first momentum step is not g"
        case .accumulatorNotInitialised: "The accumulator ignores initial_accumulator_value"
        case .lrDecayMisapplied: "lr_decay applied from the first step"
        case .alphaSwapped: "α and 1 − α swapped"
        case .centeredWithoutMean: "Centered RMSProp without subtracting the mean"
        case .amsgradMaxOfCorrected: "AMSGrad keeps the maximum of v̂ instead of v"
        case .clipNormAfterClipping: "The norm returned is the norm after clipping"
        case .clipWithoutEpsilon: "The 1e-6 left out of the clip coefficient"
        case .lionBetasSwapped: "Lion's β₁ and β₂ swapped"
        case .lionMomentumFirst: "Lion's momentum updated before the sign"
        case .lionSignOfZero: "sign(0) taken as +1"
        case .adafactorUnfactored: "A full second moment for a matrix (not factored)"
        case .adafactorNoRowMean: "The factored estimate not divided by the row mean"
        case .adafactorEps1AddedToRoot: "ε₁ added to √v̂ instead of clamping v̂ at ε₁²"
        case .adafactorNoRelativeStep: "The step not scaled by the parameter's RMS"
        case .adafactorNoUpdateClipping: "The update not clipped at RMS d"
        }
    }

    /// One line saying what the mistake does to the numbers.
    public var explanation: String {
        switch self {
        case .noBiasCorrection:
            "m and v start at 0, so without dividing by 1−βᵗ the first steps are mis-scaled: step 1 moves about lr·(1−β₁)/√(1−β₂) ≈ 3.16·lr instead of lr."
        case .biasCorrectionFirstMomentOnly:
            "m̂ is corrected but v is not, so √v is too small early on and the first steps are ~30× too large."
        case .biasCorrectionSecondMomentOnly:
            "v̂ is corrected but m is not, so the first steps are ~10× too small (m is shrunk by 1−β₁)."
        case .coupledWeightDecay:
            "λθ was added to the gradient, so the decay passes through the adaptive denominator: large-gradient weights are barely decayed. AdamW decays θ directly: θ ← θ(1 − lr·λ)."
        case .decayNotScaledByLR:
            "θ ← θ(1 − λ) instead of θ(1 − lr·λ): with λ = 0.01 every step removes 1% of each weight, far more than intended."
        case .decayAfterUpdate:
            "The decay multiplies the already-updated θ; it should use θₜ₋₁. The difference is lr²·λ·u, visible only when lr·λ is large."
        case .epsilonInsideRoot:
            "√(v̂ + ε) instead of √v̂ + ε: ε = 1e-8 inside the root acts like 1e-4 outside it, damping small-gradient coordinates."
        case .stepCounterFromZero:
            "t must be 1 on the first update; with t = 0 the correction 1 − β⁰ = 0 divides by zero (inf/NaN), and every later correction is off by one step."
        case .betasSwapped:
            "β₁ = 0.999 and β₂ = 0.9: the momentum barely moves and the second moment forgets quickly."
        case .clipPerTensor:
            "Each tensor was scaled by its own norm, which changes the direction of the update; clip_grad_norm_ scales all gradients by one factor from the global norm."
        case .clipAfterUpdate:
            "The gradients were clipped after the optimizer had already used them, so the step used the raw, unclipped gradients."
        case .classicalMomentumForNesterov:
            "With nesterov the step uses g + μ·buf (a look-ahead along the momentum), not buf itself; classical momentum steps by buf."
        case .dampeningIgnored:
            "Later steps must add (1 − dampening)·g to μ·buf; adding the whole g makes the buffer, and the step, too large."
        case .firstMomentumStepDampened:
            "PyTorch sets buf = g on the first step (it creates the buffer from the gradient); a zero buffer updated as μ·0 + (1 − dampening)·g starts (1 − dampening) times too small."
        case .accumulatorNotInitialised:
            "The sum of squares starts at initial_accumulator_value, not 0: the first steps are larger than they should be."
        case .lrDecayMisapplied:
            "The decayed lr is lr / (1 + (t − 1)·lr_decay) with t = 1 on the first step, so the first step uses the full lr; dividing by 1 + t·lr_decay decays one step early."
        case .alphaSwapped:
            "E ← α·E + (1 − α)·g² keeps α (0.99) of the old average; swapping them keeps 1 % of it and the step follows the latest gradient."
        case .centeredWithoutMean:
            "Centered RMSProp divides by √(E[g²] − (E[g])²), the running variance; without subtracting the squared mean it is plain RMSProp."
        case .amsgradMaxOfCorrected:
            "PyTorch keeps the running maximum of the raw v and bias-corrects the maximum; the maximum of v̂ (optax) differs whenever v̂ shrinks while v grows."
        case .clipNormAfterClipping:
            "clip_grad_norm_ returns the total norm before clipping; the norm of the clipped gradients is just max_norm whenever clipping happened."
        case .clipWithoutEpsilon:
            "torch's coefficient is max_norm / (norm + 1e-6), capped at 1: without the 1e-6 clipped gradients are a hair too long, and a norm just below max_norm is left unscaled."
        case .lionBetasSwapped:
            "The update takes the sign of (1 − β₁)g + β₁m with the faster β₁, and the momentum is kept with the slower β₂: m ← (1 − β₂)g + β₂m. Swapping them makes the sign lag and the momentum forget."
        case .lionMomentumFirst:
            "Lion takes the sign of an interpolation of g with the old m, then updates m; updating m first and taking sign(m) is heavy-ball momentum with a sign, another algorithm."
        case .lionSignOfZero:
            "sign(0) is 0, so a coordinate whose interpolation is exactly 0 (a zero gradient on a fresh momentum) does not move; c >= 0 ? 1 : -1 moves it by lr."
        case .adafactorUnfactored:
            "For a matrix Adafactor keeps the row means r and the column means s of g², and estimates v̂ = r sᵀ / mean(r): R + C numbers instead of R·C. A per-element v is Adam's second moment without β₁, not Adafactor."
        case .adafactorNoRowMean:
            "r sᵀ counts the overall scale of g² twice; dividing by mean(r) (clamped at ε₁) makes v̂ the rank-1 estimate of g², whose row and column means match r and s."
        case .adafactorEps1AddedToRoot:
            "torch divides by √max(v̂, ε₁²): ε₁ only bounds v̂ from below. Adding ε₁ to √v̂ changes every coordinate whose √v̂ is not far larger than ε₁."
        case .adafactorNoRelativeStep:
            "The step is αₜ = max(ε₂, RMS(θ))·ρₜ, relative to the tensor's own scale (RMS(θ) = ‖θ‖/√n before the decay); stepping by ρₜ alone moves small tensors too far and large ones too little."
        case .adafactorNoUpdateClipping:
            "The update u = g/√v̂ is divided by max(1, RMS(u)/d), so no step is larger than d in RMS; without it a gradient spike (g² far above v̂) gives a step as large as the spike."
        }
    }

    /// The lesson to revisit for this mistake.
    public var lesson: String {
        switch self {
        case .noBiasCorrection, .biasCorrectionFirstMomentOnly, .biasCorrectionSecondMomentOnly,
             .stepCounterFromZero: "bias-correction"
        case .coupledWeightDecay, .decayNotScaledByLR, .decayAfterUpdate: "adamw"
        case .epsilonInsideRoot, .betasSwapped: "adam"
        case .clipPerTensor, .clipAfterUpdate, .clipNormAfterClipping, .clipWithoutEpsilon: "clipping"
        case .classicalMomentumForNesterov, .dampeningIgnored, .firstMomentumStepDampened: "sgd-momentum"
        case .accumulatorNotInitialised, .lrDecayMisapplied: "adagrad"
        case .alphaSwapped, .centeredWithoutMean: "rmsprop"
        case .amsgradMaxOfCorrected: "conventions"
        case .lionBetasSwapped, .lionMomentumFirst, .lionSignOfZero: "sign-orthogonal"
        case .adafactorUnfactored, .adafactorNoRowMean, .adafactorEps1AddedToRoot, .adafactorNoRelativeStep,
             .adafactorNoUpdateClipping: "memory"
        }
    }

    /// Whether this mistake changes anything for a run of `optimizer` with or without clipping.
    public func applies(to optimizer: OptimizerSpec, clipping: Bool) -> Bool {
        switch self {
        case .clipPerTensor, .clipAfterUpdate, .clipNormAfterClipping, .clipWithoutEpsilon: return clipping
        case .classicalMomentumForNesterov:
            if case .sgd(let o) = optimizer { return o.nesterov && o.momentum != 0 }
            return false
        case .dampeningIgnored, .firstMomentumStepDampened:
            if case .sgd(let o) = optimizer { return o.momentum != 0 && o.dampening != 0 }
            return false
        case .accumulatorNotInitialised:
            if case .adagrad(let o) = optimizer { return o.initialAccumulatorValue != 0 }
            return false
        case .lrDecayMisapplied:
            if case .adagrad(let o) = optimizer { return o.lrDecay != 0 }
            return false
        case .alphaSwapped:
            if case .rmsprop = optimizer { return true }
            return false
        case .centeredWithoutMean:
            if case .rmsprop(let o) = optimizer { return o.centered }
            return false
        case .amsgradMaxOfCorrected:
            switch optimizer {
            case .adam(let h), .adamw(let h): return h.amsgrad
            default: return false
            }
        case .epsilonInsideRoot:
            switch optimizer {
            case .adam, .adamw, .adagrad, .rmsprop: return true
            default: return false
            }
        case .decayNotScaledByLR:
            switch optimizer {
            case .adamw(let h): return h.weightDecay != 0
            case .lion(let o): return o.weightDecay != 0
            case .adafactor(let o): return o.weightDecay != 0
            default: return false
            }
        case .coupledWeightDecay, .decayAfterUpdate:
            if case .adamw(let h) = optimizer { return h.weightDecay != 0 }
            return false
        case .lionBetasSwapped, .lionMomentumFirst:
            if case .lion(let o) = optimizer { return o.beta1 != o.beta2 }
            return false
        case .lionSignOfZero:
            if case .lion = optimizer { return true }
            return false
        case .adafactorUnfactored, .adafactorNoRowMean, .adafactorEps1AddedToRoot, .adafactorNoRelativeStep, .adafactorNoUpdateClipping:
            if case .adafactor = optimizer { return true }
            return false
        default:
            if case .adam = optimizer { return true }
            if case .adamw = optimizer { return true }
            return false
        }
    }

    /// The Adam rules with this mistake made (clipping mistakes leave them unchanged).
    public func apply(to rules: AdamRules) -> AdamRules {
        var r = rules
        switch self {
        case .noBiasCorrection: r.correctsFirstMoment = false; r.correctsSecondMoment = false
        case .biasCorrectionFirstMomentOnly: r.correctsSecondMoment = false
        case .biasCorrectionSecondMomentOnly: r.correctsFirstMoment = false
        case .coupledWeightDecay: r.weightDecay = .coupledL2
        case .decayNotScaledByLR: r.decayScale = .unscaled
        case .decayAfterUpdate: r.decayTiming = .afterUpdate
        case .epsilonInsideRoot: r.epsilon = .insideRoot
        case .stepCounterFromZero: r.stepOffset = -1
        case .betasSwapped: r.swapsBetas = true
        case .amsgradMaxOfCorrected: r.amsgradMaximum = .biasCorrected
        default: break
        }
        return r
    }

    /// SGD with this mistake made (other mistakes leave it unchanged).
    public func apply(to o: inout SGD) {
        switch self {
        case .classicalMomentumForNesterov: o.nesterov = false
        case .dampeningIgnored: o.dampening = 0
        case .firstMomentumStepDampened: o.rules.firstStepIsDampened = true
        default: break
        }
    }

    /// AdaGrad with this mistake made (other mistakes leave it unchanged).
    public func apply(to o: inout AdaGrad) {
        switch self {
        case .accumulatorNotInitialised: o.initialAccumulatorValue = 0
        case .lrDecayMisapplied: o.decaysFirstStep = true
        case .epsilonInsideRoot: o.epsilon = .inside
        default: break
        }
    }

    /// RMSProp with this mistake made (other mistakes leave it unchanged).
    public func apply(to o: inout RMSProp) {
        switch self {
        case .alphaSwapped: o.swapsAlpha = true
        case .centeredWithoutMean: o.centered = false
        case .epsilonInsideRoot: o.epsilon = .inside
        default: break
        }
    }

    /// Lion with this mistake made (other mistakes leave it unchanged).
    public func apply(to o: inout Lion) {
        switch self {
        case .lionBetasSwapped: o.rules.swapsBetas = true
        case .lionMomentumFirst: o.rules.updatesMomentumFirst = true
        case .lionSignOfZero: o.rules.signOfZero = 1
        case .decayNotScaledByLR: o.rules.decayScale = .unscaled
        default: break
        }
    }

    /// Adafactor with this mistake made (other mistakes leave it unchanged).
    public func apply(to o: inout Adafactor) {
        switch self {
        case .adafactorUnfactored: o.rules.factorsMatrices = false
        case .adafactorNoRowMean: o.rules.normalisesByRowMean = false
        case .adafactorEps1AddedToRoot: o.rules.eps1Placement = .addedToRoot
        case .adafactorNoRelativeStep: o.rules.relativeStep = false
        case .adafactorNoUpdateClipping: o.rules.clipsUpdate = false
        case .decayNotScaledByLR: o.rules.decayScale = .unscaled
        default: break
        }
    }

    /// Global-norm clipping with this mistake made: the coefficient without torch's 1e-6.
    public func apply(to clipping: inout GradientClipping) {
        if self == .clipWithoutEpsilon { clipping.omitsEpsilon = true }
    }

    public init?(name: String) {
        self.init(rawValue: name)
    }
}
