/// A hyperparameter of an ``OptimizerKind``, by its trace name (PyTorch's keyword: `weight_decay`,
/// `initial_accumulator_value`, …). Which kinds take which field is ``OptimizerKind/fields``.
public enum OptimizerField: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case lr, momentum, dampening, nesterov, eps, alpha, centered, beta1, beta2, amsgrad, d, eps1, eps2
    case weightDecay = "weight_decay"
    case lrDecay = "lr_decay"
    case initialAccumulatorValue = "initial_accumulator_value"
    case decoupledWeightDecay = "decoupled_weight_decay"
    case momentumDecay = "momentum_decay"
    case beta2Decay = "beta2_decay"
    case nsCoefficients = "ns_coefficients"
    case nsSteps = "ns_steps"
    case adjustLRFn = "adjust_lr_fn"
    case epsRoot = "eps_root"
    case trustCoefficient = "trust_coefficient"

    /// The trace name.
    public var description: String { rawValue }

    /// A boolean flag; in numeric field lists it travels as 0 or 1.
    public var isBoolean: Bool {
        switch self {
        case .nesterov, .centered, .amsgrad, .decoupledWeightDecay: true
        default: false
        }
    }

    /// A field whose JSON value is not a plain number or boolean: `eps1` (a number or null), Muon's
    /// `ns_coefficients` (three numbers) and `adjust_lr_fn` (null or a string).
    public var isStructured: Bool {
        switch self {
        case .eps1, .nsCoefficients, .adjustLRFn: true
        default: false
        }
    }

    /// A decay rate of a moving average (β₁, β₂, RMSProp's α) or a momentum coefficient: in [0, 1).
    var isAveragingRate: Bool {
        switch self {
        case .beta1, .beta2, .alpha, .momentum: true
        default: false
        }
    }
}
