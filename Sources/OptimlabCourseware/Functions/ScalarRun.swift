import OptimlabEngine

/// Runs an engine optimizer on one scalar weight, recording θ after every step and the buffers after
/// the last: the shared machinery of the optimizer functions and tables.
struct ScalarRun {
    /// θ₀, θ₁, …, θₙ.
    var thetas: [Double]
    /// Each step's buffers (m, v, sum, square_avg, momentum_buffer …), one entry per step.
    var buffers: [[StateBuffer: Double]]

    init(_ spec: OptimizerSpec, grads: [Double], theta0: Double, variant: Variant) {
        var run = spec.makeRun(count: 1, variant: variant)
        var params = [theta0]
        thetas = [theta0]
        buffers = []
        for g in grads {
            run.step(params: &params, grads: [g], lr: spec.lr)
            thetas.append(params[0])
            buffers.append(Dictionary(run.buffers.compactMap { b in b.values.first.map { (b.name, $0) } },
                                      uniquingKeysWith: { a, _ in a }))
        }
    }

    var final: Double { thetas[thetas.count - 1] }

    /// θₜ − θₜ₋₁ (t ≥ 1).
    func update(at t: Int) -> Double { thetas[t] - thetas[t - 1] }

    /// A buffer after step t (1-based), 0 when the optimizer has none by that name yet.
    func buffer(_ name: StateBuffer, at t: Int) -> Double { buffers[t - 1][name] ?? 0 }

    static func make(_ kind: OptimizerKind, _ fields: [OptimizerField: Double], variant: Variant) -> OptimizerSpec {
        OptimizerSpec.make(kind: kind, fields: fields, convention: variant.convention)
    }
}
