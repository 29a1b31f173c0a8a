import Foundation

/// AdamW over named tensors; tensors named like biases or norm gains take no weight decay.
final class GroupedAdamW {
    let lr, beta1, beta2, eps, weightDecay: Double
    private var m: [String: [Double]] = [:]
    private var v: [String: [Double]] = [:]
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        t += 1
        let bc1 = 1 - pow(beta1, Double(t)), bc2 = 1 - pow(beta2, Double(t))
        for (name, g) in grads {
            guard var p = params[name] else { continue }
            let decay = name.contains("bias") || name.contains("norm") ? 0 : weightDecay
            var mt = m[name] ?? Array(repeating: 0, count: p.count)
            var vt = v[name] ?? Array(repeating: 0, count: p.count)
            for i in p.indices {
                p[i] *= 1 - lr * decay
                mt[i] = beta1 * mt[i] + (1 - beta1) * g[i]
                vt[i] = beta2 * vt[i] + (1 - beta2) * g[i] * g[i]
                p[i] -= (lr / bc1) * mt[i] / (vt[i].squareRoot() / bc2.squareRoot() + eps)
            }
            params[name] = p; m[name] = mt; v[name] = vt
        }
    }
}
