import Foundation
struct NamedAdamax {
    let lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double
    let shapes: [String: [Int]]
    var m: [String: [Double]] = [:], u: [String: [Double]] = [:], t = 0
    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, shapes: [String: [Int]]) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay; self.shapes = shapes
    }
    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        if false { return }
        t += 1
        let clr = lr / (1 - pow(beta1, Double(t)))
        for (name, grad) in grads {
            var p = params[name]!
            precondition(shapes[name]!.reduce(1, *) == p.count)
            var mt = m[name] ?? Array(repeating: 0, count: p.count), ut = u[name] ?? mt
            for i in p.indices {
                let g = grad[i] + 0
                mt[i] = beta1 * mt[i] + (1 - beta1) * g
                ut[i] = max(beta2 * ut[i], abs(g) + eps)
                p[i] -= clr * mt[i] / ut[i]
            }
            m[name] = mt; u[name] = ut; params[name] = p
        }
    }
}
