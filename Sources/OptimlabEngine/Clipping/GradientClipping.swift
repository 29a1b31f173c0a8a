/// How a global-norm clip turns a norm into a scale factor.
public enum ClippingRule: String, Sendable, Equatable {
    /// `torch.nn.utils.clip_grad_norm_`: coef = min(max_norm / (norm + 1e-6), 1), always multiplied, so a
    /// norm a hair below max_norm is still scaled by slightly less than 1.
    case pytorch
    /// optax/Keras/MLX: scale by max_norm / norm only when norm ≥ max_norm; no ε.
    case threshold
}

/// Global-norm gradient clipping: every gradient of every tensor is scaled by one factor, so the
/// direction of the full update is kept and only its length is capped.
public struct GradientClipping: Sendable, Equatable {
    public var maxNorm: Double
    public var rule: ClippingRule
    /// The 1e-6 mistake: torch's coefficient without its ε, min(max_norm / norm, 1).
    public var omitsEpsilon = false

    public init(maxNorm: Double, rule: ClippingRule = .pytorch) {
        self.maxNorm = maxNorm; self.rule = rule
    }

    /// The L2 norm of one tensor.
    public static func norm(_ tensor: [Double]) -> Double {
        tensor.reduce(0) { $0.addingProduct($1, $1) }.squareRoot()
    }

    /// The global norm as PyTorch computes it: the norm of the per-tensor norms.
    public static func globalNorm(_ grads: NamedTensors) -> Double {
        norm(grads.values.map(norm))
    }

    /// The factor a gradient of norm `norm` is multiplied by.
    public func coefficient(forNorm norm: Double) -> Double {
        switch rule {
        case .pytorch: return min(maxNorm / (omitsEpsilon ? norm : norm + 1e-6), 1)
        case .threshold: return norm >= maxNorm && norm > 0 ? maxNorm / norm : 1
        }
    }

    /// Clips all tensors together by their global norm; returns the clipped gradients and the norm
    /// before clipping (what PyTorch returns).
    public func clip(_ grads: NamedTensors) -> (grads: NamedTensors, norm: Double) {
        let total = Self.globalNorm(grads)
        let coef = coefficient(forNorm: total)
        if rule == .threshold && coef == 1 { return (grads, total) }
        return (grads.mapTensors { $0.map { $0 * coef } }, total)
    }

    /// Clips as `clip` does, with `mistakes` made: per tensor, the norm reported after clipping, no ε.
    /// (Clipping after the update is the training loop's mistake, not the clip's: see ``TrainingRun``.)
    public func clip(_ grads: NamedTensors, mistakes: [KnownMistake]) -> (grads: NamedTensors, norm: Double) {
        var clipping = self
        mistakes.forEach { $0.apply(to: &clipping) }
        var (out, norm) = mistakes.contains(.clipPerTensor) ? (clipping.clipEachTensor(grads), Self.globalNorm(grads)) : clipping.clip(grads)
        if mistakes.contains(.clipNormAfterClipping) { norm = Self.globalNorm(out) }
        return (out, norm)
    }

    /// Clips each tensor by its own norm: the per-tensor mistake, which changes the update's direction.
    public func clipEachTensor(_ grads: NamedTensors) -> NamedTensors {
        grads.mapTensors { tensor in
            let coef = coefficient(forNorm: Self.norm(tensor))
            return tensor.map { $0 * coef }
        }
    }
}
