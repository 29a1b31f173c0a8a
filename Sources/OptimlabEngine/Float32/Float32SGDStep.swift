internal import CFloat32Kernels

/// SGD with momentum, dampening, Nesterov and coupled weight decay over contiguous Float32 buffers:
/// ``SGD``'s step with PyTorch's rules in one threaded pass (12 bytes per parameter without momentum,
/// 20 with), each thread's chunk stepped by the C kernel `optimlab_sgd_f32` (AVX2+FMA or portable C,
/// Sources/CFloat32Kernels). Per element, with PyTorch's fused multiply-adds:
///
///     g   ← fma(λ, θ, g)                    (skipped when λ = 0)
///     buf ← g                               (first step: no dampening, as PyTorch)
///     buf ← fma(1 − dampening, g, buf·μ)    (later steps)
///     g   ← fma(μ, buf, g)  (Nesterov)   or   g ← buf
///     θ   ← fma(−lr, g, θ)
///
/// Scalars are computed in Double and rounded to Float once (Python → `c10::Scalar` → float), and
/// every element goes through the scalar operations in the scalar order, so the result does not
/// depend on the length, the kernel path or the thread count.
public struct Float32SGDStep: Sendable, Equatable {
    public let sgd: SGD

    /// The fast path for `sgd`, or nil when its rules are not PyTorch's (those run through ``SGD``).
    public init?(sgd: SGD) {
        guard sgd.rules == SGDRules() else { return nil }
        self.sgd = sgd
    }

    /// One step over arrays; creates the momentum buffer on the first step with momentum.
    public func apply(params: inout [Float], grads: [Float], state: inout Float32SGDState, lr: Double,
                      parallelism: Parallelism = .automatic) {
        apply(params: &params, grads: grads, state: &state, lr: lr, parallelism: parallelism, path: .automatic)
    }

    /// One step over arrays through the C kernels' `path`.
    func apply(params: inout [Float], grads: [Float], state: inout Float32SGDState, lr: Double,
               parallelism: Parallelism, path: Float32KernelPath) {
        precondition(params.count == grads.count, "params and grads must have one length")
        let firstStep = state.momentumBuffer.isEmpty
        if sgd.momentum != 0 && firstStep { state.momentumBuffer = Array(repeating: 0, count: params.count) }
        let hasMomentum = sgd.momentum != 0
        params.withUnsafeMutableBufferPointer { p in
            grads.withUnsafeBufferPointer { g in
                state.momentumBuffer.withUnsafeMutableBufferPointer { buf in
                    apply(params: p, grads: g, momentumBuffer: hasMomentum ? buf : nil, isFirstStep: firstStep,
                          lr: lr, parallelism: parallelism, path: path)
                }
            }
        }
        state.stepCount += 1
    }

    /// One step over buffers of one length. `momentumBuffer` is required exactly when momentum ≠ 0;
    /// on the first step (`isFirstStep`) it is overwritten with the gradient.
    public func apply(params: UnsafeMutableBufferPointer<Float>, grads: UnsafeBufferPointer<Float>,
                      momentumBuffer: UnsafeMutableBufferPointer<Float>?, isFirstStep: Bool, lr: Double,
                      parallelism: Parallelism = .automatic) {
        apply(params: params, grads: grads, momentumBuffer: momentumBuffer, isFirstStep: isFirstStep, lr: lr,
              parallelism: parallelism, path: .automatic)
    }

    /// One step over buffers through the C kernels' `path`.
    func apply(params: UnsafeMutableBufferPointer<Float>, grads: UnsafeBufferPointer<Float>,
               momentumBuffer: UnsafeMutableBufferPointer<Float>?, isFirstStep: Bool, lr: Double,
               parallelism: Parallelism, path: Float32KernelPath) {
        let n = params.count
        precondition(grads.count == n && (momentumBuffer?.count ?? n) == n, "params, grads and buffer must have one length")
        precondition((momentumBuffer != nil) == (sgd.momentum != 0), "a momentum buffer is required exactly with momentum")
        guard n > 0, let pBase = params.baseAddress, let gBase = grads.baseAddress else { return }
        let scalars = Self.scalars(sgd: sgd, lr: lr, isFirstStep: isFirstStep), kernel = path.c
        let shared = ThreadShared((p: pBase, g: gBase, buf: momentumBuffer?.baseAddress))
        parallelism.forEachChunk(of: n) { range in
            let b = shared.value, i = range.lowerBound
            withUnsafePointer(to: scalars) { s in
                optimlab_sgd_f32(s, b.p + i, b.g + i, b.buf.map { $0 + i }, range.count, kernel)
            }
        }
    }

    /// One step's scalars, rounded to Float once (Python → `c10::Scalar` → float); weight decay runs
    /// when λ rounds to a nonzero Float.
    static func scalars(sgd: SGD, lr: Double, isFirstStep: Bool) -> OptimlabSGDScalars {
        OptimlabSGDScalars(
            weight_decay: Float(sgd.weightDecay), momentum: Float(sgd.momentum), keep: Float(1 - sgd.dampening),
            neg_lr: Float(-lr), decays: Float(sgd.weightDecay) != 0, nesterov: sgd.nesterov,
            is_first_step: isFirstStep)
    }
}
