/// The optimizers past AdamW as ``OptimizerSpec`` kinds: their trace names and fields (PyTorch's names
/// for the torch.optim ones; optax's meanings under the same naming style for lion, lamb and lars, with
/// `b1`/`b2` as `beta1`/`beta2`), defaults (each library's own) and validation.
extension OptimizerSpec {
    /// Builds a kind past AdamW from numeric fields (booleans as 0/1); a missing field takes the
    /// library's default. Structured fields are set afterwards (``settingStructured(_:_:)``).
    static func makePastAdamW(kind: OptimizerKind, fields f: [OptimizerField: Double]) -> OptimizerSpec {
        func flag(_ k: OptimizerField, _ d: Bool) -> Bool { f[k].map { $0 != 0 } ?? d }
        switch kind {
        case .radam:
            let o = RAdam()
            return .radam(RAdam(lr: f[.lr] ?? o.lr, beta1: f[.beta1] ?? o.beta1, beta2: f[.beta2] ?? o.beta2,
                                eps: f[.eps] ?? o.eps, weightDecay: f[.weightDecay] ?? o.weightDecay,
                                decoupledWeightDecay: flag(.decoupledWeightDecay, o.decoupledWeightDecay)))
        case .nadam:
            let o = NAdam()
            return .nadam(NAdam(lr: f[.lr] ?? o.lr, beta1: f[.beta1] ?? o.beta1, beta2: f[.beta2] ?? o.beta2,
                                eps: f[.eps] ?? o.eps, weightDecay: f[.weightDecay] ?? o.weightDecay,
                                momentumDecay: f[.momentumDecay] ?? o.momentumDecay,
                                decoupledWeightDecay: flag(.decoupledWeightDecay, o.decoupledWeightDecay)))
        case .adamax:
            let o = Adamax()
            return .adamax(Adamax(lr: f[.lr] ?? o.lr, beta1: f[.beta1] ?? o.beta1, beta2: f[.beta2] ?? o.beta2,
                                  eps: f[.eps] ?? o.eps, weightDecay: f[.weightDecay] ?? o.weightDecay))
        case .adafactor:
            let o = Adafactor()
            return .adafactor(Adafactor(lr: f[.lr] ?? o.lr, beta2Decay: f[.beta2Decay] ?? o.beta2Decay,
                                        eps1: f[.eps1] ?? o.eps1, eps2: f[.eps2] ?? o.eps2, d: f[.d] ?? o.d,
                                        weightDecay: f[.weightDecay] ?? o.weightDecay))
        case .muon:
            let o = Muon()
            return .muon(Muon(lr: f[.lr] ?? o.lr, weightDecay: f[.weightDecay] ?? o.weightDecay,
                              momentum: f[.momentum] ?? o.momentum, nesterov: flag(.nesterov, o.nesterov),
                              eps: f[.eps] ?? o.eps, nsSteps: f[.nsSteps].map { Int($0) } ?? o.nsSteps))
        case .lion:
            let o = Lion()
            return .lion(Lion(lr: f[.lr] ?? o.lr, beta1: f[.beta1] ?? o.beta1, beta2: f[.beta2] ?? o.beta2,
                              weightDecay: f[.weightDecay] ?? o.weightDecay))
        case .lamb:
            let o = LAMB()
            return .lamb(LAMB(lr: f[.lr] ?? o.lr, beta1: f[.beta1] ?? o.beta1, beta2: f[.beta2] ?? o.beta2,
                              eps: f[.eps] ?? o.eps, epsRoot: f[.epsRoot] ?? o.epsRoot,
                              weightDecay: f[.weightDecay] ?? o.weightDecay))
        case .lars:
            let o = LARS()
            return .lars(LARS(lr: f[.lr] ?? o.lr, weightDecay: f[.weightDecay] ?? o.weightDecay,
                              trustCoefficient: f[.trustCoefficient] ?? o.trustCoefficient, eps: f[.eps] ?? o.eps,
                              momentum: f[.momentum] ?? o.momentum, nesterov: flag(.nesterov, o.nesterov)))
        case .sgd, .adagrad, .rmsprop, .adam, .adamw:
            return make(kind: kind, fields: f)
        }
    }

    /// The numeric fields of a kind past AdamW, in display order (booleans as 0/1; `eps1` only when set,
    /// Muon's coefficients and lr adjustment left to ``jsonFields``).
    var pastAdamWFields: [(field: OptimizerField, value: Double)] {
        func b(_ x: Bool) -> Double { x ? 1 : 0 }
        switch self {
        case .radam(let o):
            return [(.lr, o.lr), (.beta1, o.beta1), (.beta2, o.beta2), (.eps, o.eps), (.weightDecay, o.weightDecay),
                    (.decoupledWeightDecay, b(o.decoupledWeightDecay))]
        case .nadam(let o):
            return [(.lr, o.lr), (.beta1, o.beta1), (.beta2, o.beta2), (.eps, o.eps), (.weightDecay, o.weightDecay),
                    (.momentumDecay, o.momentumDecay), (.decoupledWeightDecay, b(o.decoupledWeightDecay))]
        case .adamax(let o):
            return [(.lr, o.lr), (.beta1, o.beta1), (.beta2, o.beta2), (.eps, o.eps), (.weightDecay, o.weightDecay)]
        case .adafactor(let o):
            return [(.lr, o.lr), (.beta2Decay, o.beta2Decay)] + (o.eps1.map { [(.eps1, $0)] } ?? [])
                + [(.eps2, o.eps2), (.d, o.d), (.weightDecay, o.weightDecay)]
        case .muon(let o):
            return [(.lr, o.lr), (.weightDecay, o.weightDecay), (.momentum, o.momentum), (.nesterov, b(o.nesterov)),
                    (.eps, o.eps), (.nsSteps, Double(o.nsSteps))]
        case .lion(let o):
            return [(.lr, o.lr), (.beta1, o.beta1), (.beta2, o.beta2), (.weightDecay, o.weightDecay)]
        case .lamb(let o):
            return [(.lr, o.lr), (.beta1, o.beta1), (.beta2, o.beta2), (.eps, o.eps), (.epsRoot, o.epsRoot),
                    (.weightDecay, o.weightDecay)]
        case .lars(let o):
            return [(.lr, o.lr), (.weightDecay, o.weightDecay), (.trustCoefficient, o.trustCoefficient),
                    (.eps, o.eps), (.momentum, o.momentum), (.nesterov, b(o.nesterov))]
        default:
            return []
        }
    }

    /// The numeric fields with every value a step uses spelled out: ``fields``, with Adafactor's `eps1`
    /// given as the float64 epsilon 2⁻⁵² when it is unset (the dtype's epsilon, as `eps=(None, …)`).
    public var resolvedFields: [(field: OptimizerField, value: Double)] {
        guard case .adafactor(let o) = self, o.eps1 == nil else { return fields }
        var out = fields
        out.insert((.eps1, o.resolvedEps1), at: 2)
        return out
    }

    /// The optimizer's fields as trace JSON, in the kind's field order (booleans as booleans, `eps1`
    /// and `adjust_lr_fn` null when unset, `ns_coefficients` an array).
    public var jsonFields: [(key: String, value: JSONValue)] {
        let numeric = fieldValues
        return kind.fields.map { f in
            switch (self, f) {
            case (.adafactor(let o), .eps1): return (f.rawValue, o.eps1.map(JSONValue.number) ?? .null)
            case (.muon(let o), .nsCoefficients): return (f.rawValue, .array(o.nsCoefficients.map(JSONValue.number)))
            case (.muon(let o), .adjustLRFn): return (f.rawValue, o.adjustLR.map { .string($0.rawValue) } ?? .null)
            default:
                let x = numeric[f] ?? 0
                return (f.rawValue, f.isBoolean ? .bool(x != 0) : .number(x))
            }
        }
    }

    /// Sets a structured field from its JSON value, or says what is wrong with it.
    func settingStructured(_ field: OptimizerField, _ value: JSONValue) -> Result<OptimizerSpec, TraceFormatError> {
        let path = "optimizer.\(field)"
        switch (self, field, value) {
        case (.adafactor(var o), .eps1, .null): o.eps1 = nil; return .success(.adafactor(o))
        case (.adafactor(var o), .eps1, .number(let x)):
            guard x >= 0 else { return .failure(TraceFormatError(field: path, message: "must not be negative, got \(x)")) }
            o.eps1 = x; return .success(.adafactor(o))
        case (.adafactor, .eps1, _):
            return .failure(TraceFormatError(field: path, message: "expected a number or null (the dtype's epsilon), found \(value.typeName)"))
        case (.muon(var o), .nsCoefficients, .array(let items)):
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            guard items.count == 3, numbers.count == 3 else {
                return .failure(TraceFormatError(field: path, message: "expected three numbers (a, b, c)"))
            }
            o.nsCoefficients = numbers; return .success(.muon(o))
        case (.muon, .nsCoefficients, _):
            return .failure(TraceFormatError(field: path, message: "expected three numbers (a, b, c), found \(value.typeName)"))
        case (.muon(var o), .adjustLRFn, .null): o.adjustLR = nil; return .success(.muon(o))
        case (.muon(var o), .adjustLRFn, .string(let s)):
            guard let a = MuonLRAdjustment(rawValue: s) else {
                return .failure(TraceFormatError(field: path, message: "unknown \"\(s)\" (expected null, \(MuonLRAdjustment.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            o.adjustLR = a; return .success(.muon(o))
        case (.muon, .adjustLRFn, _):
            return .failure(TraceFormatError(field: path, message: "expected null or a string, found \(value.typeName)"))
        default:
            return .failure(TraceFormatError(field: path, message: "not a field of \(name)"))
        }
    }

    /// Why a numeric field's value is out of range for `kind`, or nil when it is valid.
    static func rangeProblem(kind: OptimizerKind, field: OptimizerField, value x: Double) -> String? {
        switch field {
        case .beta2Decay: return x <= 0 ? nil : "must be at most 0 (β̂ₜ = 1 − t^beta2_decay), got \(x)"
        case .d: return x >= 1 ? nil : "must be at least 1 (the update's RMS clip), got \(x)"
        case .nsSteps:
            guard x == x.rounded(), x >= 0 else { return "expected a whole number ≥ 0, got \(x)" }
            return x < 100 ? nil : "must be less than 100 (as torch.optim.Muon), got \(Int(x))"
        default: break
        }
        guard x >= 0 else { return "must not be negative, got \(x)" }
        if field.isAveragingRate || field == .dampening {
            guard x < 1 || (field == .dampening && x <= 1) else { return "must be in [0, 1), got \(x)" }
        }
        return nil
    }

    /// True when every element's step depends only on its own gradient and state, so the tensors can
    /// run as one flat vector; false for the kinds that look at a tensor's shape or norm.
    public var isElementwise: Bool {
        switch self {
        case .adafactor, .muon, .lamb, .lars: false
        default: true
        }
    }

    /// True for Muon, which updates 2-D tensors only.
    public var requiresMatrices: Bool {
        if case .muon = self { return true }
        return false
    }
}
