/// How Muon scales its learning rate by the matrix's shape A×B (PyTorch's `adjust_lr_fn`).
public enum MuonLRAdjustment: String, Sendable, Equatable, CaseIterable {
    /// √max(1, A/B): Keller Jordan's original Muon (PyTorch's default, `null`).
    case original
    /// 0.2·√max(A, B): Moonshot's "Muon is Scalable for LLM Training", matching AdamW's update RMS so
    /// AdamW's lr and weight decay carry over.
    case matchRMSAdamW = "match_rms_adamw"
    /// √(A/B): Bernstein's spectral scaling, unclamped.
    case spectralUnclamped = "spectral_unclamped"

    public func ratio(rows a: Int, cols b: Int) -> Double {
        let (a, b) = (Double(a), Double(b))
        switch self {
        case .original: return Swift.max(1, a / b).squareRoot()
        case .matchRMSAdamW: return 0.2 * Swift.max(a, b).squareRoot()
        case .spectralUnclamped: return (a / b).squareRoot()
        }
    }
}

/// Muon (Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural networks") with
/// `torch.optim.Muon` semantics, for 2-D tensors only:
///
///     B ← B + (1−μ)(g − B)                        (momentum as a lerp)
///     M = g + μ(B − g)  (nesterov)   or   M = B
///     X = M/max(‖M‖_F, ε), transposed to be wide (rows ≤ cols)
///     k times:  A = XXᵀ;  X ← aX + (bA + cA²)X        (Newton–Schulz, coefficients (a, b, c))
///     θ ← θ·(1 − lr·λ);   θ ← θ − lr·ratio(shape)·X
///
/// The quintic Newton–Schulz map pushes every singular value of M toward ~1 (into roughly [0.7, 1.2]
/// with the default coefficients), so the update is M's "orthogonal part" UVᵀ: its direction keeps M's
/// singular vectors and drops their scales. Computed in Double here; PyTorch runs the iteration in
/// bfloat16 (about 3 significant digits), so a PyTorch run differs from this by bfloat16 rounding,
/// and traces made for 1e-9 comparison run it in float64 (their `reference.note` says so).
public struct Muon: ShapedOptimizer, Equatable {
    public var lr: Double
    public var weightDecay: Double
    public var momentum: Double
    public var nesterov: Bool
    public var nsCoefficients: [Double]
    public var eps: Double
    public var nsSteps: Int
    /// nil: PyTorch's default, which is ``MuonLRAdjustment/original``.
    public var adjustLR: MuonLRAdjustment?

    public static let defaultCoefficients = [3.4445, -4.775, 2.0315]

    public init(lr: Double = 1e-3, weightDecay: Double = 0.1, momentum: Double = 0.95, nesterov: Bool = true,
                nsCoefficients: [Double] = Muon.defaultCoefficients, eps: Double = 1e-7, nsSteps: Int = 5,
                adjustLR: MuonLRAdjustment? = nil) {
        self.lr = lr; self.weightDecay = weightDecay; self.momentum = momentum; self.nesterov = nesterov
        self.nsCoefficients = nsCoefficients; self.eps = eps; self.nsSteps = nsSteps; self.adjustLR = adjustLR
    }

    public func initialState(shape: [Int]) -> OneBufferState {
        precondition(shape.count == 2, "Muon updates 2-D tensors only, not shape \(shape)")
        return OneBufferState(count: shape[0] * shape[1], name: .momentumBuffer)
    }

    public func step(params: inout [Double], grads: [Double], shape: [Int], state: inout OneBufferState, lr: Double) {
        precondition(shape.count == 2 && params.count == shape[0] * shape[1] && grads.count == params.count,
                     "Muon updates 2-D tensors only")
        let (rows, cols) = (shape[0], shape[1])
        var m = [Double](repeating: 0, count: params.count)
        for i in grads.indices {
            state.buffer[i] = torchLerp(state.buffer[i], grads[i], 1 - momentum)
            m[i] = nesterov ? torchLerp(grads[i], state.buffer[i], momentum) : state.buffer[i]
        }
        let o = Self.orthogonalized(Matrix(rows: rows, cols: cols, values: m), coefficients: nsCoefficients,
                                    steps: nsSteps, eps: eps)
        let scaled = -(lr * (adjustLR ?? .original).ratio(rows: rows, cols: cols))
        let decay = 1 - lr * weightDecay
        for i in params.indices { params[i] = (params[i] * decay).addingProduct(scaled, o.values[i]) }
        state.stepCount += 1
    }

    /// PyTorch's `_zeropower_via_newtonschulz` in Double: the matrix's orthogonal part, approximately.
    public static func orthogonalized(_ g: Matrix, coefficients: [Double], steps: Int, eps: Double) -> Matrix {
        precondition(coefficients.count == 3, "Newton–Schulz takes three coefficients")
        let (a, b, c) = (coefficients[0], coefficients[1], coefficients[2])
        let tall = g.rows > g.cols
        var x = tall ? g.transposed : g
        let norm = Swift.max(euclideanNorm(x.values), eps)
        x.values = x.values.map { $0 / norm }
        for _ in 0..<Swift.max(steps, 0) {
            let gram = x * x.transposed
            let update = gram.scaled(b) + (gram * gram).scaled(c)
            x = x.scaled(a) + update * x
        }
        return tall ? x.transposed : x
    }
}

/// A small dense row-major matrix, enough for Muon's Newton–Schulz iteration.
public struct Matrix: Sendable, Equatable {
    public var rows: Int
    public var cols: Int
    public var values: [Double]

    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(values.count == rows * cols, "a \(rows)×\(cols) matrix holds \(rows * cols) values")
        self.rows = rows; self.cols = cols; self.values = values
    }

    public subscript(r: Int, c: Int) -> Double { values[r * cols + c] }

    public var transposed: Matrix {
        var out = [Double](repeating: 0, count: values.count)
        for r in 0..<rows { for c in 0..<cols { out[c * rows + r] = values[r * cols + c] } }
        return Matrix(rows: cols, cols: rows, values: out)
    }

    public func scaled(_ s: Double) -> Matrix { Matrix(rows: rows, cols: cols, values: values.map { $0 * s }) }

    public static func + (x: Matrix, y: Matrix) -> Matrix {
        precondition(x.rows == y.rows && x.cols == y.cols, "sizes must match")
        return Matrix(rows: x.rows, cols: x.cols, values: zip(x.values, y.values).map { $0 + $1 })
    }

    public static func * (x: Matrix, y: Matrix) -> Matrix {
        precondition(x.cols == y.rows, "inner sizes must match")
        var out = [Double](repeating: 0, count: x.rows * y.cols)
        for r in 0..<x.rows {
            for k in 0..<x.cols {
                let a = x.values[r * x.cols + k]
                for c in 0..<y.cols { out[r * y.cols + c] = out[r * y.cols + c].addingProduct(a, y.values[k * y.cols + c]) }
            }
        }
        return Matrix(rows: x.rows, cols: y.cols, values: out)
    }

    /// The singular values' squares are the eigenvalues of XXᵀ; this gives ‖XXᵀ − I‖_F, how far the
    /// rows are from orthonormal (0 for an exactly orthogonal wide matrix).
    public var orthogonalityDefect: Double {
        let wide = rows <= cols ? self : transposed
        var gram = wide * wide.transposed
        for i in 0..<gram.rows { gram.values[i * gram.cols + i] -= 1 }
        return euclideanNorm(gram.values)
    }
}

extension Muon {
    /// What `steps` Newton–Schulz iterations do to one singular value σ of the normalised matrix: the
    /// quintic p(σ) = aσ + bσ³ + cσ⁵ applied `steps` times (the matrix iteration acts on every singular
    /// value this way, independently).
    public static func newtonSchulz(singularValue s: Double, coefficients: [Double] = defaultCoefficients, steps: Int = 5) -> Double {
        precondition(coefficients.count == 3, "Newton–Schulz takes three coefficients")
        var x = s
        for _ in 0..<Swift.max(steps, 0) { x = coefficients[0] * x + coefficients[1] * x * x * x + coefficients[2] * x * x * x * x * x }
        return x
    }
}
