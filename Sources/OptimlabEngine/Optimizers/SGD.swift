/// How SGD's momentum buffer starts and whether it holds the learning rate.
public struct SGDRules: Sendable, Equatable {
    /// PyTorch sets `buf = g` on the first step (no dampening); a zero-initialised buffer gives
    /// `buf = (1 − dampening)·g` instead (MLX, most hand-written code). Equal when dampening is 0.
    public var firstStepIsDampened = false
    /// Keras/TensorFlow keep lr inside the buffer (`v ← μv − lr·g; θ ← θ + v`); PyTorch multiplies by
    /// the current lr after (`θ ← θ − lr·buf`). Equal at constant lr, different under any schedule.
    public var learningRateInsideBuffer = false
    public init() {}
}

/// Momentum buffer and step count for ``SGD``.
public struct SGDState: OptimizerState {
    /// Empty until the first step with momentum, as PyTorch creates it lazily.
    public var momentumBuffer: [Double]
    public var stepCount: Int
    public var buffers: [(name: StateBuffer, values: [Double])] {
        momentumBuffer.isEmpty ? [] : [(.momentumBuffer, momentumBuffer)]
    }
}

/// Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and coupled weight decay:
///
///     g   ← g + λθ
///     buf ← g                               (first step)
///     buf ← μ·buf + (1 − dampening)·g        (later steps)
///     g   ← g + μ·buf  (Nesterov)   or   g ← buf
///     θ   ← θ − lr·g
public struct SGD: Optimizer, Equatable {
    public var lr: Double
    public var momentum: Double
    public var dampening: Double
    public var weightDecay: Double
    public var nesterov: Bool
    public var rules = SGDRules()

    public init(lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0,
                nesterov: Bool = false) {
        self.lr = lr; self.momentum = momentum; self.dampening = dampening
        self.weightDecay = weightDecay; self.nesterov = nesterov
    }

    public func initialState(count: Int) -> SGDState { SGDState(momentumBuffer: [], stepCount: 0) }

    public func step(params: inout [Double], grads: [Double], state: inout SGDState, lr: Double) {
        precondition(params.count == grads.count, "params and grads must have one length")
        let firstStep = state.momentumBuffer.isEmpty
        if momentum != 0 && firstStep { state.momentumBuffer = Array(repeating: 0, count: params.count) }
        let keep = 1 - dampening
        for i in params.indices {
            var p = params[i]
            var g = weightDecay != 0 ? grads[i].addingProduct(weightDecay, p) : grads[i]
            if momentum != 0 {
                var buf = state.momentumBuffer[i]
                let scaled = rules.learningRateInsideBuffer ? g * lr : g
                if firstStep && !rules.firstStepIsDampened { buf = scaled }
                else { buf = (buf * momentum).addingProduct(keep, scaled) }  // mul_(μ).add_(g, 1−d)
                state.momentumBuffer[i] = buf
                if rules.learningRateInsideBuffer {
                    // θ ← θ − (μ·buf + lr·g) with Nesterov, θ ← θ − buf without.
                    p = nesterov ? p - (buf * momentum).addingProduct(lr, g) : p - buf
                    params[i] = p
                    continue
                }
                g = nesterov ? g.addingProduct(momentum, buf) : buf
            }
            params[i] = p.addingProduct(-lr, g)                     // param.add_(g, alpha=−lr): FMA
        }
        state.stepCount += 1
    }
}
