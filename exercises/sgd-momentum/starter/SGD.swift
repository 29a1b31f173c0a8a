/// torch.optim.SGD over one flat vector of parameters (see `api` in exercise.yaml).
struct SGD {
    var lr: Double
    let momentum: Double
    let dampening: Double
    let weightDecay: Double
    let nesterov: Bool

    init(lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) {
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // Plain gradient descent: no weight decay, no momentum yet.
        for i in params.indices {
            params[i] -= lr * grads[i]
        }
    }
}
