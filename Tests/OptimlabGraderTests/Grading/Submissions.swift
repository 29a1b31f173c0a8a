import Foundation

/// Student submissions for the `adamw` exercise, written the way students get it wrong. Each is the
/// reference solution with one change, so a diagnosis can only come from that change.
enum Submissions {
    /// A full AdamW type whose `step` loop body is `body` (θ = params[i], g = grads[i]); `prologue`
    /// runs first inside step, after the counter increment unless `incrementsFirst` is false.
    static func adamw(body: String, prologue: String = "", counter: String = "t += 1", extraMembers: String = "") -> String {
        """
        import Foundation

        struct AdamW {
            var lr: Double
            let beta1: Double
            let beta2: Double
            let eps: Double
            let weightDecay: Double
            private var m: [Double] = []
            private var v: [Double] = []
            private var t = 0
        \(extraMembers)
            init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
                self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
            }

            mutating func step(params: inout [Double], grads: [Double]) {
                if m.isEmpty { m = Array(repeating: 0, count: params.count); v = m }
                \(counter)
                \(prologue)
                let bc1 = 1 - pow(beta1, Double(t))
                let bc2 = 1 - pow(beta2, Double(t))
                for i in params.indices {
                    let g = grads[i]
        \(body)
                }
            }
        }

        """
    }

    static let correctBody = """
                    params[i] *= 1 - lr * weightDecay
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    params[i] -= (lr / bc1) * m[i] / ((v[i] / bc2).squareRoot() + eps)
        """

    static let correct = adamw(body: correctBody)

    /// The reference solution written as a final class (no `mutating`).
    static let correctClass = correct
        .replacingOccurrences(of: "struct AdamW", with: "final class AdamW")
        .replacingOccurrences(of: "mutating func", with: "func")

    /// Known mistakes, by the `KnownMistake` raw value the grader should name.
    static let mistakes: [String: String] = [
        "no-bias-correction": adamw(body: """
                    params[i] *= 1 - lr * weightDecay
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    params[i] -= lr * m[i] / (v[i].squareRoot() + eps)
        """),
        "coupled-weight-decay": adamw(body: """
                    let gd = g + weightDecay * params[i]
                    m[i] = beta1 * m[i] + (1 - beta1) * gd
                    v[i] = beta2 * v[i] + (1 - beta2) * gd * gd
                    params[i] -= (lr / bc1) * m[i] / ((v[i] / bc2).squareRoot() + eps)
        """),
        "decay-not-scaled-by-lr": adamw(body: correctBody.replacingOccurrences(of: "1 - lr * weightDecay", with: "1 - weightDecay")),
        "decay-after-update": adamw(body: """
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    params[i] -= (lr / bc1) * m[i] / ((v[i] / bc2).squareRoot() + eps)
                    params[i] *= 1 - lr * weightDecay
        """),
        "eps-inside-sqrt": adamw(body: correctBody.replacingOccurrences(of: "((v[i] / bc2).squareRoot() + eps)", with: "(v[i] / bc2 + eps).squareRoot()")),
        "step-from-zero": adamw(body: correctBody, counter: "defer { t += 1 }"),
        "betas-swapped": adamw(body: """
                    params[i] *= 1 - lr * weightDecay
                    m[i] = beta2 * m[i] + (1 - beta2) * g
                    v[i] = beta1 * v[i] + (1 - beta1) * g * g
                    params[i] -= (lr / (1 - pow(beta2, Double(t)))) * m[i] / ((v[i] / (1 - pow(beta1, Double(t)))).squareRoot() + eps)
        """),
        // Keras' efficient form: ε added to √v, the corrections folded into the step size.
        "keras": adamw(body: """
                    params[i] *= 1 - lr * weightDecay
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    params[i] -= lr * bc2.squareRoot() / bc1 * m[i] / (v[i].squareRoot() + eps)
        """),
    ]

    /// Prints a fake pass, writes JSON claiming success, and exits 0 before any step.
    static let fakePass = adamw(body: correctBody, prologue: """
        print("PASS: all 5 cases passed")
        print(#"{"status": "pass", "score": 10}"#)
        exit(0)
        """)

    /// Crashes at the second step (index out of range).
    static let crashes = adamw(body: correctBody, prologue: "if t == 2 { _ = grads[grads.count + 3] }")

    /// Crashes only on the 6-parameter case (`schedule`); every other case is correct.
    static let crashesInOneCase = adamw(body: correctBody, prologue: #"if params.count == 6 { fatalError("six") }"#)

    /// Never returns from the first step.
    static let loopsForever = adamw(body: correctBody, prologue: "var spin = 0.0; while true { spin += 1; if spin < 0 { break } }")

    /// Allocates without bound.
    static let allocates = adamw(body: correctBody, prologue: """
        var hoard: [[Double]] = []
        while true { hoard.append([Double](repeating: Double(hoard.count), count: 1 << 20)) }
        """)

    /// A type error on line 27 (`let g = grads[i]` is line 25; the body starts at 26).
    static let doesNotCompile = adamw(body: """
                    params[i] *= 1 - lr * weightDecay
                    m[i] = beta1 * m[i] + "oops"
        """)

    /// Compiles on its own but has no settable `lr`: the glue cannot conform it to the API.
    static let wrongAPI = correct.replacingOccurrences(of: "    var lr: Double\n", with: "    let lr: Double\n")
}
