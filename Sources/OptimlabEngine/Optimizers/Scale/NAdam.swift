#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// NAdam (Dozat, "Incorporating Nesterov Momentum into Adam", 2016) with `torch.optim.NAdam`
/// semantics (single-tensor path). For t = 1, 2, … with ψ = momentum_decay:
///
///     g  ← g + λθ  (L2)      or      θ ← θ·(1 − lr·λ)  (decoupled_weight_decay, "NAdamW")
///     μₜ = β₁(1 − ½·0.96^(tψ)),   μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ)),   Πₜ = μ₁⋯μₜ
///     m  ← m + (1−β₁)(g − m);     v ← β₂v + (1−β₂)g²
///     d  = √(v/(1−β₂ᵗ)) + ε
///     θ  ← θ − lr(1−μₜ)/(1−Πₜ) · g/d − lr·μₜ₊₁/(1−Πₜμₜ₊₁) · m/d
///
/// Πₜ is kept in Double. PyTorch keeps it in a 0-dim tensor of the default dtype: under the usual
/// float32 default it is rounded to float32 every step (a relative 1e-9 difference in θ within a few
/// steps), under `torch.set_default_dtype(torch.float64)` it matches this engine exactly.
public struct NAdam: Optimizer, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentumDecay: Double
    public var decoupledWeightDecay: Bool

    public init(lr: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay; self.decoupledWeightDecay = decoupledWeightDecay
    }

    public func initialState(count: Int) -> TwoMomentState { TwoMomentState(count: count, names: (.expAvg, .expAvgSq)) }

    /// μₜ = β₁(1 − ½·0.96^(tψ)).
    public func momentumCoefficient(step t: Int) -> Double {
        beta1 * (1 - 0.5 * pow(0.96, Double(t) * momentumDecay))
    }

    public func step(params: inout [Double], grads: [Double], state: inout TwoMomentState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.first.count, "params, grads and state must have one length")
        let t = state.stepCount + 1
        let bc2 = 1 - pow(beta2, Double(t))
        let mu = momentumCoefficient(step: t), muNext = momentumCoefficient(step: t + 1)
        state.muProduct *= mu
        let gradScale = -lr * (1 - mu) / (1 - state.muProduct)
        let momentScale = (-lr * muNext) / (1 - state.muProduct * muNext)
        let decay = 1 - lr * weightDecay
        for i in params.indices {
            let (decayed, g, m, v) = decayedMoments(param: params[i], grad: grads[i], m: state.first[i], v: state.second[i],
                                              beta1: beta1, beta2: beta2, weightDecay: weightDecay,
                                              decoupled: decoupledWeightDecay, decay: decay)
            var p = decayed
            let denom = (v / bc2).squareRoot() + eps
            p = p + (gradScale * g) / denom
            p = p + (momentScale * m) / denom
            params[i] = p; state.first[i] = m; state.second[i] = v
        }
        state.stepCount = t
    }
}
