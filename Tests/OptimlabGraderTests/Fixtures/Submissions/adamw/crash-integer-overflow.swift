import Foundation

struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double
    private var m: [Double] = []
    private var v: [Double] = []
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = Array(repeating: 0, count: params.count); v = m }
        t += 1
        var big = Int.max - 1
        if t == 2 { big += t }
        _ = big
        let bc1 = 1 - pow(beta1, Double(t))
        let bc2 = 1 - pow(beta2, Double(t))
        for i in params.indices {
            let g = grads[i]
            params[i] *= 1 - lr * weightDecay
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            params[i] -= (lr / bc1) * m[i] / ((v[i] / bc2).squareRoot() + eps)
        }
    }
}
