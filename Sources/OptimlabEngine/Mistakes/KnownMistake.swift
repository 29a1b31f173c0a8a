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
        case .coupledWeightDecay, .decayNotScaledByLR, .decayAfterUpdate:
            if case .adamw(let h) = optimizer { return h.weightDecay != 0 }
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

    /// Global-norm clipping with this mistake made: the coefficient without torch's 1e-6.
    public func apply(to clipping: inout GradientClipping) {
        if self == .clipWithoutEpsilon { clipping.omitsEpsilon = true }
    }

    public init?(name: String) {
        self.init(rawValue: name)
    }
}
