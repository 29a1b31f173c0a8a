/// The exact rules an Adafactor step follows. The defaults are `torch.optim.Adafactor`'s; each other
/// value is a known mistake (``KnownMistake``), so one loop computes the correct step and every way of
/// getting it wrong.
public struct AdafactorRules: Sendable, Equatable {
    /// Where ε₁ enters the update's denominator.
    public enum Eps1Placement: String, Sendable, Equatable {
        /// u = g / √max(v̂, ε₁²): v̂ clamped from below (torch).
        case clampsEstimate = "clamps-estimate"
        /// u = g / (√v̂ + ε₁): added to the root, as Adam adds its ε.
        case addedToRoot = "added-to-root"
    }

    /// A matrix keeps row and column statistics (R + C numbers); false keeps the full R·C second
    /// moment of a vector for every tensor (the unfactored v).
    public var factorsMatrices = true
    /// v̂ = r sᵀ / max(mean(r), ε₁); false leaves out the division by the row mean (v̂ = r sᵀ).
    public var normalisesByRowMean = true
    public var eps1Placement: Eps1Placement = .clampsEstimate
    /// The relative step size αₜ = max(ε₂, RMS(θ))·ρₜ; false steps by ρₜ alone.
    public var relativeStep = true
    /// The update is divided by max(1, RMS(u)/d); false never clips it.
    public var clipsUpdate = true
    /// What λ is multiplied by: lr (θ ← θ·(1 − lr·λ)), or nothing (θ ← θ·(1 − λ)).
    public var decayScale: DecayScale = .learningRate

    public init() {}
}
