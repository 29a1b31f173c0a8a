/// The optimizers past AdamW as ``OptimizerSpec`` kinds: their trace names and fields (PyTorch's names
/// for the torch.optim ones; optax's meanings under the same naming style for lion, lamb and lars, with
/// `b1`/`b2` as `beta1`/`beta2`), defaults (each library's own) and validation.
extension OptimizerSpec {
    /// The kinds past AdamW.
    public static let scaleKinds = ["radam", "nadam", "adamax", "adafactor", "muon", "lion", "lamb", "lars"]

    /// Fields whose JSON value is not a plain number or boolean: `eps1` (a number or null), and Muon's
    /// `ns_coefficients` (three numbers) and `adjust_lr_fn` (null or a string).
    public static let structuredFields: Set<String> = ["eps1", "ns_coefficients", "adjust_lr_fn"]

    static func scaleFieldNames(of kind: String) -> [String]? {
        switch kind {
        case "radam": ["lr", "beta1", "beta2", "eps", "weight_decay", "decoupled_weight_decay"]
        case "nadam": ["lr", "beta1", "beta2", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay"]
        case "adamax": ["lr", "beta1", "beta2", "eps", "weight_decay"]
        case "adafactor": ["lr", "beta2_decay", "eps1", "eps2", "d", "weight_decay"]
        case "muon": ["lr", "weight_decay", "momentum", "nesterov", "ns_coefficients", "eps", "ns_steps", "adjust_lr_fn"]
        case "lion": ["lr", "beta1", "beta2", "weight_decay"]
        case "lamb": ["lr", "beta1", "beta2", "eps", "eps_root", "weight_decay"]
        case "lars": ["lr", "weight_decay", "trust_coefficient", "eps", "momentum", "nesterov"]
        default: nil
        }
    }

    /// Builds a kind past AdamW from numeric fields (booleans as 0/1); a missing field takes the
    /// library's default. Structured fields are set afterwards (``settingStructured(_:_:)``).
    static func makeScale(kind: String, fields f: [String: Double]) -> OptimizerSpec? {
        func flag(_ k: String, _ d: Bool) -> Bool { f[k].map { $0 != 0 } ?? d }
        switch kind {
        case "radam":
            let o = RAdam()
            return .radam(RAdam(lr: f["lr"] ?? o.lr, beta1: f["beta1"] ?? o.beta1, beta2: f["beta2"] ?? o.beta2,
                                eps: f["eps"] ?? o.eps, weightDecay: f["weight_decay"] ?? o.weightDecay,
                                decoupledWeightDecay: flag("decoupled_weight_decay", o.decoupledWeightDecay)))
        case "nadam":
            let o = NAdam()
            return .nadam(NAdam(lr: f["lr"] ?? o.lr, beta1: f["beta1"] ?? o.beta1, beta2: f["beta2"] ?? o.beta2,
                                eps: f["eps"] ?? o.eps, weightDecay: f["weight_decay"] ?? o.weightDecay,
                                momentumDecay: f["momentum_decay"] ?? o.momentumDecay,
                                decoupledWeightDecay: flag("decoupled_weight_decay", o.decoupledWeightDecay)))
        case "adamax":
            let o = Adamax()
            return .adamax(Adamax(lr: f["lr"] ?? o.lr, beta1: f["beta1"] ?? o.beta1, beta2: f["beta2"] ?? o.beta2,
                                  eps: f["eps"] ?? o.eps, weightDecay: f["weight_decay"] ?? o.weightDecay))
        case "adafactor":
            let o = Adafactor()
            return .adafactor(Adafactor(lr: f["lr"] ?? o.lr, beta2Decay: f["beta2_decay"] ?? o.beta2Decay,
                                        eps1: f["eps1"] ?? o.eps1, eps2: f["eps2"] ?? o.eps2, d: f["d"] ?? o.d,
                                        weightDecay: f["weight_decay"] ?? o.weightDecay))
        case "muon":
            let o = Muon()
            return .muon(Muon(lr: f["lr"] ?? o.lr, weightDecay: f["weight_decay"] ?? o.weightDecay,
                              momentum: f["momentum"] ?? o.momentum, nesterov: flag("nesterov", o.nesterov),
                              eps: f["eps"] ?? o.eps, nsSteps: f["ns_steps"].map { Int($0) } ?? o.nsSteps))
        case "lion":
            let o = Lion()
            return .lion(Lion(lr: f["lr"] ?? o.lr, beta1: f["beta1"] ?? o.beta1, beta2: f["beta2"] ?? o.beta2,
                              weightDecay: f["weight_decay"] ?? o.weightDecay))
        case "lamb":
            let o = LAMB()
            return .lamb(LAMB(lr: f["lr"] ?? o.lr, beta1: f["beta1"] ?? o.beta1, beta2: f["beta2"] ?? o.beta2,
                              eps: f["eps"] ?? o.eps, epsRoot: f["eps_root"] ?? o.epsRoot,
                              weightDecay: f["weight_decay"] ?? o.weightDecay))
        case "lars":
            let o = LARS()
            return .lars(LARS(lr: f["lr"] ?? o.lr, weightDecay: f["weight_decay"] ?? o.weightDecay,
                              trustCoefficient: f["trust_coefficient"] ?? o.trustCoefficient, eps: f["eps"] ?? o.eps,
                              momentum: f["momentum"] ?? o.momentum, nesterov: flag("nesterov", o.nesterov)))
        default:
            return nil
        }
    }

    /// The numeric fields of a kind past AdamW, in display order (booleans as 0/1; `eps1` only when set,
    /// Muon's coefficients and lr adjustment left to ``jsonFields``).
    var scaleFields: [(name: String, value: Double)] {
        func b(_ x: Bool) -> Double { x ? 1 : 0 }
        switch self {
        case .radam(let o):
            return [("lr", o.lr), ("beta1", o.beta1), ("beta2", o.beta2), ("eps", o.eps), ("weight_decay", o.weightDecay),
                    ("decoupled_weight_decay", b(o.decoupledWeightDecay))]
        case .nadam(let o):
            return [("lr", o.lr), ("beta1", o.beta1), ("beta2", o.beta2), ("eps", o.eps), ("weight_decay", o.weightDecay),
                    ("momentum_decay", o.momentumDecay), ("decoupled_weight_decay", b(o.decoupledWeightDecay))]
        case .adamax(let o):
            return [("lr", o.lr), ("beta1", o.beta1), ("beta2", o.beta2), ("eps", o.eps), ("weight_decay", o.weightDecay)]
        case .adafactor(let o):
            return [("lr", o.lr), ("beta2_decay", o.beta2Decay)] + (o.eps1.map { [("eps1", $0)] } ?? [])
                + [("eps2", o.eps2), ("d", o.d), ("weight_decay", o.weightDecay)]
        case .muon(let o):
            return [("lr", o.lr), ("weight_decay", o.weightDecay), ("momentum", o.momentum), ("nesterov", b(o.nesterov)),
                    ("eps", o.eps), ("ns_steps", Double(o.nsSteps))]
        case .lion(let o):
            return [("lr", o.lr), ("beta1", o.beta1), ("beta2", o.beta2), ("weight_decay", o.weightDecay)]
        case .lamb(let o):
            return [("lr", o.lr), ("beta1", o.beta1), ("beta2", o.beta2), ("eps", o.eps), ("eps_root", o.epsRoot),
                    ("weight_decay", o.weightDecay)]
        case .lars(let o):
            return [("lr", o.lr), ("weight_decay", o.weightDecay), ("trust_coefficient", o.trustCoefficient),
                    ("eps", o.eps), ("momentum", o.momentum), ("nesterov", b(o.nesterov))]
        default:
            return []
        }
    }

    /// The numeric fields with every value a step uses spelled out: ``fields``, with Adafactor's `eps1`
    /// given as the float64 epsilon 2⁻⁵² when it is unset (the dtype's epsilon, as `eps=(None, …)`).
    public var resolvedFields: [(name: String, value: Double)] {
        guard case .adafactor(let o) = self, o.eps1 == nil else { return fields }
        var out = fields
        out.insert(("eps1", o.resolvedEps1), at: 2)
        return out
    }

    /// The optimizer's fields as trace JSON, in the kind's field order (booleans as booleans, `eps1`
    /// and `adjust_lr_fn` null when unset, `ns_coefficients` an array).
    public var jsonFields: [(key: String, value: JSONValue)] {
        let numeric = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return (Self.fieldNames(of: name) ?? []).map { f in
            switch (self, f) {
            case (.adafactor(let o), "eps1"): return (f, o.eps1.map(JSONValue.number) ?? .null)
            case (.muon(let o), "ns_coefficients"): return (f, .array(o.nsCoefficients.map(JSONValue.number)))
            case (.muon(let o), "adjust_lr_fn"): return (f, o.adjustLR.map { .string($0.rawValue) } ?? .null)
            default:
                let x = numeric[f] ?? 0
                return (f, Self.booleanFields.contains(f) ? .bool(x != 0) : .number(x))
            }
        }
    }

    /// Sets a structured field from its JSON value, or says what is wrong with it.
    func settingStructured(_ field: String, _ value: JSONValue) -> Result<OptimizerSpec, TraceFormatError> {
        let path = "optimizer.\(field)"
        switch (self, field, value) {
        case (.adafactor(var o), "eps1", .null): o.eps1 = nil; return .success(.adafactor(o))
        case (.adafactor(var o), "eps1", .number(let x)):
            guard x >= 0 else { return .failure(TraceFormatError(field: path, message: "must not be negative, got \(x)")) }
            o.eps1 = x; return .success(.adafactor(o))
        case (.adafactor, "eps1", _):
            return .failure(TraceFormatError(field: path, message: "expected a number or null (the dtype's epsilon), found \(value.typeName)"))
        case (.muon(var o), "ns_coefficients", .array(let items)):
            let numbers = items.compactMap { if case .number(let x) = $0 { x } else { nil } }
            guard items.count == 3, numbers.count == 3 else {
                return .failure(TraceFormatError(field: path, message: "expected three numbers (a, b, c)"))
            }
            o.nsCoefficients = numbers; return .success(.muon(o))
        case (.muon, "ns_coefficients", _):
            return .failure(TraceFormatError(field: path, message: "expected three numbers (a, b, c), found \(value.typeName)"))
        case (.muon(var o), "adjust_lr_fn", .null): o.adjustLR = nil; return .success(.muon(o))
        case (.muon(var o), "adjust_lr_fn", .string(let s)):
            guard let a = MuonLRAdjustment(rawValue: s) else {
                return .failure(TraceFormatError(field: path, message: "unknown \"\(s)\" (expected null, \(MuonLRAdjustment.allCases.map(\.rawValue).joined(separator: ", ")))"))
            }
            o.adjustLR = a; return .success(.muon(o))
        case (.muon, "adjust_lr_fn", _):
            return .failure(TraceFormatError(field: path, message: "expected null or a string, found \(value.typeName)"))
        default:
            return .failure(TraceFormatError(field: path, message: "not a field of \(name)"))
        }
    }

    /// Why a numeric field's value is out of range for `kind`, or nil when it is valid.
    static func rangeProblem(kind: String, field: String, value x: Double) -> String? {
        switch field {
        case "beta2_decay": return x <= 0 ? nil : "must be at most 0 (β̂ₜ = 1 − t^beta2_decay), got \(x)"
        case "d": return x >= 1 ? nil : "must be at least 1 (the update's RMS clip), got \(x)"
        case "ns_steps":
            guard x == x.rounded(), x >= 0 else { return "expected a whole number ≥ 0, got \(x)" }
            return x < 100 ? nil : "must be less than 100 (as torch.optim.Muon), got \(Int(x))"
        default: break
        }
        guard x >= 0 else { return "must not be negative, got \(x)" }
        if field.hasPrefix("beta") || field == "alpha" || field == "momentum" || field == "dampening" {
            guard x < 1 || (field == "dampening" && x <= 1) else { return "must be in [0, 1), got \(x)" }
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
