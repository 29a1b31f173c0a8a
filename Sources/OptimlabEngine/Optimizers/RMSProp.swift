/// Running averages of ``RMSProp``.
public struct RMSPropState: OptimizerState {
    public var squareAverage: [Double]
    /// Only for `centered`.
    public var gradientAverage: [Double]
    /// Only for `momentum > 0`.
    public var momentumBuffer: [Double]
    public var stepCount: Int
    public var buffers: [(name: StateBuffer, values: [Double])] {
        var out: [(name: StateBuffer, values: [Double])] = [(.squareAverage, squareAverage)]
        if !gradientAverage.isEmpty { out.append((.gradAverage, gradientAverage)) }
        if !momentumBuffer.isEmpty { out.append((.momentumBuffer, momentumBuffer)) }
        return out
    }
}

/// RMSProp (Hinton) with PyTorch semantics: AdaGrad's sum replaced by an exponential moving average, so
/// old gradients fade and the step settles instead of dying. No bias correction:
///
///     g   ← g + λθ
///     E   ← α·E + (1 − α)·g²
///     avg ← √(E − Ē²) (centered, Ē the EMA of g)   or   √E,   then avg ← avg + ε
///     buf ← μ·buf + g/avg;  θ ← θ − lr·buf     (momentum)   or   θ ← θ − lr·g/avg
public struct RMSProp: Optimizer, Equatable {
    public var lr: Double
    public var alpha: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentum: Double
    public var centered: Bool
    public var epsilon: RootEpsilon = .outside
    /// The α mistake: E ← (1 − α)·E + α·g².
    public var swapsAlpha = false

    public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0,
                momentum: Double = 0, centered: Bool = false) {
        self.lr = lr; self.alpha = alpha; self.eps = eps; self.weightDecay = weightDecay
        self.momentum = momentum; self.centered = centered
    }

    public func initialState(count: Int) -> RMSPropState {
        let zeros = [Double](repeating: 0, count: count)
        return RMSPropState(squareAverage: zeros, gradientAverage: centered ? zeros : [],
                            momentumBuffer: momentum > 0 ? zeros : [], stepCount: 0)
    }

    public func step(params: inout [Double], grads: [Double], state: inout RMSPropState, lr: Double) {
        precondition(params.count == grads.count, "params and grads must have one length")
        let alpha = swapsAlpha ? 1 - self.alpha : self.alpha
        let keep = 1 - alpha
        for i in params.indices {
            let p = params[i]
            let g = weightDecay != 0 ? grads[i].addingProduct(weightDecay, p) : grads[i]
            let e = (state.squareAverage[i] * alpha).addingProduct(keep * g, g)
            state.squareAverage[i] = e
            var variance = e
            if centered {
                let ga = state.gradientAverage[i]
                let avgG = keep < 0.5 ? ga.addingProduct(keep, g - ga) : g.addingProduct(keep - 1, g - ga)
                state.gradientAverage[i] = avgG
                variance = e.addingProduct(-avgG, avgG)               // addcmul(Ē, Ē, value=−1)
            }
            let avg = denominator(variance)
            if momentum > 0 {
                let buf = state.momentumBuffer[i] * momentum + g / avg
                state.momentumBuffer[i] = buf
                params[i] = p.addingProduct(-lr, buf)
            } else {
                params[i] = p + (-lr * g) / avg
            }
        }
        state.stepCount += 1
    }
}

extension RMSProp {
    /// The divisor of the step for a (centered) second-moment estimate E: √E + ε (PyTorch), or
    /// √(E + ε) (optax's ε inside the root). The effective learning rate is lr / denominator(E).
    public func denominator(_ variance: Double) -> Double {
        epsilon == .outside ? variance.squareRoot() + eps : (variance + eps).squareRoot()
    }

    /// This RMSProp under `convention`'s placement of ε.
    public func following(_ convention: Convention) -> RMSProp {
        var o = self
        o.epsilon = convention.rmspropEpsilon
        return o
    }
}
