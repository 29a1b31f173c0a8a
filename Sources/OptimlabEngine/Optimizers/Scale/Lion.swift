/// Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms", 2023) with `optax.lion`
/// semantics (`b1` → `beta1`, `b2` → `beta2`). For each step:
///
///     u ← sign((1−β₁)g + β₁m)          (the sign of an interpolation; sign(0) = 0)
///     m ← (1−β₂)g + β₂m                (the momentum tracks g with the slower β₂)
///     θ ← θ − lr·(u + λθ)              (decoupled decay, folded into the update as optax does)
///
/// Every coordinate moves by exactly ±lr (plus decay) whatever the gradient's scale, so Lion's lr is
/// typically 3–10× smaller than AdamW's, and its λ larger by the same factor. One buffer: half Adam's state.
/// ``rules`` holds the known mistakes (the betas' roles, the order, sign(0), the decay's scale).
public struct Lion: Optimizer, Equatable {
    public var lr: Double
    public var beta1: Double
    public var beta2: Double
    public var weightDecay: Double
    public var rules = LionRules()

    public init(lr: Double = 1e-4, beta1: Double = 0.9, beta2: Double = 0.99, weightDecay: Double = 1e-3) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.weightDecay = weightDecay
    }

    public func initialState(count: Int) -> OneBufferState { OneBufferState(count: count, name: .mu) }

    public func step(params: inout [Double], grads: [Double], state: inout OneBufferState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.buffer.count, "params, grads and state must have one length")
        let (signBeta, momentumBeta) = rules.swapsBetas ? (beta2, beta1) : (beta1, beta2)
        for i in params.indices {
            let g = grads[i], m = state.buffer[i]
            let updated = (1 - momentumBeta) * g + momentumBeta * m
            let c = rules.updatesMomentumFirst ? updated : (1 - signBeta) * g + signBeta * m
            var u: Double = c > 0 ? 1 : (c < 0 ? -1 : rules.signOfZero)
            if weightDecay != 0 {
                if rules.decayScale == .unscaled { params[i] = params[i] - weightDecay * params[i] }
                else { u = u + weightDecay * params[i] }
            }
            params[i] = params[i] + (-lr) * u
            state.buffer[i] = updated
        }
        state.stepCount += 1
    }
}
