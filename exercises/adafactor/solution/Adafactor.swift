import Foundation

/// Adafactor as torch.optim.Adafactor: factored row and column statistics for matrices, a full second
/// moment for vectors, a step relative to the tensor's RMS and the update clipped at RMS d.
struct Adafactor {
    var lr: Double
    let beta2Decay, eps1, eps2, d, weightDecay: Double
    let shapes: [String: [Int]]
    private var rows: [String: [Double]] = [:]
    private var cols: [String: [Double]] = [:]
    private var variance: [String: [Double]] = [:]
    private var t = 0

    init(lr: Double, beta2Decay: Double, eps1: Double, eps2: Double, d: Double, weightDecay: Double, shapes: [String: [Int]]) {
        self.lr = lr; self.beta2Decay = beta2Decay; self.eps1 = eps1; self.eps2 = eps2; self.d = d
        self.weightDecay = weightDecay; self.shapes = shapes
    }

    static func rms(_ x: [Double]) -> Double { (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot() }

    mutating func step(params: inout [String: [Double]], grads: [String: [Double]]) {
        t += 1
        let w = pow(Double(t), beta2Decay)
        let rho = min(lr, 1 / Double(t).squareRoot())
        for (name, g) in grads {
            guard var p = params[name] else { continue }
            let alpha = max(eps2, Self.rms(p)) * rho
            for i in p.indices { p[i] *= 1 - lr * weightDecay }
            let shape = shapes[name] ?? [p.count]
            let vHat = shape.count >= 2 ? factored(name, g, rows: shape[shape.count - 2], cols: shape[shape.count - 1], weight: w)
                : full(name, g, weight: w)
            let u = g.indices.map { g[$0] / max(vHat[$0], eps1 * eps1).squareRoot() }
            let scale = alpha / max(1, Self.rms(u) / d)
            for i in p.indices { p[i] -= scale * u[i] }
            params[name] = p
        }
    }

    /// Updates the row and column means of g² of each R×C matrix and returns r·sᵀ / max(mean(r), ε₁).
    mutating func factored(_ name: String, _ g: [Double], rows R: Int, cols C: Int, weight w: Double) -> [Double] {
        let batch = g.count / (R * C)
        var r = rows[name] ?? Array(repeating: 0, count: batch * R)
        var s = cols[name] ?? Array(repeating: 0, count: batch * C)
        var vHat = Array(repeating: 0.0, count: g.count)
        for b in 0..<batch {
            let base = b * R * C
            for i in 0..<R {
                let mean = (0..<C).reduce(0.0) { $0 + g[base + i * C + $1] * g[base + i * C + $1] } / Double(C)
                r[b * R + i] += w * (mean - r[b * R + i])
            }
            for j in 0..<C {
                let mean = (0..<R).reduce(0.0) { $0 + g[base + $1 * C + j] * g[base + $1 * C + j] } / Double(R)
                s[b * C + j] += w * (mean - s[b * C + j])
            }
            let rowMean = max(r[(b * R)..<((b + 1) * R)].reduce(0, +) / Double(R), eps1)
            for i in 0..<R {
                for j in 0..<C { vHat[base + i * C + j] = r[b * R + i] * s[b * C + j] / rowMean }
            }
        }
        rows[name] = r; cols[name] = s
        return vHat
    }

    /// Updates the full second moment of a vector and returns it.
    mutating func full(_ name: String, _ g: [Double], weight w: Double) -> [Double] {
        var v = variance[name] ?? Array(repeating: 0, count: g.count)
        for i in g.indices { v[i] += w * (g[i] * g[i] - v[i]) }
        variance[name] = v
        return v
    }
}
