import Foundation

/// torch.optim.Adam without weight decay. This version runs, but its first steps are far too large:
/// m and v start at zero, so early on they underestimate the true moments.
final class Adam {
    let lr, beta1, beta2, eps: Double
    private var m: [Double] = []
    private var v: [Double] = []
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
    }

    func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = [Double](repeating: 0, count: params.count); v = m }
        t += 1
        for i in params.indices {
            m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
            v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
            // TODO: correct m and v for their zero start before using them.
            params[i] -= lr * m[i] / (v[i].squareRoot() + eps)
        }
    }
}
