import OptimlabEngine

/// A "break it" switch: one deliberate change to a correct training run, to see what it breaks.
///
/// Where the engine already models the change as a ``KnownMistake`` the switch uses it, so the broken
/// run is exactly the variant the grader diagnoses; the others change the run's recipe (its schedule,
/// clipping, β₂ or optimizer).
public enum BreakSwitch: String, Sendable, CaseIterable, Equatable {
    /// Adam without 1/(1−βᵗ): step 1 moves lr·(1−β₁)/√(1−β₂) ≈ 3.16·lr instead of lr.
    case noBiasCorrection = "no-bias-correction"
    /// AdamW's decay added to the gradient (Adam + L2): the decay passes through 1/√v̂.
    case coupledDecay = "coupled-decay"
    /// The warmup ramp removed: full lr from the first step, while v̂ is still a one-batch estimate.
    case noWarmup = "no-warmup"
    /// Gradient clipping removed: the outlier batch's full gradient reaches the optimizer.
    case noClipping = "no-clipping"
    /// Each tensor clipped by its own norm instead of all by the global norm.
    case clipPerTensor = "clip-per-tensor"
    /// β₂ = 0.999, Adam's default: v averages over ~1000 steps and remembers an outlier for as long.
    case beta2Slow = "beta2-0.999"
    /// β₂ = 0.95, the LLM choice: v averages over ~20 steps.
    case beta2Fast = "beta2-0.95"
    /// SGD at lr 3·10⁻⁴, Adam's habitual lr, about 100× too small for SGD.
    case sgdAdamLR = "sgd-lr-3e-4"

    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public static func named(_ name: String) throws(ProblemError) -> BreakSwitch {
        guard let s = BreakSwitch(rawValue: name) else {
            throw ProblemError("unknown switch \"\(name)\" (expected one of \(names))")
        }
        return s
    }

    /// The engine mistake this switch turns on, when there is one.
    public var mistake: KnownMistake? {
        switch self {
        case .noBiasCorrection: .noBiasCorrection
        case .coupledDecay: .coupledWeightDecay
        case .clipPerTensor: .clipPerTensor
        default: nil
        }
    }

    /// The run with this switch flipped; an error says why it does not apply to `setup`.
    public func apply(to setup: RunSetup) throws(ProblemError) -> RunSetup {
        var out = setup
        switch self {
        case .noBiasCorrection:
            try requireAdam(setup)
            out.variant.mistakes.append(.noBiasCorrection)
        case .coupledDecay:
            guard case .adamw(let h) = setup.optimizer, h.weightDecay != 0 else {
                throw ProblemError("\(rawValue) applies to adamw with a nonzero weight_decay (this run is \(setup.optimizer.name))")
            }
            out.variant.mistakes.append(.coupledWeightDecay)
        case .noWarmup:
            switch setup.schedule {
            case let .warmupCosine(_, total, minLR)?: out.schedule = .cosine(totalSteps: total, minLR: minLR)
            case let .warmupLinear(_, total, minLR)?: out.schedule = .warmupLinear(warmupSteps: 0, totalSteps: total, minLR: minLR)
            default:
                throw ProblemError("\(rawValue) applies to a warmup_cosine or warmup_linear schedule (this run has \(setup.schedule?.name ?? "none"))")
            }
        case .noClipping:
            guard setup.clipNorm != nil else { throw ProblemError("\(rawValue) applies to a run with clipping (set clip)") }
            out.clipNorm = nil
        case .clipPerTensor:
            guard setup.clipNorm != nil else { throw ProblemError("\(rawValue) applies to a run with clipping (set clip)") }
            out.variant.mistakes.append(.clipPerTensor)
        case .beta2Slow, .beta2Fast:
            try requireAdam(setup)
            out.optimizer = Self.withBeta2(setup.optimizer, self == .beta2Slow ? 0.999 : 0.95)
        case .sgdAdamLR:
            out.optimizer = .sgd(SGD(lr: 3e-4))
            out.variant.mistakes.removeAll()
        }
        return out
    }

    private func requireAdam(_ setup: RunSetup) throws(ProblemError) {
        switch setup.optimizer {
        case .adam, .adamw: return
        default: throw ProblemError("\(rawValue) applies to adam or adamw (this run is \(setup.optimizer.name))")
        }
    }

    private static func withBeta2(_ spec: OptimizerSpec, _ beta2: Double) -> OptimizerSpec {
        switch spec {
        case .adam(var h): h.beta2 = beta2; return .adam(h)
        case .adamw(var h): h.beta2 = beta2; return .adamw(h)
        default: return spec
        }
    }
}
