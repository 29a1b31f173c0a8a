import OptimlabEngine

/// What an exercise's reference is, named by what the engine knows: an optimizer kind (any
/// ``OptimizerKind``), a schedule the student computes, global-norm clipping, or a combination
/// (a training step: clip, schedule, optimizer). The cases give the numbers.
public struct ExerciseReference: Sendable, Equatable {
    /// The optimizer kind the student implements (trace names: `sgd`, `rmsprop`, `adamw`, …).
    public var optimizer: OptimizerKind?
    /// A schedule the student computes (`warmup_cosine`, `multistep`, …): alone, the lr of every
    /// update is graded; with an optimizer, the student applies it inside the step.
    public var schedule: String?
    /// The student clips gradients by their global norm (`clip_grad_norm_`): alone, the clipped
    /// gradients and the returned norm are graded; with an optimizer, clipping comes first.
    public var clipsGradients = false
    /// Parameter groups: tensors whose name contains one of these take no weight decay.
    public var noDecay: [String]?
    /// The batch-size scaling of a schedule's peak lr and step counts (the linear scaling rule).
    public var scaling: BatchScaling?

    public init(optimizer: OptimizerKind? = nil, schedule: String? = nil, clipsGradients: Bool = false,
                noDecay: [String]? = nil, scaling: BatchScaling? = nil) {
        self.optimizer = optimizer; self.schedule = schedule; self.clipsGradients = clipsGradients
        self.noDecay = noDecay; self.scaling = scaling
    }

    /// The reference's one-word name when it is a single thing (`rmsprop`, `warmup_cosine`,
    /// `clip_grad_norm`), as `reference:` and `new-exercise --reference` write it; nil for a combination.
    public var name: String? {
        guard noDecay == nil, scaling == nil else { return nil }
        switch (optimizer, schedule, clipsGradients) {
        case (let o?, nil, false): return o.rawValue
        case (nil, let s?, false): return s
        case (nil, nil, true): return "clip_grad_norm"
        default: return nil
        }
    }

    /// What the submission reports after each step.
    public enum Output: Sendable, Equatable {
        /// The params, flattened in the case's tensor order.
        case params
        /// The learning rate of the update.
        case learningRate
        /// The clipped gradients, flattened, then the norm the function returned.
        case clippedGradients
    }

    public var output: Output {
        optimizer != nil ? .params : schedule != nil ? .learningRate : .clippedGradients
    }

    /// The hyperparameter names a case of this reference can give the student's code.
    public var hyperparameterNames: [String] {
        var names = optimizer?.fields.map(\.rawValue) ?? ["lr"]
        if clipsGradients { names.append("max_norm") }
        if let schedule { names += ScheduleSpec.fields(of: schedule) ?? [] }
        if scaling != nil { names += ["base_batch", "new_batch"] }
        return names
    }

    /// Whether tensor `name` takes weight decay under the parameter groups.
    public func decays(_ name: String) -> Bool {
        !(noDecay ?? []).contains { name.contains($0) }
    }

    /// The engine's parameter groups this reference runs tensors `names` in under `optimizer`
    /// (``ParamGroup/decaySplit(names:optimizer:decays:)`` by the `no_decay` names), or nil when it
    /// has no groups (no `no_decay`, or an empty one: every tensor decays).
    public func paramGroups(names: [String], optimizer: OptimizerSpec) -> [ParamGroup]? {
        guard let noDecay, !noDecay.isEmpty else { return nil }
        return ParamGroup.decaySplit(names: names, optimizer: optimizer, decays: decays)
    }
}

/// The linear scaling rule (Goyal et al.) or the square-root rule, applied to a schedule: at batch
/// `new` instead of `base`, the peak lr is scaled by k = new/base (or √k), and step counts measured in
/// examples (warmup, total) shrink to W·base/new steps.
public struct BatchScaling: Sendable, Equatable {
    public enum Rule: String, Sendable, Equatable { case linear, sqrt }
    public var rule: Rule
    /// Whether warmup and total steps are rescaled to keep the number of examples.
    public var rescalesSteps: Bool
    public init(rule: Rule = .linear, rescalesSteps: Bool = true) { self.rule = rule; self.rescalesSteps = rescalesSteps }

    /// The schedule and peak at batch `new`, from the recipe at batch `base`.
    public func scaled(_ schedule: ScheduleSpec, peak: Double, base: Int, new: Int) -> (ScheduleSpec, Double) {
        let lr = rule == .linear ? Analysis.linearScaledLR(baseLR: peak, baseBatch: base, newBatch: new)
            : Analysis.sqrtScaledLR(baseLR: peak, baseBatch: base, newBatch: new)
        guard rescalesSteps else { return (schedule, lr) }
        func steps(_ n: Int) -> Int { Analysis.scaledWarmupSteps(baseWarmup: n, baseBatch: base, newBatch: new) }
        switch schedule {
        case let .warmupCosine(w, t, m): return (.warmupCosine(warmupSteps: steps(w), totalSteps: steps(t), minLR: m), lr)
        case let .warmupLinear(w, t, m): return (.warmupLinear(warmupSteps: steps(w), totalSteps: steps(t), minLR: m), lr)
        case let .cosine(t, m): return (.cosine(totalSteps: steps(t), minLR: m), lr)
        case let .inverseSqrt(w): return (.inverseSqrt(warmupSteps: steps(w)), lr)
        default: return (schedule, lr)
        }
    }
}
