/// Where ε enters Adam's denominator. Three forms circulate, and they differ by up to a factor of
/// 1/√(1−β₂ᵗ) (31.6 at t = 1 with β₂ = 0.999) in ε's effective size.
public enum EpsilonPlacement: String, Sendable, Equatable, CaseIterable {
    /// `√v̂ + ε`: Kingma & Ba's Algorithm 1, PyTorch, optax (`eps_root = 0`).
    case afterBiasCorrectedRoot = "after-bias-corrected-root"
    /// `√v + ε̂` with the bias corrections folded into the step size αₜ = α·√(1−β₂ᵗ)/(1−β₁ᵗ):
    /// the paper's "efficient" form, Keras, TensorFlow.
    case afterRawRoot = "after-raw-root"
    /// `√(v̂ + ε)`: ε inside the square root.
    case insideRoot = "inside-root"
}

/// How weight decay enters an Adam-family step.
public enum WeightDecayStyle: String, Sendable, Equatable {
    /// L2: `g ← g + λθ` before the moments (PyTorch `Adam(weight_decay=λ)`).
    case coupledL2 = "coupled-l2"
    /// Decoupled: `θ ← θ·(1 − lr·λ)` outside the adaptive update (PyTorch `AdamW`).
    case decoupled
}

/// What the decoupled decay rate λ is multiplied by.
public enum DecayScale: String, Sendable, Equatable {
    /// `θ ← θ·(1 − lr·λ)`: PyTorch, optax, Keras.
    case learningRate = "learning-rate"
    /// `θ ← θ − ηₜ·λ·θ` with ηₜ = lr/base lr, the schedule multiplier: Loshchilov & Hutter, Algorithm 2.
    case scheduleMultiplier = "schedule-multiplier"
    /// `θ ← θ·(1 − λ)`: λ alone (the "not multiplied by lr" mistake).
    case unscaled
}

/// When the decoupled decay is applied relative to the adaptive update.
public enum DecayTiming: String, Sendable, Equatable {
    /// `θ ← θ(1−lr·λ)`, then `θ ← θ − lr·u`: decay uses θₜ₋₁ (PyTorch, the paper).
    case beforeUpdate = "before-update"
    /// `θ ← (θ − lr·u)(1−lr·λ)`: off by lr²·λ·u, visible only with a large lr·λ.
    case afterUpdate = "after-update"
}

/// Which second moment AMSGrad keeps the running maximum of.
public enum AMSGradMaximum: String, Sendable, Equatable {
    /// max over raw v, then bias-correct the max (PyTorch, Keras).
    case raw
    /// max over bias-corrected v̂ (optax).
    case biasCorrected = "bias-corrected"
}

/// The exact rules an Adam-family step follows. The defaults are PyTorch's; library conventions
/// (``Convention``) and known mistakes (``KnownMistake``) are expressed as changes to these rules, so
/// one kernel computes all of them and the differences are visible field by field.
public struct AdamRules: Sendable, Equatable {
    public var weightDecay: WeightDecayStyle
    public var decayScale: DecayScale = .learningRate
    public var decayTiming: DecayTiming = .beforeUpdate
    public var epsilon: EpsilonPlacement = .afterBiasCorrectedRoot
    /// Divide m by 1−β₁ᵗ.
    public var correctsFirstMoment = true
    /// Divide v by 1−β₂ᵗ.
    public var correctsSecondMoment = true
    /// Added to the step counter t used in the bias corrections; −1 models a counter starting at 0.
    public var stepOffset = 0
    /// Use β₂ where β₁ belongs and vice versa.
    public var swapsBetas = false
    public var amsgradMaximum: AMSGradMaximum = .raw

    public init(weightDecay: WeightDecayStyle) { self.weightDecay = weightDecay }
}
