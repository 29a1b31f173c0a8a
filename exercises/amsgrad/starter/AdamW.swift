/// torch.optim.AdamW with the amsgrad option (see `api` in exercise.yaml).
struct AdamW {
    let lr, beta1, beta2, eps, weightDecay: Double
    let amsgrad: Bool

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, amsgrad: Bool) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.amsgrad = amsgrad
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: AdamW's moments and step count, plus the running maximum when amsgrad is on.
    }
}
