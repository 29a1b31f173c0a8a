/// torch.optim.AdamW over one flat vector of parameters, amsgrad off (see `api` in exercise.yaml).
struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep m, v and the step count t, and update params in place.
    }
}
