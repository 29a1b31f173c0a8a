/// An optimizer as data: its kind and hyperparameters with PyTorch's field names. This is the
/// `"optimizer"` object of a trace, and what any file naming an optimizer holds.
public enum OptimizerSpec: Sendable, Equatable {
    case sgd(SGD)
    case adagrad(AdaGrad)
    case rmsprop(RMSProp)
    case adam(AdamHyperparameters)
    case adamw(AdamHyperparameters)
    case radam(RAdam)
    case nadam(NAdam)
    case adamax(Adamax)
    case adafactor(Adafactor)
    case muon(Muon)
    case lion(Lion)
    case lamb(LAMB)
    case lars(LARS)

    /// Which optimizer this is.
    public var kind: OptimizerKind {
        switch self {
        case .sgd: .sgd
        case .adagrad: .adagrad
        case .rmsprop: .rmsprop
        case .adam: .adam
        case .adamw: .adamw
        case .radam: .radam
        case .nadam: .nadam
        case .adamax: .adamax
        case .adafactor: .adafactor
        case .muon: .muon
        case .lion: .lion
        case .lamb: .lamb
        case .lars: .lars
        }
    }

    /// The kind's trace name.
    public var name: String { kind.rawValue }

    /// The base (peak) learning rate.
    public var lr: Double {
        get {
            switch self {
            case .sgd(let o): o.lr
            case .adagrad(let o): o.lr
            case .rmsprop(let o): o.lr
            case .adam(let h), .adamw(let h): h.lr
            case .radam(let o): o.lr
            case .nadam(let o): o.lr
            case .adamax(let o): o.lr
            case .adafactor(let o): o.lr
            case .muon(let o): o.lr
            case .lion(let o): o.lr
            case .lamb(let o): o.lr
            case .lars(let o): o.lr
            }
        }
        set {
            switch self {
            case .sgd(var o): o.lr = newValue; self = .sgd(o)
            case .adagrad(var o): o.lr = newValue; self = .adagrad(o)
            case .rmsprop(var o): o.lr = newValue; self = .rmsprop(o)
            case .adam(var h): h.lr = newValue; self = .adam(h)
            case .adamw(var h): h.lr = newValue; self = .adamw(h)
            case .radam(var o): o.lr = newValue; self = .radam(o)
            case .nadam(var o): o.lr = newValue; self = .nadam(o)
            case .adamax(var o): o.lr = newValue; self = .adamax(o)
            case .adafactor(var o): o.lr = newValue; self = .adafactor(o)
            case .muon(var o): o.lr = newValue; self = .muon(o)
            case .lion(var o): o.lr = newValue; self = .lion(o)
            case .lamb(var o): o.lr = newValue; self = .lamb(o)
            case .lars(var o): o.lr = newValue; self = .lars(o)
            }
        }
    }

    /// Builds a spec from field values; a missing field takes `convention`'s default for that kind (the
    /// library's own default past AdamW). Numbers for boolean fields are read as `!= 0`; fields the kind
    /// does not take are ignored (rejecting them is the caller's, see ``OptimizerKind/fields``).
    public static func make(kind: OptimizerKind, fields: [OptimizerField: Double], convention: Convention = .pytorch) -> OptimizerSpec {
        func value(_ f: OptimizerField) -> Double? { fields[f] ?? convention.defaultValue(kind: kind, field: f) }
        func number(_ f: OptimizerField) -> Double { value(f) ?? 0 }
        func flag(_ f: OptimizerField) -> Bool { (value(f) ?? 0) != 0 }
        switch kind {
        case .sgd:
            return .sgd(SGD(lr: number(.lr), momentum: number(.momentum), dampening: number(.dampening),
                            weightDecay: number(.weightDecay), nesterov: flag(.nesterov)))
        case .adagrad:
            return .adagrad(AdaGrad(lr: number(.lr), lrDecay: number(.lrDecay), weightDecay: number(.weightDecay),
                                    initialAccumulatorValue: number(.initialAccumulatorValue), eps: number(.eps)))
        case .rmsprop:
            return .rmsprop(RMSProp(lr: number(.lr), alpha: number(.alpha), eps: number(.eps),
                                    weightDecay: number(.weightDecay), momentum: number(.momentum),
                                    centered: flag(.centered)))
        case .adam, .adamw:
            let h = AdamHyperparameters(lr: number(.lr), beta1: number(.beta1), beta2: number(.beta2),
                                        eps: number(.eps), weightDecay: number(.weightDecay), amsgrad: flag(.amsgrad))
            return kind == .adam ? .adam(h) : .adamw(h)
        case .radam, .nadam, .adamax, .adafactor, .muon, .lion, .lamb, .lars:
            return makePastAdamW(kind: kind, fields: fields)
        }
    }

    /// ``fields`` by field, e.g. to change one and ``make(kind:fields:convention:)`` again.
    public var fieldValues: [OptimizerField: Double] {
        Dictionary(fields.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The hyperparameters as (field, value) pairs in display order; booleans as 0/1.
    public var fields: [(field: OptimizerField, value: Double)] {
        func b(_ x: Bool) -> Double { x ? 1 : 0 }
        switch self {
        case .sgd(let o):
            return [(.lr, o.lr), (.momentum, o.momentum), (.dampening, o.dampening),
                    (.weightDecay, o.weightDecay), (.nesterov, b(o.nesterov))]
        case .adagrad(let o):
            return [(.lr, o.lr), (.lrDecay, o.lrDecay), (.weightDecay, o.weightDecay),
                    (.initialAccumulatorValue, o.initialAccumulatorValue), (.eps, o.eps)]
        case .rmsprop(let o):
            return [(.lr, o.lr), (.alpha, o.alpha), (.eps, o.eps), (.weightDecay, o.weightDecay),
                    (.momentum, o.momentum), (.centered, b(o.centered))]
        case .adam(let h), .adamw(let h):
            return [(.lr, h.lr), (.beta1, h.beta1), (.beta2, h.beta2), (.eps, h.eps),
                    (.weightDecay, h.weightDecay), (.amsgrad, b(h.amsgrad))]
        default:
            return pastAdamWFields
        }
    }

    /// Rules for the Adam family under a convention and a set of mistakes (nil for other kinds).
    public func adamStep(variant: Variant) -> AdamStep? {
        let h: AdamHyperparameters, style: WeightDecayStyle
        switch self {
        case .adam(let x): h = x; style = .coupledL2
        case .adamw(let x): h = x; style = .decoupled
        default: return nil
        }
        var rules = variant.convention.adamRules(weightDecay: style)
        for mistake in variant.mistakes { rules = mistake.apply(to: rules) }
        return AdamStep(hyperparameters: h, rules: rules)
    }

    /// A fresh optimizer run over `count` scalars under `variant` (a 1-D tensor for the kinds that
    /// look at shapes).
    public func makeRun(count: Int, variant: Variant = Variant()) -> AnyOptimizerRun {
        makeRun(shape: [count], variant: variant)
    }

    /// A fresh optimizer run over one tensor of `shape` (row-major) under `variant`. Conventions and
    /// mistakes change the PyTorch kinds SGD to AdamW; known mistakes change Lion and Adafactor too; the
    /// other kinds past AdamW follow their own library exactly.
    public func makeRun(shape: [Int], variant: Variant = Variant()) -> AnyOptimizerRun {
        let count = shape.reduce(1, *)
        let c = variant.convention
        switch self {
        case .sgd(var o): o.rules = c.sgdRules; variant.mistakes.forEach { $0.apply(to: &o) }; return AnyOptimizerRun(o, count: count)
        case .adagrad(var o): o.epsilon = c.adagradEpsilon; variant.mistakes.forEach { $0.apply(to: &o) }; return AnyOptimizerRun(o, count: count)
        case .rmsprop(var o): o = o.following(c); variant.mistakes.forEach { $0.apply(to: &o) }; return AnyOptimizerRun(o, count: count)
        case .adam, .adamw:
            let core = adamStep(variant: variant)!
            return AnyOptimizerRun(AdamW(core: core), count: count)
        case .radam(let o): return AnyOptimizerRun(o, count: count)
        case .nadam(let o): return AnyOptimizerRun(o, count: count)
        case .adamax(let o): return AnyOptimizerRun(o, count: count)
        case .lion(var o): variant.mistakes.forEach { $0.apply(to: &o) }; return AnyOptimizerRun(o, count: count)
        case .adafactor(var o):
            variant.mistakes.forEach { $0.apply(to: &o) }
            return AnyOptimizerRun(OnTensor(o, shape: shape), count: count)
        case .muon(let o): return AnyOptimizerRun(OnTensor(o, shape: shape), count: count)
        case .lamb(let o): return AnyOptimizerRun(OnTensor(o, shape: shape), count: count)
        case .lars(let o): return AnyOptimizerRun(OnTensor(o, shape: shape), count: count)
        }
    }
}

/// Which engine computes a run: the correct PyTorch semantics by default, another library's
/// conventions, and any known mistakes on top.
public struct Variant: Sendable, Equatable {
    public var convention: Convention
    public var mistakes: [KnownMistake]
    public init(convention: Convention = .pytorch, mistakes: [KnownMistake] = []) {
        self.convention = convention; self.mistakes = mistakes
    }
    public static let correct = Variant()
    public static func mistake(_ m: KnownMistake) -> Variant { Variant(mistakes: [m]) }
}
