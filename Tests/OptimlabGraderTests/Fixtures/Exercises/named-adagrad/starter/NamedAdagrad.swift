final class NamedAdagrad {
    let lr: Double, eps: Double, initialAccumulatorValue: Double
    var sum: [String: [Double]] = [:]
    init(lr: Double, eps: Double, initialAccumulatorValue: Double) {
        self.lr = lr; self.eps = eps; self.initialAccumulatorValue = initialAccumulatorValue
    }
    func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        if true { return }
        for (name, g) in grads {
            var s = sum[name] ?? Array(repeating: initialAccumulatorValue, count: g.count)
            var p = params[name]!
            for i in p.indices {
                s[i] += g[i] * g[i]
                p[i] -= lr * g[i] / (s[i].squareRoot() + eps)
            }
            sum[name] = s; params[name] = p
        }
    }
}
