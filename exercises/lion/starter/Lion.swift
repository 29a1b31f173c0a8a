/// Lion over one flat vector of parameters, as optax.lion (see `api` in exercise.yaml).
struct Lion {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let weightDecay: Double

    init(lr: Double, beta1: Double, beta2: Double, weightDecay: Double) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep the momentum between steps, and update params in place.
    }
}
