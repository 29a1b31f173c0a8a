/// Which optimizer an ``OptimizerSpec`` is, by its trace name (`"optimizer": {"name": "adamw", …}`).
///
/// The first five are `torch.optim`'s classics, the ones library conventions and known mistakes change;
/// the rest are the optimizers past AdamW, each following its own library exactly (PyTorch for RAdam,
/// NAdam, Adamax, Adafactor and Muon; optax for Lion, LAMB and LARS).
public enum OptimizerKind: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case sgd, adagrad, rmsprop, adam, adamw
    case radam, nadam, adamax, adafactor, muon, lion, lamb, lars

    /// The kinds past AdamW.
    public static let pastAdamW: [OptimizerKind] = [.radam, .nadam, .adamax, .adafactor, .muon, .lion, .lamb, .lars]

    /// The trace names of all kinds, comma-separated, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The trace name.
    public var description: String { rawValue }

    /// The fields this kind takes (PyTorch's names; optax's meanings under the same naming style for
    /// Lion, LAMB and LARS, with `b1`/`b2` as `beta1`/`beta2`), in display order.
    public var fields: [OptimizerField] {
        switch self {
        case .sgd: [.lr, .momentum, .dampening, .weightDecay, .nesterov]
        case .adagrad: [.lr, .lrDecay, .weightDecay, .initialAccumulatorValue, .eps]
        case .rmsprop: [.lr, .alpha, .eps, .weightDecay, .momentum, .centered]
        case .adam, .adamw: [.lr, .beta1, .beta2, .eps, .weightDecay, .amsgrad]
        case .radam: [.lr, .beta1, .beta2, .eps, .weightDecay, .decoupledWeightDecay]
        case .nadam: [.lr, .beta1, .beta2, .eps, .weightDecay, .momentumDecay, .decoupledWeightDecay]
        case .adamax: [.lr, .beta1, .beta2, .eps, .weightDecay]
        case .adafactor: [.lr, .beta2Decay, .eps1, .eps2, .d, .weightDecay]
        case .muon: [.lr, .weightDecay, .momentum, .nesterov, .nsCoefficients, .eps, .nsSteps, .adjustLRFn]
        case .lion: [.lr, .beta1, .beta2, .weightDecay]
        case .lamb: [.lr, .beta1, .beta2, .eps, .epsRoot, .weightDecay]
        case .lars: [.lr, .weightDecay, .trustCoefficient, .eps, .momentum, .nesterov]
        }
    }

    /// The names of ``fields``, comma-separated, for messages.
    public var fieldNames: String { fields.map(\.rawValue).joined(separator: ", ") }
}
