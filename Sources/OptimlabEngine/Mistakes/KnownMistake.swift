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
        }
    }

    /// The lesson to revisit for this mistake.
    public var lesson: String {
        switch self {
        case .noBiasCorrection, .biasCorrectionFirstMomentOnly, .biasCorrectionSecondMomentOnly,
             .stepCounterFromZero: "bias-correction"
        case .coupledWeightDecay, .decayNotScaledByLR, .decayAfterUpdate: "adamw"
        case .epsilonInsideRoot, .betasSwapped: "adam"
        case .clipPerTensor, .clipAfterUpdate: "clipping"
        }
    }

    /// Whether this mistake changes anything for a run of `optimizer` with or without clipping.
    public func applies(to optimizer: OptimizerSpec, clipping: Bool) -> Bool {
        switch self {
        case .clipPerTensor, .clipAfterUpdate: return clipping
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
        case .clipPerTensor, .clipAfterUpdate: break
        }
        return r
    }

    public init?(name: String) {
        self.init(rawValue: name)
    }
}
