/// AdamW over named tensors with a no-decay group (see `api` in exercise.yaml).
struct GroupedAdamW {
    let lr, beta1, beta2, eps, weightDecay: Double

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        // TODO: per tensor, pick its weight decay from its name, then the AdamW update.
    }
}
