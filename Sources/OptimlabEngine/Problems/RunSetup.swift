/// One training run of an experiment, as data: the optimizer, an optional schedule and clipping, and
/// the engine variant (known mistakes) to run under.
public struct RunSetup: Sendable, Equatable {
    public var label: String
    public var optimizer: OptimizerSpec
    /// The schedule; its peak is the optimizer's lr, as in a trace.
    public var schedule: ScheduleSpec?
    public var clipNorm: Double?
    public var variant: Variant

    public init(label: String, optimizer: OptimizerSpec, schedule: ScheduleSpec? = nil, clipNorm: Double? = nil,
                variant: Variant = .correct) {
        self.label = label; self.optimizer = optimizer; self.schedule = schedule
        self.clipNorm = clipNorm; self.variant = variant
    }

    /// What runs, in one short ASCII line (so plain-text tables stay aligned): optimizer, lr, β₂ and
    /// decay for Adam, the schedule, clipping and any known mistake, e.g. `adam lr=0.01 beta2=0.95`,
    /// `sgd lr=0.5 clip=1`, `adamw lr=0.05 beta2=0.999 wd=0.1 coupled-weight-decay`.
    public var summary: String {
        var parts: [String] = []
        switch optimizer {
        case .sgd(let o):
            parts.append(o.momentum > 0 ? "sgd momentum=\(Self.short(o.momentum))" : "sgd")
            parts.append("lr=\(Self.short(o.lr))")
            if o.weightDecay != 0 { parts.append("L2=\(Self.short(o.weightDecay))") }
        case .adam(let h), .adamw(let h):
            parts.append(optimizer.name)
            parts.append("lr=\(Self.short(h.lr))")
            parts.append("beta2=\(Self.short(h.beta2))")
            if h.weightDecay != 0 { parts.append("wd=\(Self.short(h.weightDecay))") }
        default:
            parts.append(optimizer.name)
            parts.append("lr=\(Self.short(optimizer.lr))")
        }
        switch schedule {
        case nil, .constant?: break
        case let .warmupCosine(w, _, _)?: parts.append("warmup \(w) + cosine")
        case let .warmupLinear(w, _, _)?: parts.append(w == 0 ? "linear decay, no warmup" : "warmup \(w) + linear")
        case .cosine?: parts.append("cosine, no warmup")
        case let s?: parts.append(s.name)
        }
        if let c = clipNorm { parts.append("clip=\(Self.short(c))") }
        parts += variant.mistakes.map(\.rawValue)
        return parts.joined(separator: " ")
    }

    static func short(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : "\(x)"
    }
}
