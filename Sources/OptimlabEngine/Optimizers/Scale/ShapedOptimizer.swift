/// An optimizer whose step depends on a tensor's shape, not only on its elements: Adafactor factors a
/// matrix's second moment into row and column statistics, Muon orthogonalises a matrix, and LAMB and
/// LARS scale each tensor by a trust ratio of norms. Each instance steps one tensor.
public protocol ShapedOptimizer: Sendable {
    associatedtype State: OptimizerState

    /// The state before the first step for a tensor of `shape` (row-major).
    func initialState(shape: [Int]) -> State

    /// One step of the tensor `params` (row-major, `shape`) with `grads` at learning rate `lr`.
    func step(params: inout [Double], grads: [Double], shape: [Int], state: inout State, lr: Double)
}

/// A ``ShapedOptimizer`` bound to one tensor's shape, so it runs as any ``Optimizer``.
public struct OnTensor<O: ShapedOptimizer>: Optimizer {
    public let optimizer: O
    public let shape: [Int]

    public init(_ optimizer: O, shape: [Int]) { self.optimizer = optimizer; self.shape = shape }

    public func initialState(count: Int) -> O.State {
        precondition(count == shape.reduce(1, *), "a tensor of shape \(shape) holds \(shape.reduce(1, *)) values, not \(count)")
        return optimizer.initialState(shape: shape)
    }

    public func step(params: inout [Double], grads: [Double], state: inout O.State, lr: Double) {
        optimizer.step(params: &params, grads: grads, shape: shape, state: &state, lr: lr)
    }
}

/// PyTorch's `lerp(start, end, w)` = start + w·(end − start), computed as its CPU kernel does: for
/// w < 0.5 `fma(w, end − start, start)`, otherwise `fma(w − 1, end − start, end)`.
@inline(__always)
func torchLerp(_ start: Double, _ end: Double, _ w: Double) -> Double {
    w < 0.5 ? start.addingProduct(w, end - start) : end.addingProduct(w - 1, end - start)
}

/// One element of PyTorch's RAdam/NAdam step before its own update rule: weight decay, decoupled
/// (θ ← θ·(1 − lr·λ), `decay` = 1 − lr·λ) or as L2 (g ← g + λ·θ), then the moments
/// m ← lerp(m, g, 1 − β₁) and v ← β₂·v + (1 − β₂)·g² (fused as torch's CPU kernel fuses them).
@inline(__always)
func decayedMoments(param: Double, grad: Double, m: Double, v: Double, beta1: Double, beta2: Double,
                    weightDecay: Double, decoupled: Bool, decay: Double) -> (p: Double, g: Double, m: Double, v: Double) {
    var p = param, g = grad
    if weightDecay != 0 {
        if decoupled { p = p * decay } else { g = g.addingProduct(weightDecay, p) }
    }
    return (p, g, torchLerp(m, g, 1 - beta1), (v * beta2).addingProduct((1 - beta2) * g, g))
}

/// The Euclidean (Frobenius) norm √(Σ xᵢ²).
func euclideanNorm(_ x: [Double]) -> Double {
    x.reduce(0) { $0.addingProduct($1, $1) }.squareRoot()
}

/// The trust ratio of LARS and LAMB (optax's `scale_by_trust_ratio`): `c·‖θ‖ / (‖u‖ + ε)`, and 1 when
/// either norm is 0 (a zero tensor, or a zero update, would otherwise never move or divide by 0).
public func trustRatio(paramNorm: Double, updateNorm: Double, coefficient: Double = 1, eps: Double = 0) -> Double {
    paramNorm == 0 || updateNorm == 0 ? 1 : coefficient * paramNorm / (updateNorm + eps)
}

/// Two moment buffers and a step count (RAdam, NAdam, Adamax, LAMB), named by PyTorch's state keys.
public struct TwoMomentState: OptimizerState {
    public var first: [Double]
    public var second: [Double]
    public var stepCount: Int
    /// NAdam's running product of momentum coefficients μ₁…μₜ (1 before the first step).
    public var muProduct: Double
    let names: (StateBuffer, StateBuffer)

    init(count: Int, names: (StateBuffer, StateBuffer)) {
        first = Array(repeating: 0, count: count)
        second = Array(repeating: 0, count: count)
        stepCount = 0
        muProduct = 1
        self.names = names
    }

    public var buffers: [(name: StateBuffer, values: [Double])] { [(names.0, first), (names.1, second)] }

    public static func == (a: TwoMomentState, b: TwoMomentState) -> Bool {
        a.first == b.first && a.second == b.second && a.stepCount == b.stepCount && a.muProduct == b.muProduct
            && a.names == b.names
    }
}

/// One buffer and a step count (Lion's momentum, LARS's trace, Muon's momentum buffer).
public struct OneBufferState: OptimizerState {
    public var buffer: [Double]
    public var stepCount: Int
    let name: StateBuffer

    init(count: Int, name: StateBuffer) {
        buffer = Array(repeating: 0, count: count); stepCount = 0; self.name = name
    }

    public var buffers: [(name: StateBuffer, values: [Double])] { [(name, buffer)] }
}
