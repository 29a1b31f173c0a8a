/// The files `optimlab new-exercise` writes: an exercise.yaml with one typical case, a starter and a
/// solution. The starter and solution come from `template` (the files of an existing exercise with
/// the same harness) when there is one, so the new exercise passes `optimlab check` at once; without
/// one, the adamw harness still gets a working torch.optim.AdamW, and the other harnesses a
/// placeholder that `optimlab check` reports until the instructor writes the solution.
public struct ExerciseScaffold: Sendable {
    public var id: String
    public var harness: HarnessKind
    public var template: (starter: String, solution: String)?

    public init(id: String, harness: HarnessKind, template: (starter: String, solution: String)? = nil) {
        self.id = id; self.harness = harness; self.template = template
    }

    /// (relative path, contents) pairs.
    public var files: [(String, String)] {
        let file = harness.symbolName.prefix(1).uppercased() + harness.symbolName.dropFirst() + ".swift"
        let fallback = harness == .adamw ? (Self.adamwStarter, Self.adamwSolution) : (Self.placeholder(harness), Self.placeholder(harness))
        let (starter, solution) = template ?? fallback
        return [("exercise.yaml", yaml(file: file)), ("starter/\(file)", starter), ("solution/\(file)", solution)]
    }

    func yaml(file: String) -> String {
        var schedule = ""
        var optimizer = "{lr: 1.0e-3, beta1: 0.9, beta2: 0.999, eps: 1.0e-8, weight_decay: 1.0e-2}"
        switch harness {
        case .adam: optimizer = "{lr: 1.0e-3, beta1: 0.9, beta2: 0.999, eps: 1.0e-8}"
        case .warmupCosine:
            optimizer = "{lr: 1.0e-3}"
            schedule = "\n    schedule: {name: warmup_cosine, warmup_steps: 2, total_steps: 5, min_lr: 0}"
        case .trainingStep: schedule = "\n    schedule: {name: warmup_cosine, warmup_steps: 2, total_steps: 5, min_lr: 0}\n    clip_norm: 1.0"
        case .adamw: break
        }
        return """
            id: \(id)
            title: \(id)
            harness: \(harness.rawValue)
            file: \(file)
            points: 10
            instructions: |
              Describe the task here.
            hints:
              - A first, gentle hint.
            cases:
              - name: typical
                optimizer: \(optimizer)
                tensors: {w: 6}
                steps: 5
                gradients: [1.0e-2, 1]\(schedule)

            """
    }

    static func placeholder(_ kind: HarnessKind) -> String {
        "// Implement \(kind.symbolName) here (see `api` in exercise.yaml).\n"
    }

    static let adamwStarter = #"""
import Foundation

/// AdamW with decoupled weight decay, matching torch.optim.AdamW (amsgrad off).
///
/// Per step t = 1, 2, …, for every coordinate i:
///     θ ← θ·(1 − lr·λ)                      decoupled decay, from the pre-update θ
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        // TODO: keep m, v and the step count t, and update params in place.
    }
}
"""#

    static let adamwSolution = #"""
import Foundation

/// AdamW with decoupled weight decay, as torch.optim.AdamW (amsgrad off).
struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double
    private var m: [Double] = []
    private var v: [Double] = []
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = Array(repeating: 0, count: params.count); v = m }
        t += 1
        let bc1 = 1 - pow(beta1, Double(t))
        let bc2 = 1 - pow(beta2, Double(t))
        for i in params.indices {
            params[i] *= 1 - lr * weightDecay
            m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
            v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
            let denom = (v[i].squareRoot() / bc2.squareRoot()) + eps
            params[i] -= (lr / bc1) * m[i] / denom
        }
    }
}
"""#
}
