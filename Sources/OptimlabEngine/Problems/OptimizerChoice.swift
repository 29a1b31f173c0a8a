/// Optimizers by short name, for racing them on a problem: every choice becomes an ``OptimizerSpec``
/// with PyTorch's defaults for the fields it does not set.
///
/// "momentum" is not a separate optimizer in PyTorch: it is `SGD(momentum=0.9)`, the classic heavy ball.
/// It has a name of its own because it is a rung of the lineage SGD → momentum → AdaGrad → RMSProp →
/// Adam → AdamW, and racing it against plain SGD is the point of the canyon.
public enum OptimizerChoice: String, Sendable, CaseIterable, Equatable {
    case sgd, momentum, adagrad, rmsprop, adam, adamw
    // Past AdamW: each with its own library's semantics.
    case radam, nadam, adamax, adafactor, muon, lion, lamb, lars

    /// The heavy-ball coefficient μ used for "momentum".
    public static let momentumCoefficient = 0.9

    /// The names, in lineage order, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a name; the error lists the valid ones.
    public static func named(_ name: String) throws(ProblemError) -> OptimizerChoice {
        guard let choice = OptimizerChoice(rawValue: name) else {
            throw ProblemError("unknown optimizer \"\(name)\" (expected one of \(names))")
        }
        return choice
    }

    /// The engine optimizer at learning rate `lr` (β₂ and weight decay override the defaults when given).
    public func spec(lr: Double, beta2: Double? = nil, weightDecay: Double? = nil) -> OptimizerSpec {
        var fields: [OptimizerField: Double] = [.lr: lr]
        if let beta2, engineKind.fields.contains(.beta2) { fields[.beta2] = beta2 }
        if let weightDecay { fields[.weightDecay] = weightDecay }
        if self == .momentum { fields[.momentum] = Self.momentumCoefficient }
        return OptimizerSpec.make(kind: engineKind, fields: fields)
    }

    /// The engine's kind: "momentum" is SGD with μ set; every other choice is the kind of its name.
    public var engineKind: OptimizerKind {
        self == .momentum ? .sgd : OptimizerKind(rawValue: rawValue) ?? .sgd
    }

    /// The shapes a problem's tensors take under this optimizer: Muon updates matrices only, so each
    /// tensor of n values becomes a 1×n matrix (its orthogonalised update is then the unit vector of the
    /// momentum); every other optimizer sees the tensors as they are (1-D).
    public static func shapes(for optimizer: OptimizerSpec, params: NamedTensors) -> TensorShapes {
        guard optimizer.requiresMatrices else { return TensorShapes() }
        return TensorShapes(Dictionary(zip(params.names, params.values.map { [1, $0.count] }), uniquingKeysWith: { a, _ in a }))
    }
}
