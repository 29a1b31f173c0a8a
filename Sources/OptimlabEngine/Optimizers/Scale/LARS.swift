/// LARS (You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks", 2017) with
/// `optax.lars` semantics: a trust ratio per tensor on the decayed gradient, then heavy-ball momentum
/// on the lr-scaled update. For each step:
///
///     u = g + λθ
///     r = η·‖θ‖/(‖u‖ + ε), and r = 1 when ‖θ‖ = 0 or ‖u‖ = 0      (η = trust_coefficient)
///     u ← −lr·r·u
///     b ← u + μb;   θ ← θ + (u + μb if nesterov else b)
///
/// The lr sits inside the momentum buffer, as in optax's chain (`trace` after `scale_by_learning_rate`):
/// a schedule changes only new contributions, unlike PyTorch's SGD, which rescales the whole buffer.
public struct LARS: ShapedOptimizer, Equatable {
    public var lr: Double
    public var weightDecay: Double
    public var trustCoefficient: Double
    public var eps: Double
    public var momentum: Double
    public var nesterov: Bool

    public init(lr: Double = 1e-3, weightDecay: Double = 0, trustCoefficient: Double = 1e-3, eps: Double = 0,
                momentum: Double = 0.9, nesterov: Bool = false) {
        self.lr = lr; self.weightDecay = weightDecay; self.trustCoefficient = trustCoefficient; self.eps = eps
        self.momentum = momentum; self.nesterov = nesterov
    }

    public func initialState(shape: [Int]) -> OneBufferState { OneBufferState(count: shape.reduce(1, *), name: .trace) }

    public func step(params: inout [Double], grads: [Double], shape: [Int], state: inout OneBufferState, lr: Double) {
        precondition(params.count == grads.count && params.count == state.buffer.count, "params, grads and state must have one length")
        var u = grads
        if weightDecay != 0 { for i in u.indices { u[i] = u[i] + weightDecay * params[i] } }
        let r = trustRatio(paramNorm: euclideanNorm(params), updateNorm: euclideanNorm(u),
                           coefficient: trustCoefficient, eps: eps)
        for i in params.indices {
            let step = -lr * (u[i] * r)
            let b = step + momentum * state.buffer[i]
            state.buffer[i] = b
            params[i] = params[i] + (nesterov ? step + momentum * b : b)
        }
        state.stepCount += 1
    }
}
