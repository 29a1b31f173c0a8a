#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LAMB (You et al., "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", ICLR
/// 2020) with `optax.lamb` semantics (`b1` → `beta1`, `b2` → `beta2`): Adam's direction plus decay,
/// rescaled per tensor so its norm is the tensor's own norm. For t = 1, 2, …:
///
///     m ← (1−β₁)g + β₁m;   v ← (1−β₂)g² + β₂v
///     u = m̂ / (√(v̂ + ε_root) + ε) + λθ            (m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ))
///     r = ‖θ‖/‖u‖, and r = 1 when ‖θ‖ = 0 or ‖u‖ = 0   (``trustRatio(paramNorm:updateNorm:coefficient:eps:)``)
///     θ ← θ − lr·r·u
///
/// Each tensor therefore moves by lr·‖θ‖ in norm: a relative step the same for every layer, which is
/// what keeps a huge batch's large lr from blowing up the layers whose weights are small.
public struct LAMB: ShapedOptimizer, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var eps: Double
    public var epsRoot: Double
    public var weightDecay: Double

    public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-6,
                epsRoot: Double = 0, weightDecay: Double = 0) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.epsRoot = epsRoot
        self.weightDecay = weightDecay
    }

    public func initialState(shape: [Int]) -> TwoMomentState {
        TwoMomentState(count: shape.reduce(1, *), names: (.mu, .nu))
    }

    public func step(params: inout [Double], grads: [Double], shape: [Int], state: inout TwoMomentState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.first.count, "params, grads and state must have one length")
        let t = Double(state.stepCount + 1)
        let bc1 = 1 - pow(beta1, t), bc2 = 1 - pow(beta2, t)
        var u = [Double](repeating: 0, count: params.count)
        for i in params.indices {
            let g = grads[i]
            state.first[i] = (1 - beta1) * g + beta1 * state.first[i]
            state.second[i] = (1 - beta2) * (g * g) + beta2 * state.second[i]
            u[i] = (state.first[i] / bc1) / ((state.second[i] / bc2 + epsRoot).squareRoot() + eps)
            if weightDecay != 0 { u[i] = u[i] + weightDecay * params[i] }
        }
        let r = trustRatio(paramNorm: euclideanNorm(params), updateNorm: euclideanNorm(u))
        for i in params.indices { params[i] = params[i] + (-lr) * (u[i] * r) }
        state.stepCount += 1
    }
}
