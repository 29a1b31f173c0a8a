/// torch.optim.Adafactor over named tensors (see `api` in exercise.yaml).
struct Adafactor {
    var lr: Double
    let beta2Decay: Double
    let eps1: Double
    let eps2: Double
    let d: Double
    let weightDecay: Double
    let shapes: [String: [Int]]

    init(lr: Double, beta2Decay: Double, eps1: Double, eps2: Double, d: Double, weightDecay: Double, shapes: [String: [Int]]) {
        self.lr = lr
        self.beta2Decay = beta2Decay
        self.eps1 = eps1
        self.eps2 = eps2
        self.d = d
        self.weightDecay = weightDecay
        self.shapes = shapes
    }

    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        // TODO: per tensor, keep its second-moment statistics and the step count, and update params in place.
    }
}
