import OptimlabEngine

/// A synthetic trace for timing `optimlab trace`: AdamW (PyTorch defaults) with warm-up + cosine and
/// clipping at norm 1, two tensors (`w` with `params` values, `b` with 8), and `steps` steps of
/// pseudo-random gradients (no lr, grad_norm or params: the engine fills those in).
enum SyntheticTrace {
    static func make(steps: Int, params: Int, dtype: TraceDType) -> Trace {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func values(_ count: Int) -> [Double] {
            (0..<count).map { _ in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return Double(Float(seed >> 40) / Float(1 << 23) - 1)   // Float-representable, in [−1, 1)
            }
        }
        let initial = NamedTensors([("w", values(params)), ("b", values(8))])
        let trace = (0..<steps).map { _ in TraceStep(grads: NamedTensors([("w", values(params)), ("b", values(8))])) }
        return Trace(optimizer: .adamw(AdamHyperparameters(weightDecay: 0.01)),
                     schedule: .warmupCosine(warmupSteps: min(100, steps), totalSteps: steps, minLR: 0),
                     clipNorm: 1, dtype: dtype, initialParams: initial, steps: trace)
    }
}
