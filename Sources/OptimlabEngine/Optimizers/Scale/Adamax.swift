#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adamax (Kingma & Ba, Section 7.1: Adam with the infinity norm) with `torch.optim.Adamax` semantics
/// (single-tensor path). For t = 1, 2, …:
///
///     g ← g + λθ                               (L2, coupled)
///     m ← m + (1−β₁)(g − m)
///     u ← max(β₂u, |g| + ε)                    (ε inside the max, so u > 0 from the first step)
///     θ ← θ − (lr/(1−β₁ᵗ)) · m/u
///
/// u needs no bias correction: a maximum is not shrunk toward its zero start the way an average is.
public struct Adamax: Optimizer, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var weightDecay: Double

    public init(lr: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8, weightDecay: Double = 0) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    public func initialState(count: Int) -> TwoMomentState { TwoMomentState(count: count, names: (.expAvg, .expInf)) }

    public func step(params: inout [Double], grads: [Double], state: inout TwoMomentState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.first.count, "params, grads and state must have one length")
        let t = state.stepCount + 1
        let negStep = -(lr / (1 - pow(beta1, Double(t))))
        for i in params.indices {
            var g = grads[i]
            if weightDecay != 0 { g = g.addingProduct(weightDecay, params[i]) }
            let m = torchLerp(state.first[i], g, 1 - beta1)
            let u = Swift.max(state.second[i] * beta2, abs(g) + eps)
            params[i] = params[i] + (negStep * m) / u
            state.first[i] = m; state.second[i] = u
        }
        state.stepCount = t
    }
}
