extension OptimizerChoice {
    /// The engine field of the choice's averaging coefficient "β": the heavy-ball μ of momentum SGD,
    /// RMSProp's α (the decay of its average of g²), Adam's and AdamW's β₁ (the decay of m); nil for
    /// plain SGD, which averages nothing, and AdaGrad, which sums. Past AdamW: β₁ of RAdam, NAdam,
    /// Adamax, Lion and LAMB, the momentum of Muon and LARS; nil for Adafactor (no first moment).
    public var betaField: OptimizerField? {
        switch self {
        case .sgd, .adagrad, .adafactor: nil
        case .momentum, .muon, .lars: .momentum
        case .rmsprop: .alpha
        case .adam, .adamw, .radam, .nadam, .adamax, .lion, .lamb: .beta1
        }
    }

    /// The β the choice runs with unless told otherwise (PyTorch's defaults; 0.9 for momentum).
    public var defaultBeta: Double? {
        switch self {
        case .sgd, .adagrad, .adafactor: nil
        case .momentum, .lars: Self.momentumCoefficient
        case .muon: 0.95
        case .rmsprop: 0.99
        case .adam, .adamw, .radam, .nadam, .adamax, .lion, .lamb: 0.9
        }
    }

    /// The engine optimizer at learning rate `lr` with its β set to `beta` (ignored when it has none).
    public func spec(lr: Double, beta: Double?) -> OptimizerSpec {
        guard let field = betaField, let beta else { return spec(lr: lr) }
        var fields: [OptimizerField: Double] = [.lr: lr, field: beta]
        if self == .momentum { fields[.momentum] = beta }
        return OptimizerSpec.make(kind: engineKind, fields: fields)
    }
}
