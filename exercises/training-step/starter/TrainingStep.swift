/// One training step on named tensors, in PyTorch's order (see `api` in exercise.yaml).
struct TrainingStep {
    let lr, beta1, beta2, eps, weightDecay, maxNorm, minLR: Double
    let warmupSteps, totalSteps: Int

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double,
         maxNorm: Double, warmupSteps: Int, totalSteps: Int, minLR: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        self.maxNorm = maxNorm; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.minLR = minLR
    }

    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        // TODO: 1. clip all gradients by their global norm
        //       2. take this update's learning rate from the schedule
        //       3. the AdamW update of every tensor
    }
}
