#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RAdam (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020) with
/// `torch.optim.RAdam` semantics (single-tensor path). For t = 1, 2, …:
///
///     g ← g + λθ                         (L2, decoupled_weight_decay = false)
///     θ ← θ·(1 − lr·λ)                   (decoupled_weight_decay = true)
///     m ← m + (1−β₁)(g − m);   v ← β₂v + (1−β₂)g²
///     ρ∞ = 2/(1−β₂) − 1;       ρₜ = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ)
///     ρₜ > 5:  rₜ = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
///              θ ← θ − lr · m/(1−β₁ᵗ) · √(1−β₂ᵗ)/(√v + ε) · rₜ
///     ρₜ ≤ 5:  θ ← θ − lr · m/(1−β₁ᵗ)              (momentum SGD: the variance is not yet tractable)
///
/// ρₜ is the length of the second moment's simple-moving-average equivalent; while it is at most 5 the
/// variance of the adaptive rate is unbounded, so RAdam takes un-normalised steps, which is what a
/// warmup does by hand. For t small, ρₜ ≈ t (ρ₅ ≈ 4.996 and ρ₆ ≈ 5.994 with β₂ = 0.999), so the first
/// five steps are un-adapted (``rectificationStart(beta2:)``). ε is added to √v, not to √v̂.
public struct RAdam: Optimizer, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double
    public var decoupledWeightDecay: Bool

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.decoupledWeightDecay = decoupledWeightDecay
    }

    public func initialState(count: Int) -> TwoMomentState { TwoMomentState(count: count, names: (.expAvg, .expAvgSq)) }

    /// ρ∞ = 2/(1−β₂) − 1, the SMA length the second moment tends to.
    public static func rhoInfinity(beta2: Double) -> Double { 2 / (1 - beta2) - 1 }

    /// ρₜ = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ).
    public static func rho(step t: Int, beta2: Double) -> Double {
        let bt = pow(beta2, Double(t))
        return rhoInfinity(beta2: beta2) - 2 * Double(t) * bt / (1 - bt)
    }

    /// The rectification rₜ at step t, or nil while ρₜ ≤ 5 (no adaptive step).
    public static func rectification(step t: Int, beta2: Double) -> Double? {
        let rhoT = rho(step: t, beta2: beta2), rhoInf = rhoInfinity(beta2: beta2)
        guard rhoT > 5 else { return nil }
        return pow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5)
    }

    /// The first step t whose ρₜ exceeds 5 (the first adaptive step), searching up to `limit`.
    public static func rectificationStart(beta2: Double, limit: Int = 1_000_000) -> Int? {
        (1...limit).first { rho(step: $0, beta2: beta2) > 5 }
    }

    public func step(params: inout [Double], grads: [Double], state: inout TwoMomentState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.first.count, "params, grads and state must have one length")
        let t = state.stepCount + 1, tf = Double(t)
        let bc1 = 1 - pow(beta1, tf), bc2 = 1 - pow(beta2, tf)
        let rhoInf = Self.rhoInfinity(beta2: beta2)
        let rhoT = rhoInf - 2 * tf * pow(beta2, tf) / bc2
        let rect = rhoT > 5 ? pow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5) : nil
        let bc2Root = pow(bc2, 0.5)
        let decay = 1 - lr * weightDecay
        for i in params.indices {
            let (decayed, _, m, v) = decayedMoments(param: params[i], grad: grads[i], m: state.first[i], v: state.second[i],
                                              beta1: beta1, beta2: beta2, weightDecay: weightDecay,
                                              decoupled: decoupledWeightDecay, decay: decay)
            var p = decayed
            let mHat = m / bc1
            if let rect {
                let adaptive = bc2Root / (v.squareRoot() + eps)
                p = p - mHat * lr * adaptive * rect
            } else {
                p = p - mHat * lr
            }
            params[i] = p; state.first[i] = m; state.second[i] = v
        }
        state.stepCount = t
    }
}
