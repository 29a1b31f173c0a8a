internal import CFloat32Kernels

/// Adam and AdamW over contiguous Float32 buffers, at memory bandwidth.
///
/// This is ``AdamStep/apply(params:grads:state:lr:)`` for `Float` with PyTorch's rules, rewritten for
/// speed and not for generality: one pass that loads θ, g, m, v once and stores θ, m, v once
/// (28 bytes per parameter, 36 with AMSGrad), split over threads above a size threshold
/// (``Parallelism``), each thread's chunk stepped by the C kernel `optimlab_adam_f32`
/// (Sources/CFloat32Kernels: AVX2+FMA when the CPU has it, portable C otherwise). For
/// t = stepCount + 1, per element:
///
///     g ← g + λθ                              (Adam, coupled L2; skipped when λ = 0)
///     θ ← θ·(1 − lr·λ)                        (AdamW, decoupled; skipped when lr·λ = 0)
///     m ← fma(1−β₁, g − m, m)                 (lerp; fma(−β₁, g − m, g) when 1−β₁ ≥ 0.5)
///     v ← fma((1−β₂)·g, g, v·β₂)
///     v_max ← max(v_max, v)                   (AMSGrad: the max over raw v, then v ← v_max below)
///     θ ← θ + (−lr/(1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + ε)
///
/// The scalars are the reference kernel's own (computed here in Double, rounded to Float once and
/// passed to C), and every element performs the same correctly rounded operations in the same order,
/// with fused multiply-adds exactly where the reference has `addingProduct`, so the result equals the
/// reference kernel's bit for bit — for every length, path and thread count. With those rules it
/// reproduces `torch.optim.AdamW(fused=True)` on CPU bit for bit, including the kernel's scalar tail
/// (each buffer's last `count % 8` elements fuse v's update the other way, ``FusedScalarTail``).
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

    /// One step over arrays; `state.stepCount` counts the steps taken. `tensorLengths` splits the
    /// arrays into the tensors they hold end to end (each gets PyTorch's scalar tail,
    /// ``FusedScalarTail``); nil means one tensor.
    public func apply(params: inout [Float], grads: [Float], state: inout AdamState<Float>, lr: Double,
                      tensorLengths: [Int]? = nil, parallelism: Parallelism = .automatic) {
        apply(params: &params, grads: grads, state: &state, lr: lr, tensorLengths: tensorLengths,
              parallelism: parallelism, path: .automatic)
    }

    /// One step over arrays through the C kernels' `path`.
    func apply(params: inout [Float], grads: [Float], state: inout AdamState<Float>, lr: Double,
               tensorLengths: [Int]? = nil, parallelism: Parallelism, path: Float32KernelPath) {
        precondition(state.vMax.count == (core.hyperparameters.amsgrad ? params.count : 0),
                     "AMSGrad needs a v_max buffer of the parameters' length")
        let lengths = tensorLengths ?? [params.count]
        precondition(lengths.reduce(0, +) == params.count, "tensor lengths must add up to the parameter count")
        let t = state.stepCount, amsgrad = core.hyperparameters.amsgrad
        params.withUnsafeMutableBufferPointer { p in
            grads.withUnsafeBufferPointer { g in
                state.m.withUnsafeMutableBufferPointer { m in
                    state.v.withUnsafeMutableBufferPointer { v in
                        state.vMax.withUnsafeMutableBufferPointer { vMax in
                            var start = 0
                            for n in lengths {
                                let r = start..<start + n
                                apply(params: .init(rebasing: p[r]), grads: .init(rebasing: g[r]), m: .init(rebasing: m[r]),
                                      v: .init(rebasing: v[r]), vMax: amsgrad ? .init(rebasing: vMax[r]) : nil,
                                      stepCount: t, lr: lr, parallelism: parallelism, path: path)
                                start += n
                            }
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
        apply(params: params, grads: grads, m: m, v: v, vMax: vMax, stepCount: stepCount, lr: lr,
              parallelism: parallelism, path: .automatic)
    }

    /// One step over buffers through the C kernels' `path`.
    func apply(params: UnsafeMutableBufferPointer<Float>, grads: UnsafeBufferPointer<Float>,
               m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
               vMax: UnsafeMutableBufferPointer<Float>?, stepCount: Int, lr: Double,
               parallelism: Parallelism, path: Float32KernelPath) {
        let n = params.count
        precondition(grads.count == n && m.count == n && v.count == n && (vMax?.count ?? n) == n,
                     "params, grads and state must have one length")
        precondition((vMax != nil) == core.hyperparameters.amsgrad, "v_max is required exactly with AMSGrad")
        guard n > 0, let pBase = params.baseAddress, let gBase = grads.baseAddress,
              let mBase = m.baseAddress, let vBase = v.baseAddress else { return }
        let buffers = ThreadShared(Buffers(p: pBase, g: gBase, m: mBase, v: vBase, vMax: vMax?.baseAddress))
        let scalars = Self.scalars(core: core, stepCount: stepCount, lr: lr), kernel = path.c
        let tail = FusedScalarTail.range(count: n)
        if !tail.isEmpty {
            // The last count % 8 elements: fewer than 8, on this thread, v fused as PyTorch's tail does.
            var tailScalars = scalars
            tailScalars.scalar_tail = true
            buffers.value.step(tail, tailScalars, kernel)
        }
        guard tail.lowerBound > 0 else { return }
        parallelism.forEachChunk(of: tail.lowerBound) { buffers.value.step($0, scalars, kernel) }
    }

    /// The base addresses of one step's buffers.
    struct Buffers {
        let p: UnsafeMutablePointer<Float>
        let g: UnsafePointer<Float>
        let m: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let vMax: UnsafeMutablePointer<Float>?

        /// Runs the C kernel over elements `range` of these buffers.
        func step(_ range: Range<Int>, _ scalars: OptimlabAdamScalars, _ kernel: OptimlabKernelPath) {
            let i = range.lowerBound
            withUnsafePointer(to: scalars) { s in
                optimlab_adam_f32(s, p + i, g + i, m + i, v + i, vMax.map { $0 + i }, range.count, kernel)
            }
        }
    }

    /// One step's scalars, rounded to Float exactly as the reference kernel rounds them, and the
    /// branches the reference takes: L2 when λ rounds to a nonzero Float, decoupled decay when its
    /// factor is not 1, and lerp's second form, fma(w − 1, g − m, g), when w = 1 − β₁ ≥ 0.5.
    static func scalars(core: AdamStep, stepCount: Int, lr: Double) -> OptimlabAdamScalars {
        let c = core.coefficients(stepCount: stepCount, lr: lr)
        let w = Float(c.lerpWeight)
        return OptimlabAdamScalars(
            l2: Float(c.l2), decay: Float(c.decayFactor), lerp_weight: w, lerp_weight_minus_one: w - 1,
            beta2: Float(c.beta2), one_minus_beta2: Float(c.oneMinusBeta2), neg_step_size: Float(c.negStepSize),
            bc2_root: Float(c.bc2Root), eps: Float(c.eps), adds_l2: Float(c.l2) != 0,
            decays: core.rules.weightDecay == .decoupled && c.decayFactor != 1, lerps_from_grad: !(w < 0.5),
            scalar_tail: false)
    }
}
