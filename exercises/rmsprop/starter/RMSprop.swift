/// torch.optim.RMSprop over one flat vector of parameters (see `api` in exercise.yaml).
struct RMSprop {
    let lr: Double
    let alpha: Double
    let eps: Double
    let weightDecay: Double
    let momentum: Double
    let centered: Bool

    init(lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool) {
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep the moving average of squared gradients (and what centered and momentum need).
    }
}
