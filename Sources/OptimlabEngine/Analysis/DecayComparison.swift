/// One Adam-family step taken with given bias-corrected moments, to compare how L2 and decoupled
/// weight decay act on a weight whose gradient history is summarised by v̂ (the lecture's "one-step
/// worked numeric"). With m̂ equal to the gradient used (a steady gradient):
///
///     Adam + L2:  g' = g + λθ,  Δθ = −lr·g'/(√v̂ + ε)            decay part lr·λθ/(√v̂ + ε)
///     AdamW:      g' = g,       Δθ = −lr·g/(√v̂ + ε) − lr·λθ      decay part lr·λθ
///
/// L2's decay is divided by √v̂, so a weight with large past gradients is barely decayed; AdamW's is
/// the same fraction lr·λ of every weight.
public struct DecayComparison: Sendable, Equatable {
    /// The gradient the moments are built from.
    public var gradientUsed: Double
    /// θₜ − θₜ₋₁.
    public var update: Double
    public var thetaAfter: Double
    /// How much of −Δθ comes from weight decay.
    public var decay: Double

    public static func l2(theta: Double, g: Double, lr: Double, weightDecay: Double, vHat: Double, eps: Double = 1e-8) -> DecayComparison {
        let used = g + weightDecay * theta
        let denom = vHat.squareRoot() + eps
        let update = -lr * used / denom
        return DecayComparison(gradientUsed: used, update: update, thetaAfter: theta + update,
                               decay: lr * weightDecay * theta / denom)
    }

    public static func decoupled(theta: Double, g: Double, lr: Double, weightDecay: Double, vHat: Double, eps: Double = 1e-8) -> DecayComparison {
        let decay = lr * weightDecay * theta
        let update = -lr * g / (vHat.squareRoot() + eps) - decay
        return DecayComparison(gradientUsed: g, update: update, thetaAfter: theta + update, decay: decay)
    }
}
