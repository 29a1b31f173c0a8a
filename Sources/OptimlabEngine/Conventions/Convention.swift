/// A library's conventions for the "same" optimizers. Two correct programs that follow different
/// conventions produce different numbers; a named preset makes each difference a visible field.
///
/// | field | PyTorch | optax | Keras | papers |
/// |---|---|---|---|---|
/// | Adam ε | √v̂ + ε | √v̂ + ε | √v + ε̂ | √v̂ + ε (Alg. 1) |
/// | decoupled decay × | lr | lr | lr | schedule multiplier ηₜ only (Alg. 2) |
/// | AMSGrad max over | v | v̂ | v | — |
/// | AdaGrad accumulator / ε | 0, 1e-10 outside √ | 0.1, 1e-7 inside √ | 0.1, 1e-7 inside √ | PyTorch's |
/// | RMSProp α / ε | 0.99, outside √ | 0.9, inside √ | 0.9, 1e-7 outside √ | PyTorch's |
/// | clipping | max/(norm+1e-6), always | max/norm when norm ≥ max | same as optax | PyTorch's |
/// | SGD momentum | lr outside buffer | lr outside buffer | v ← μv − lr·g | PyTorch's |
/// | defaults | Adam ε 1e-8, AdamW λ 0.01 | AdamW λ 1e-4 | ε 1e-7, AdamW λ 0.004 | ε 1e-8 |
public struct Convention: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var adamEpsilon: EpsilonPlacement = .afterBiasCorrectedRoot
    public var decayScale: DecayScale = .learningRate
    public var amsgradMaximum: AMSGradMaximum = .raw
    public var adagradEpsilon: RootEpsilon = .outside
    public var rmspropEpsilon: RootEpsilon = .outside
    public var clipping: ClippingRule = .pytorch
    public var sgdRules = SGDRules()
    /// Defaults that differ from PyTorch's, by kind and field.
    public var defaultOverrides: [OptimizerKind: [OptimizerField: Double]] = [:]

    public static let pytorch = Convention(
        name: "pytorch", summary: "torch.optim and clip_grad_norm_ (optimlab's reference)")

    public static let optax: Convention = {
        var c = Convention(name: "optax", summary: "optax (JAX): ε̂-free Adam, ε inside √ for AdaGrad/RMSProp, threshold clipping")
        c.amsgradMaximum = .biasCorrected
        c.adagradEpsilon = .inside
        c.rmspropEpsilon = .inside
        c.clipping = .threshold
        c.defaultOverrides = [.adamw: [.weightDecay: 1e-4], .adagrad: [.initialAccumulatorValue: 0.1, .eps: 1e-7],
                              .rmsprop: [.alpha: 0.9]]
        return c
    }()

    public static let keras: Convention = {
        var c = Convention(name: "keras", summary: "Keras 3: Adam's ε̂ form, ε = 1e-7, lr inside SGD's momentum")
        c.adamEpsilon = .afterRawRoot
        c.adagradEpsilon = .inside
        c.clipping = .threshold
        c.sgdRules.learningRateInsideBuffer = true
        c.defaultOverrides = [.adam: [.eps: 1e-7], .adamw: [.eps: 1e-7, .weightDecay: 0.004],
                              .adagrad: [.initialAccumulatorValue: 0.1, .eps: 1e-7], .rmsprop: [.alpha: 0.9, .eps: 1e-7]]
        return c
    }()

    public static let paper = Convention(
        name: "paper", summary: "Kingma & Ba Algorithm 1 and Loshchilov & Hutter Algorithm 2: λ scaled by the schedule multiplier only",
        decayScale: .scheduleMultiplier)

    public static let all: [Convention] = [.pytorch, .optax, .keras, .paper]

    public static func named(_ name: String) -> Convention? { all.first { $0.name == name } }

    init(name: String, summary: String, decayScale: DecayScale = .learningRate) {
        self.name = name; self.summary = summary; self.decayScale = decayScale
    }

    /// PyTorch's default for a field, or this convention's override.
    /// (Booleans default to false, 0.) Nil for a field the kind does not take, and for the kinds past
    /// AdamW, whose defaults are their own types' initialisers.
    public func defaultValue(kind: OptimizerKind, field: OptimizerField) -> Double? {
        if let v = defaultOverrides[kind]?[field] { return v }
        return Self.pytorchDefaults[kind]?[field] ?? (field.isBoolean && kind.fields.contains(field) ? 0 : nil)
    }

    /// PyTorch 2.x defaults (torch.optim) of the classic kinds.
    public static let pytorchDefaults: [OptimizerKind: [OptimizerField: Double]] = [
        .sgd: [.lr: 1e-3, .momentum: 0, .dampening: 0, .weightDecay: 0],
        .adagrad: [.lr: 1e-2, .lrDecay: 0, .weightDecay: 0, .initialAccumulatorValue: 0, .eps: 1e-10],
        .rmsprop: [.lr: 1e-2, .alpha: 0.99, .eps: 1e-8, .weightDecay: 0, .momentum: 0],
        .adam: [.lr: 1e-3, .beta1: 0.9, .beta2: 0.999, .eps: 1e-8, .weightDecay: 0],
        .adamw: [.lr: 1e-3, .beta1: 0.9, .beta2: 0.999, .eps: 1e-8, .weightDecay: 1e-2],
    ]

    /// Adam rules under this convention.
    public func adamRules(weightDecay: WeightDecayStyle) -> AdamRules {
        var r = AdamRules(weightDecay: weightDecay)
        r.epsilon = adamEpsilon
        r.decayScale = decayScale
        r.amsgradMaximum = amsgradMaximum
        return r
    }
}
