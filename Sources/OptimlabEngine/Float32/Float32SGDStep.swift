/// SGD with momentum, dampening, Nesterov and coupled weight decay over contiguous Float32 buffers:
/// ``SGD``'s step with PyTorch's rules in one vectorised, threaded pass (12 bytes per parameter
/// without momentum, 20 with). Per lane, with PyTorch's fused multiply-adds:
///
///     g   ← fma(λ, θ, g)                    (skipped when λ = 0)
///     buf ← g                               (first step: no dampening, as PyTorch)
///     buf ← fma(1 − dampening, g, buf·μ)    (later steps)
///     g   ← fma(μ, buf, g)  (Nesterov)   or   g ← buf
///     θ   ← fma(−lr, g, θ)
///
/// Scalars are computed in Double and rounded to Float once (Python → `c10::Scalar` → float), and
/// every lane does the scalar operations in the scalar order, so the result does not depend on the
/// length, the vector width or the thread count.
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
        precondition(params.count == grads.count, "params and grads must have one length")
        let firstStep = state.momentumBuffer.isEmpty
        if sgd.momentum != 0 && firstStep { state.momentumBuffer = Array(repeating: 0, count: params.count) }
        let hasMomentum = sgd.momentum != 0
        params.withUnsafeMutableBufferPointer { p in
            grads.withUnsafeBufferPointer { g in
                state.momentumBuffer.withUnsafeMutableBufferPointer { buf in
                    apply(params: p, grads: g, momentumBuffer: hasMomentum ? buf : nil, isFirstStep: firstStep,
                          lr: lr, parallelism: parallelism)
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
        let n = params.count
        precondition(grads.count == n && (momentumBuffer?.count ?? n) == n, "params, grads and buffer must have one length")
        precondition((momentumBuffer != nil) == (sgd.momentum != 0), "a momentum buffer is required exactly with momentum")
        guard n > 0, let pBase = params.baseAddress, let gBase = grads.baseAddress else { return }
        let lanes = LaneScalars(sgd: sgd, lr: lr, isFirstStep: isFirstStep)
        let shared = ThreadShared((p: pBase, g: gBase, buf: momentumBuffer?.baseAddress))
        parallelism.forEachChunk(of: n) { range in
            lanes.run(p: shared.value.p, g: shared.value.g, buf: shared.value.buf, over: range)
        }
    }

    /// One step's scalars, rounded to Float once and splatted across the lanes.
    struct LaneScalars {
        let weightDecay, momentum, keep, negLR: FloatLanes
        let decays, nesterov, isFirstStep: Bool

        init(sgd: SGD, lr: Double, isFirstStep: Bool) {
            weightDecay = FloatLanes(repeating: Float(sgd.weightDecay))
            momentum = FloatLanes(repeating: Float(sgd.momentum))
            keep = FloatLanes(repeating: Float(1 - sgd.dampening))
            negLR = FloatLanes(repeating: Float(-lr))
            decays = Float(sgd.weightDecay) != 0
            nesterov = sgd.nesterov
            self.isFirstStep = isFirstStep
        }

        /// The update of 16 parameters; returns the new θ and momentum buffer.
        @inline(__always)
        func update(p: FloatLanes, g: FloatLanes, buf: FloatLanes?) -> (p: FloatLanes, buf: FloatLanes?) {
            var g = g
            if decays { g = g.addingProduct(weightDecay, p) }
            var newBuf: FloatLanes? = nil
            if let buf {
                let b = isFirstStep ? g : (buf * momentum).addingProduct(keep, g)
                g = nesterov ? g.addingProduct(momentum, b) : b
                newBuf = b
            }
            return (p.addingProduct(negLR, g), newBuf)
        }

        /// Steps the elements of `range`: whole vectors, then the tail through a zero-padded vector.
        func run(p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, buf: UnsafeMutablePointer<Float>?,
                 over range: Range<Int>) {
            let width = FloatLanes.scalarCount
            var i = range.lowerBound
            while i + width <= range.upperBound {
                let r = update(p: .load(p, at: i), g: .load(g, at: i), buf: buf.map { FloatLanes.load($0, at: i) })
                r.p.store(to: p, at: i)
                if let buf, let value = r.buf { value.store(to: buf, at: i) }
                i += width
            }
            let rest = range.upperBound - i
            guard rest > 0 else { return }
            let r = update(p: .loadPartial(p, at: i, count: rest), g: .loadPartial(g, at: i, count: rest),
                           buf: buf.map { FloatLanes.loadPartial($0, at: i, count: rest) })
            r.p.storePartial(to: p, at: i, count: rest)
            if let buf, let value = r.buf { value.storePartial(to: buf, at: i, count: rest) }
        }
    }
}
