/// The classic ways a correct-looking optimizer or training step goes wrong, as first-class variants of
/// the engine: each changes the numbers of a step (the `apply(to:)` overloads) for the runs it applies
/// to (``applies(to:clipping:)``). The raw value is the mistake's identifier in traces, files and on the
/// command line; what a mistake is called and which lesson explains it are the courseware's words
/// (its mistake catalogue, `lessons/mistakes.yaml`).
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

    /// Whether the mistake is in the gradient clipping (the norm returned, the coefficient, or where
    /// clipping happens) rather than in the optimizer's step: it changes a run only when the run clips.
    public var isClippingMistake: Bool {
        switch self {
        case .clipPerTensor, .clipAfterUpdate, .clipNormAfterClipping, .clipWithoutEpsilon: true
        default: false
        }
    }

    /// Whether this mistake changes anything for a run of `optimizer` with or without clipping.
    public func applies(to optimizer: OptimizerSpec, clipping: Bool) -> Bool {
        if isClippingMistake { return clipping }
        switch self {
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
