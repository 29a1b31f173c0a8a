#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adafactor's state: factored row and column statistics for a tensor of two or more dimensions, the
/// full second moment for a vector.
public struct AdafactorState: OptimizerState {
    /// Row means of g², one per row of each trailing matrix (PyTorch's `row_var`, shape […, R, 1]).
    public var rowVar: [Double]
    /// Column means of g², one per column (PyTorch's `col_var`, shape […, 1, C]).
    public var colVar: [Double]
    /// The element-wise second moment of a vector (PyTorch's `variance`); empty for matrices.
    public var variance: [Double]
    public var stepCount: Int

    public var buffers: [(name: StateBuffer, values: [Double])] {
        variance.isEmpty ? [(.rowVar, rowVar), (.colVar, colVar)] : [(.variance, variance)]
    }
}

/// Adafactor (Shazeer & Stern, "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost", ICML
/// 2018) with `torch.optim.Adafactor` semantics (single-tensor path): no first moment, and for a
/// tensor with trailing matrix R×C a second moment of R + C numbers instead of R·C.
///
/// For t = 1, 2, … on a tensor θ of n elements:
///
///     β̂ₜ = 1 − t^c                     (c = beta2_decay ≤ 0; the lerp weight is t^c, 1 at t = 1)
///     ρₜ = min(lr, 1/√t);   αₜ = max(ε₂, ‖θ‖/√n) · ρₜ     (relative step size, from θ before decay)
///     θ ← θ·(1 − lr·λ)
///     matrix:  r ← lerp(r, rowmean(g²), t^c);  s ← lerp(s, colmean(g²), t^c)
///              v̂ = r sᵀ / max(mean(r), ε₁)           (rank-1 reconstruction of the second moment)
///     vector:  v ← lerp(v, g², t^c);  v̂ = v
///     u = g / √max(v̂, ε₁²)
///     θ ← θ − αₜ / max(1, ‖u‖/(√n·d)) · u          (update clipping at RMS d)
///
/// `eps1` nil means the dtype's machine epsilon (2⁻⁵² for float64), as PyTorch's `eps=(None, 1e-3)`.
/// Dimensions before the last two are batch dimensions, each with its own factors. ``rules`` holds the
/// known mistakes (the unfactored v, the row normalisation, ε₁'s place, the relative step, the clipping).
public struct Adafactor: ShapedOptimizer, Equatable {
    public var lr: Double
    public var beta2Decay: Double
    public var eps1: Double?
    public var eps2: Double
    public var d: Double
    public var weightDecay: Double
    public var rules = AdafactorRules()

    public init(lr: Double = 1e-2, beta2Decay: Double = -0.8, eps1: Double? = nil, eps2: Double = 1e-3,
                d: Double = 1, weightDecay: Double = 0) {
        self.lr = lr; self.beta2Decay = beta2Decay; self.eps1 = eps1; self.eps2 = eps2; self.d = d
        self.weightDecay = weightDecay
    }

    /// (batch, rows, columns) of a shape with two or more dimensions, nil for a vector.
    static func factoring(_ shape: [Int]) -> (batch: Int, rows: Int, cols: Int)? {
        guard shape.count > 1 else { return nil }
        return (shape.dropLast(2).reduce(1, *), shape[shape.count - 2], shape[shape.count - 1])
    }

    /// ε₁ as a step uses it: `eps1`, or the float64 epsilon 2⁻⁵² when unset.
    public var resolvedEps1: Double { eps1 ?? .ulpOfOne }

    /// (batch, rows, columns) of a tensor this optimizer factors, nil for one it keeps in full.
    func factored(_ shape: [Int]) -> (batch: Int, rows: Int, cols: Int)? {
        rules.factorsMatrices ? Self.factoring(shape) : nil
    }

    public func initialState(shape: [Int]) -> AdafactorState {
        if let f = factored(shape) {
            return AdafactorState(rowVar: Array(repeating: 0, count: f.batch * f.rows),
                                  colVar: Array(repeating: 0, count: f.batch * f.cols), variance: [], stepCount: 0)
        }
        return AdafactorState(rowVar: [], colVar: [], variance: Array(repeating: 0, count: shape.reduce(1, *)), stepCount: 0)
    }

    public func step(params: inout [Double], grads: [Double], shape: [Int], state: inout AdafactorState, lr: Double) {
        let n = params.count
        precondition(grads.count == n && shape.reduce(1, *) == n, "params, grads and shape must agree")
        let t = Double(state.stepCount + 1)
        let w = pow(t, beta2Decay)
        let rho = Swift.min(lr, 1 / pow(t, 0.5))
        let rootN = pow(Double(n), 0.5)
        let alpha = rules.relativeStep ? Swift.max(eps2, euclideanNorm(params) / rootN) * rho : rho
        let e1 = resolvedEps1
        if weightDecay != 0 {
            let decay = 1 - (rules.decayScale == .unscaled ? 1 : lr) * weightDecay
            for i in params.indices { params[i] *= decay }
        }
        var estimate: [Double]
        if let f = factored(shape) {
            estimate = factoredEstimate(grads: grads, f, state: &state, weight: w, eps1: e1)
        } else {
            for i in grads.indices { state.variance[i] = torchLerp(state.variance[i], grads[i] * grads[i], w) }
            estimate = state.variance
        }
        for i in estimate.indices {
            estimate[i] = rules.eps1Placement == .clampsEstimate ? grads[i] * (1 / Swift.max(estimate[i], e1 * e1).squareRoot())
                : grads[i] / (estimate[i].squareRoot() + e1)
        }
        let denom = rules.clipsUpdate ? Swift.max(1, euclideanNorm(estimate) / (rootN * d)) : 1
        let scale = -alpha / denom
        for i in params.indices { params[i] = params[i].addingProduct(scale, estimate[i]) }
        state.stepCount += 1
    }

    /// Updates the row and column factors with g and returns v̂ = r sᵀ / max(mean(r), ε₁) per matrix.
    func factoredEstimate(grads: [Double], _ f: (batch: Int, rows: Int, cols: Int), state: inout AdafactorState,
                          weight w: Double, eps1: Double) -> [Double] {
        let (rows, cols) = (f.rows, f.cols)
        var estimate = [Double](repeating: 0, count: grads.count)
        for b in 0..<f.batch {
            let base = b * rows * cols
            for r in 0..<rows {
                var sum = 0.0
                for c in 0..<cols { let g = grads[base + r * cols + c]; sum = sum.addingProduct(g, g) }
                let norm = sum.squareRoot()
                state.rowVar[b * rows + r] = torchLerp(state.rowVar[b * rows + r], norm * norm / Double(cols), w)
            }
            for c in 0..<cols {
                var sum = 0.0
                for r in 0..<rows { let g = grads[base + r * cols + c]; sum = sum.addingProduct(g, g) }
                let norm = sum.squareRoot()
                state.colVar[b * cols + c] = torchLerp(state.colVar[b * cols + c], norm * norm / Double(rows), w)
            }
            let rowMean = rules.normalisesByRowMean
                ? Swift.max(state.rowVar[(b * rows)..<((b + 1) * rows)].reduce(0, +) / Double(rows), eps1) : 1
            for r in 0..<rows {
                for c in 0..<cols {
                    estimate[base + r * cols + c] = state.rowVar[b * rows + r] * state.colVar[b * cols + c] / rowMean
                }
            }
        }
        return estimate
    }
}
