import Foundation

/// torch.optim.AdamW with amsgrad: the running maximum of the raw v, bias-corrected.
final class AdamW {
    let lr, beta1, beta2, eps, weightDecay: Double
    let amsgrad: Bool
    private var m: [Double] = []
    private var v: [Double] = []
    private var vMax: [Double] = []
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, amsgrad: Bool) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.amsgrad = amsgrad
    }

    func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = Array(repeating: 0, count: params.count); v = m; vMax = m }
        t += 1
        let bc1 = 1 - pow(beta1, Double(t))
        let bc2 = 1 - pow(beta2, Double(t))
        for i in params.indices {
            params[i] *= 1 - lr * weightDecay
            m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
            v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
            var second = v[i]
            if amsgrad {
                vMax[i] = max(vMax[i], v[i])
                second = vMax[i]
            }
            let denom = second.squareRoot() / bc2.squareRoot() + eps
            params[i] -= (lr / bc1) * m[i] / denom
        }
    }
}
