/// Adam and AdamW over contiguous Float32 buffers, at memory bandwidth.
///
/// This is ``AdamStep/apply(params:grads:state:lr:)`` for `Float` with PyTorch's rules, rewritten for
/// speed and not for generality: one pass that loads θ, g, m, v once and stores θ, m, v once
/// (28 bytes per parameter, 36 with AMSGrad), 16 lanes at a time, split over threads above a size
/// threshold (``Parallelism``). For t = stepCount + 1, per lane:
///
///     g ← g + λθ                              (Adam, coupled L2; skipped when λ = 0)
///     θ ← θ·(1 − lr·λ)                        (AdamW, decoupled; skipped when lr·λ = 0)
///     m ← fma(1−β₁, g − m, m)                 (lerp; fma(−β₁, g − m, g) when 1−β₁ ≥ 0.5)
///     v ← fma((1−β₂)·g, g, v·β₂)
///     v_max ← max(v_max, v)                   (AMSGrad: the max over raw v, then v ← v_max below)
///     θ ← θ + (−lr/(1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε)
///
/// The scalars are the reference kernel's own (computed in Double, rounded to Float once), and every
/// lane performs the same correctly rounded operations in the same order, so the result equals the
/// reference kernel's bit for bit — for every length, including the last `count % 16` elements, which
/// run through the same vector code on a zero-padded copy. With those rules it reproduces
/// `torch.optim.AdamW(fused=True)` on CPU (the fused kernel's own scalar tail skips the FMA for v,
/// which can move the last bit of v in the final `count % 16` elements).
public struct Float32AdamStep: Sendable, Equatable {
    /// The hyperparameters and rules (always PyTorch's rules; see ``supports(_:)``).
    public let core: AdamStep

    /// The fast path for `core`, or nil when its rules are not PyTorch's (a convention or a known
    /// mistake): those run through the general ``AdamStep``.
    public init?(core: AdamStep) {
        guard Self.supports(core.rules) else { return nil }
        self.core = core
    }

    /// Adam (`weightDecay: .coupledL2`) or AdamW (`.decoupled`) with PyTorch's rules.
    public init(hyperparameters: AdamHyperparameters, weightDecay: WeightDecayStyle) {
        core = AdamStep(hyperparameters: hyperparameters, rules: AdamRules(weightDecay: weightDecay))
    }

    /// True for PyTorch's Adam and AdamW rules: ε after the bias-corrected root, both bias
    /// corrections, t from 1, decay by lr before the update, AMSGrad over raw v.
    public static func supports(_ rules: AdamRules) -> Bool {
        rules == AdamRules(weightDecay: rules.weightDecay)
    }

    /// One step over arrays; `state.stepCount` counts the steps taken.
    public func apply(params: inout [Float], grads: [Float], state: inout AdamState<Float>, lr: Double,
                      parallelism: Parallelism = .automatic) {
        precondition(state.vMax.count == (core.hyperparameters.amsgrad ? params.count : 0),
                     "AMSGrad needs a v_max buffer of the parameters' length")
        let t = state.stepCount
        params.withUnsafeMutableBufferPointer { p in
            grads.withUnsafeBufferPointer { g in
                state.m.withUnsafeMutableBufferPointer { m in
                    state.v.withUnsafeMutableBufferPointer { v in
                        state.vMax.withUnsafeMutableBufferPointer { vMax in
                            apply(params: p, grads: g, m: m, v: v, vMax: core.hyperparameters.amsgrad ? vMax : nil,
                                  stepCount: t, lr: lr, parallelism: parallelism)
                        }
                    }
                }
            }
        }
        state.stepCount += 1
    }

    /// One step over buffers of one length. `stepCount` is the number of steps already taken (the
    /// caller keeps the counter); `vMax` is required exactly when AMSGrad is on.
    public func apply(params: UnsafeMutableBufferPointer<Float>, grads: UnsafeBufferPointer<Float>,
                      m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
                      vMax: UnsafeMutableBufferPointer<Float>? = nil, stepCount: Int, lr: Double,
                      parallelism: Parallelism = .automatic) {
        let n = params.count
        precondition(grads.count == n && m.count == n && v.count == n && (vMax?.count ?? n) == n,
                     "params, grads and state must have one length")
        precondition((vMax != nil) == core.hyperparameters.amsgrad, "v_max is required exactly with AMSGrad")
        guard n > 0, let pBase = params.baseAddress, let gBase = grads.baseAddress,
              let mBase = m.baseAddress, let vBase = v.baseAddress else { return }
        let buffers = ThreadShared(Buffers(p: pBase, g: gBase, m: mBase, v: vBase, vMax: vMax?.baseAddress))
        let lanes = LaneScalars(core: core, stepCount: stepCount, lr: lr)
        parallelism.forEachChunk(of: n) { range in lanes.run(buffers.value, over: range) }
    }

    /// The base addresses of one step's buffers.
    struct Buffers {
        let p: UnsafeMutablePointer<Float>
        let g: UnsafePointer<Float>
        let m: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let vMax: UnsafeMutablePointer<Float>?
    }

    /// One step's scalars, rounded to Float exactly as the reference kernel rounds them and splatted
    /// across the lanes.
    struct LaneScalars {
        let l2, decay, lerpWeight, lerpWeightMinusOne, beta2, oneMinusBeta2, negStepSize, bc2Root, eps: FloatLanes
        let addsL2, decays, lerpsFromGrad: Bool

        init(core: AdamStep, stepCount: Int, lr: Double) {
            let c = core.coefficients(stepCount: stepCount, lr: lr)
            let w = Float(c.lerpWeight)
            l2 = FloatLanes(repeating: Float(c.l2))
            decay = FloatLanes(repeating: Float(c.decayFactor))
            lerpWeight = FloatLanes(repeating: w)
            lerpWeightMinusOne = FloatLanes(repeating: w - 1)
            beta2 = FloatLanes(repeating: Float(c.beta2))
            oneMinusBeta2 = FloatLanes(repeating: Float(c.oneMinusBeta2))
            negStepSize = FloatLanes(repeating: Float(c.negStepSize))
            bc2Root = FloatLanes(repeating: Float(c.bc2Root))
            eps = FloatLanes(repeating: Float(c.eps))
            addsL2 = Float(c.l2) != 0
            decays = core.rules.weightDecay == .decoupled && c.decayFactor != 1
            lerpsFromGrad = !(w < 0.5)
        }

        /// The update of 16 parameters; returns the new (θ, m, v, v_max).
        @inline(__always)
        func update(p: FloatLanes, g: FloatLanes, m: FloatLanes, v: FloatLanes, vMax: FloatLanes?)
            -> (p: FloatLanes, m: FloatLanes, v: FloatLanes, vMax: FloatLanes?) {
            var p = p, g = g
            if addsL2 { g = g.addingProduct(l2, p) }
            if decays { p = p * decay }
            let m = lerpsFromGrad ? g.addingProduct(lerpWeightMinusOne, g - m) : m.addingProduct(lerpWeight, g - m)
            let v = (v * beta2).addingProduct(oneMinusBeta2 * g, g)
            let vMax = vMax.map { $0.maximum(v) }
            let denom = (vMax ?? v).squareRoot() / bc2Root + eps
            p = p + (negStepSize * m) / denom
            return (p, m, v, vMax)
        }

        /// Steps the elements of `range`: whole vectors, then the tail through a zero-padded vector.
        func run(_ b: Buffers, over range: Range<Int>) {
            let width = FloatLanes.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                let r = update(p: .load(b.p, at: i), g: .load(b.g, at: i), m: .load(b.m, at: i),
                               v: .load(b.v, at: i), vMax: b.vMax.map { FloatLanes.load($0, at: i) })
                r.p.store(to: b.p, at: i)
                r.m.store(to: b.m, at: i)
                r.v.store(to: b.v, at: i)
                if let vMax = b.vMax, let value = r.vMax { value.store(to: vMax, at: i) }
                i += width
            }
            let rest = range.upperBound - i
            guard rest > 0 else { return }
            let r = update(p: .loadPartial(b.p, at: i, count: rest), g: .loadPartial(b.g, at: i, count: rest),
                           m: .loadPartial(b.m, at: i, count: rest), v: .loadPartial(b.v, at: i, count: rest),
                           vMax: b.vMax.map { FloatLanes.loadPartial($0, at: i, count: rest) })
            r.p.storePartial(to: b.p, at: i, count: rest)
            r.m.storePartial(to: b.m, at: i, count: rest)
            r.v.storePartial(to: b.v, at: i, count: rest)
            if let vMax = b.vMax, let value = r.vMax { value.storePartial(to: vMax, at: i, count: rest) }
        }
    }
}
