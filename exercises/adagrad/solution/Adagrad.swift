/// torch.optim.Adagrad over one flat vector.
struct Adagrad {
    let lr: Double
    let lrDecay: Double
    let weightDecay: Double
    let initialAccumulatorValue: Double
    let eps: Double
    private var sum: [Double] = []
    private var t = 0

    init(lr: Double, lrDecay: Double, weightDecay: Double, initialAccumulatorValue: Double, eps: Double) {
        self.lr = lr; self.lrDecay = lrDecay; self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue; self.eps = eps
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if sum.isEmpty { sum = Array(repeating: initialAccumulatorValue, count: params.count) }
        t += 1
        let clr = lr / (1 + Double(t - 1) * lrDecay)
        for i in params.indices {
            let g = grads[i] + weightDecay * params[i]
            sum[i] += g * g
            params[i] -= clr * g / (sum[i].squareRoot() + eps)
        }
    }
}
