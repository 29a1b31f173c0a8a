/// torch.optim.RMSprop over one flat vector.
struct RMSprop {
    let lr: Double
    let alpha: Double
    let eps: Double
    let weightDecay: Double
    let momentum: Double
    let centered: Bool
    private var square: [Double] = []
    private var mean: [Double] = []
    private var buffer: [Double] = []

    init(lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool) {
        self.lr = lr; self.alpha = alpha; self.eps = eps; self.weightDecay = weightDecay
        self.momentum = momentum; self.centered = centered
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if square.isEmpty {
            square = Array(repeating: 0, count: params.count); mean = square; buffer = square
        }
        for i in params.indices {
            let g = grads[i] + weightDecay * params[i]
            square[i] = alpha * square[i] + (1 - alpha) * g * g
            var variance = square[i]
            if centered {
                mean[i] = alpha * mean[i] + (1 - alpha) * g
                variance -= mean[i] * mean[i]
            }
            let avg = variance.squareRoot() + eps
            if momentum > 0 {
                buffer[i] = momentum * buffer[i] + g / avg
                params[i] -= lr * buffer[i]
            } else {
                params[i] -= lr * g / avg
            }
        }
    }
}
