/// torch.optim.Adagrad over one flat vector of parameters (see `api` in exercise.yaml).
struct Adagrad {
    let lr: Double
    let lrDecay: Double
    let weightDecay: Double
    let initialAccumulatorValue: Double
    let eps: Double

    init(lr: Double, lrDecay: Double, weightDecay: Double, initialAccumulatorValue: Double, eps: Double) {
        self.lr = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep a per-coordinate sum of squared gradients and a step count, and update params.
    }
}
