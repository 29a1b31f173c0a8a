/// Where AdaGrad and RMSProp add ε: outside the root (PyTorch) or inside (optax's defaults).
public enum RootEpsilon: String, Sendable, Equatable {
    /// `√s + ε`
    case outside
    /// `√(s + ε)`
    case inside
}

/// The accumulated squared gradients of ``AdaGrad``.
public struct AdaGradState: OptimizerState {
    public var sum: [Double]
    public var stepCount: Int
    public var buffers: [(name: StateBuffer, values: [Double])] { [(.sum, sum)] }
}

/// AdaGrad (Duchi et al.) with PyTorch semantics. Each scalar's step shrinks with the root of the sum of
/// its squared gradients, so rarely-updated (sparse) parameters keep a large step while frequently
/// updated ones slow down — and, because the sum only grows, every step eventually dies:
///
///     clr ← lr / (1 + (t − 1)·lr_decay)
///     g   ← g + λθ
///     s   ← s + g²                         (s starts at initial_accumulator_value)
///     θ   ← θ − clr · g / (√s + ε)
public struct AdaGrad: Optimizer, Equatable {
    public var lr: Double
    public var lrDecay: Double
    public var weightDecay: Double
    public var initialAccumulatorValue: Double
    public var eps: Double
    public var epsilon: RootEpsilon = .outside
    /// The lr_decay mistake: clr = lr / (1 + t·lr_decay), decaying the first step already.
    public var decaysFirstStep = false

    public init(lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10) {
        self.lr = lr; self.lrDecay = lrDecay; self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue; self.eps = eps
    }

    public func initialState(count: Int) -> AdaGradState {
        AdaGradState(sum: Array(repeating: initialAccumulatorValue, count: count), stepCount: 0)
    }

    public func step(params: inout [Double], grads: [Double], state: inout AdaGradState, lr: Double) {
        precondition(params.count == grads.count, "params and grads must have one length")
        let t = Double(state.stepCount + 1)
        let clr = lr / (1 + (decaysFirstStep ? t : t - 1) * lrDecay)
        for i in params.indices {
            let p = params[i]
            let g = weightDecay != 0 ? grads[i].addingProduct(weightDecay, p) : grads[i]
            let s = state.sum[i].addingProduct(g, g)                 // addcmul_(g, g, value=1)
            state.sum[i] = s
            let std = epsilon == .outside ? s.squareRoot() + eps : (s + eps).squareRoot()
            params[i] = p + (-clr * g) / std                          // addcdiv_(g, std, value=−clr)
        }
        state.stepCount += 1
    }

    /// The effective learning rate clr/(√s + ε) a scalar sees after the gradients `history`: AdaGrad's
    /// ever-shrinking step, since s only grows.
    public func effectiveLearningRate(after history: [Double]) -> Double {
        let s = history.reduce(initialAccumulatorValue) { $0.addingProduct($1, $1) }
        let t = Double(max(history.count, 1))
        let clr = lr / (1 + (t - 1) * lrDecay)
        return clr / (epsilon == .outside ? s.squareRoot() + eps : (s + eps).squareRoot())
    }
}
