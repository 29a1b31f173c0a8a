/// torch.optim.SGD over one flat vector: L2 decay, momentum with dampening, Nesterov.
struct SGD {
    var lr: Double
    let momentum: Double
    let dampening: Double
    let weightDecay: Double
    let nesterov: Bool
    private var buffer: [Double] = []

    init(lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool) {
        self.lr = lr; self.momentum = momentum; self.dampening = dampening
        self.weightDecay = weightDecay; self.nesterov = nesterov
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        let first = buffer.isEmpty
        if first { buffer = Array(repeating: 0, count: params.count) }
        for i in params.indices {
            var g = grads[i] + weightDecay * params[i]
            if momentum != 0 {
                buffer[i] = first ? g : momentum * buffer[i] + (1 - dampening) * g
                g = nesterov ? g + momentum * buffer[i] : buffer[i]
            }
            params[i] -= lr * g
        }
    }
}
