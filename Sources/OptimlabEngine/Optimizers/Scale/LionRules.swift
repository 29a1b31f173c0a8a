/// The exact rules a Lion step follows. The defaults are optax's; each other value is a known mistake
/// (``KnownMistake``), so one loop computes the correct step and every way of getting it wrong.
public struct LionRules: Sendable, Equatable {
    /// The betas' roles swapped: the sign of (1−β₂)g + β₂m, and m ← (1−β₁)g + β₁m.
    public var swapsBetas = false
    /// Heavy-ball order: m ← (1−β₂)g + β₂m first, then u = sign(m) of the new m, instead of the sign of
    /// the β₁ interpolation with the old m.
    public var updatesMomentumFirst = false
    /// What sign(0) is taken as: 0 (optax, `torch.sign`); `c >= 0 ? 1 : -1` makes it +1.
    public var signOfZero: Double = 0
    /// What λ is multiplied by: lr (θ ← θ − lr·(u + λθ)), or nothing (θ ← θ − lr·u − λθ).
    public var decayScale: DecayScale = .learningRate

    public init() {}
}
