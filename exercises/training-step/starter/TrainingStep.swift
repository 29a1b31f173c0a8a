import Foundation

/// One training step in PyTorch's order: clip all gradients by their global norm, take the scheduled
/// learning rate, then the AdamW update on every named tensor.
struct TrainingStep {
    let lr, beta1, beta2, eps, weightDecay, maxNorm, minLR: Double
    let warmupSteps, totalSteps: Int
    private var m: [String: [Double]] = [:]
    private var v: [String: [Double]] = [:]
    private var updates = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double,
         maxNorm: Double, warmupSteps: Int, totalSteps: Int, minLR: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.maxNorm = maxNorm; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.minLR = minLR
    }

    func scheduledLR(_ s: Int) -> Double {
        if s < warmupSteps { return lr * Double(s) / Double(warmupSteps) }
        let decaySteps = totalSteps - warmupSteps
        if decaySteps <= 0 { return s >= totalSteps && totalSteps > warmupSteps ? minLR : lr }
        let progress = Double(min(s - warmupSteps, decaySteps)) / Double(decaySteps)
        return minLR + (lr - minLR) * (1 + cos(Double.pi * progress)) / 2
    }

    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        // TODO: compute the global norm of all gradients together.
        let coefficient = 1.0   // TODO: clip by the global norm (clip_grad_norm_)
        let rate = scheduledLR(updates)
        updates += 1
        let t = Double(updates)
        let correction1 = 1 - pow(beta1, t), correction2 = 1 - pow(beta2, t)
        for (name, raw) in grads {
            guard var p = params[name] else { continue }
            var mt = m[name] ?? [Double](repeating: 0, count: p.count)
            var vt = v[name] ?? [Double](repeating: 0, count: p.count)
            for i in p.indices {
                let g = raw[i] * coefficient
                p[i] *= 1 - rate * weightDecay
                mt[i] = beta1 * mt[i] + (1 - beta1) * g
                vt[i] = beta2 * vt[i] + (1 - beta2) * g * g
                p[i] -= rate / correction1 * mt[i] / ((vt[i] / correction2).squareRoot() + eps)
            }
            params[name] = p; m[name] = mt; v[name] = vt
        }
    }
}
