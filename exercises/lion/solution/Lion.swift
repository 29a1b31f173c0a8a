/// Lion as optax.lion: the sign of an interpolation with the old momentum, decoupled decay inside the update.
struct Lion {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let weightDecay: Double
    private var m: [Double] = []

    init(lr: Double, beta1: Double, beta2: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = Array(repeating: 0, count: params.count) }
        for i in params.indices {
            let c = (1 - beta1) * grads[i] + beta1 * m[i]
            let u: Double = c > 0 ? 1 : (c < 0 ? -1 : 0)
            params[i] -= lr * (u + weightDecay * params[i])
            m[i] = (1 - beta2) * grads[i] + beta2 * m[i]
        }
    }
}
