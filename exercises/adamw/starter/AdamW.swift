import Foundation

/// AdamW with decoupled weight decay, matching torch.optim.AdamW (amsgrad off).
///
/// Per step t = 1, 2, …, for every coordinate i:
///     θ ← θ·(1 − lr·λ)                      decoupled decay, from the pre-update θ
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep m, v and the step count t, and update params in place.
    }
}
