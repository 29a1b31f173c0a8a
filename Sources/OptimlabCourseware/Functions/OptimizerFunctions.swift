import Foundation
import OptimlabEngine

/// Optimizer runs on one scalar weight. Each builds an engine optimizer and steps it, so every value
/// honours the evaluator's variant (a known mistake or another library's convention).
enum OptimizerFunctions {
    static let grads = Parameter("grads", aliases: ["g"])

    /// Adam's hyperparameter fields from the arguments (beta1, beta2, eps, lr with the given defaults).
    static func adamFields(_ a: Arguments, weightDecay: Double) throws(ExpressionError) -> [OptimizerField: Double] {
        [.lr: try a.number("lr", 1e-3), .beta1: try a.number("beta1", 0.9), .beta2: try a.number("beta2", 0.999),
         .eps: try a.number("eps", 1e-8), .weightDecay: weightDecay]
    }

    /// The first t gradients (t defaults to all of them); a single gradient with t > 1 is held
    /// constant for t steps, so `adam_v_hat(g=0.1, t=10)` is ten steps of a steady gradient.
    static func sequence(_ a: Arguments) throws(ExpressionError) -> (grads: [Double], t: Int) {
        var g = try a.gradients()
        let t = try a.integer("t", g.count)
        guard t <= 100_000 else { throw a.error("t", "must be at most 100000 steps") }
        if g.count == 1, t > 1, a.value("grads")?.number != nil { g = Array(repeating: g[0], count: t) }
        guard t >= 1, t <= g.count else { throw a.error("t", "must be between 1 and \(g.count), the number of gradients") }
        return (Array(g.prefix(t)), t)
    }

    /// m and v after the sequence, and the bias-corrected m̂, v̂ as the engine reports them under the
    /// variant's rules (``AdamStep/inspect(_:)``: a mistake that skips a correction shows it).
    static func adamMoments(_ a: Arguments) throws(ExpressionError) -> (m: Double, v: Double, mHat: Double, vHat: Double) {
        let g = try sequence(a).grads
        let spec = ScalarRun.make(.adam, try adamFields(a, weightDecay: 0), variant: a.variant)
        let run = ScalarRun(spec, grads: g, theta0: 0, variant: a.variant)
        let m = run.buffer(.m, at: g.count), v = run.buffer(.v, at: g.count)
        return (m, v, run.buffers[g.count - 1][.mHat] ?? m, run.buffers[g.count - 1][.vHat] ?? v)
    }

    /// `adam_param` / `adamw_param`: θ after running `kind` over the gradients; the two differ only in
    /// the kind (coupled L2 or decoupled decay) and the default weight decay.
    static func adamFamilyParam(_ kind: OptimizerKind, defaultDecay: Double, summary: String) -> FunctionDefinition {
        FunctionDefinition("\(kind)_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "1e-3"), Parameter("beta1", "0.9"), Parameter("beta2", "0.999"),
                            Parameter("eps", "1e-8"), Parameter("weight_decay", JSONValue.format(defaultDecay))],
                           summary) { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = ScalarRun.make(kind, try adamFields(a, weightDecay: try a.number("weight_decay", defaultDecay)), variant: a.variant)
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: a.variant).final)
        }
    }

    static let all: [FunctionDefinition] = [
        FunctionDefinition("sgd_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "0.01"), Parameter("momentum", "0"),
                            Parameter("dampening", "0"), Parameter("nesterov", "0"), Parameter("weight_decay", "0")],
                           "θ after SGD (PyTorch momentum) over the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = ScalarRun.make(.sgd, [.lr: try a.number("lr", 0.01), .momentum: try a.number("momentum", 0),
                                              .dampening: try a.number("dampening", 0), .nesterov: try a.flag("nesterov") ? 1 : 0,
                                              .weightDecay: try a.number("weight_decay", 0)], variant: a.variant)
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: a.variant).final)
        },
        FunctionDefinition("momentum_buffer", .optimizers, [grads, Parameter("momentum", "0.9"), Parameter("dampening", "0")],
                           "PyTorch's momentum buffer after the gradients (buf = g on step 1)") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let spec = ScalarRun.make(.sgd, [.lr: 0.01, .momentum: try a.number("momentum", 0.9),
                                              .dampening: try a.number("dampening", 0)], variant: a.variant)
            return .number(ScalarRun(spec, grads: g, theta0: 0, variant: a.variant).buffer(.momentumBuffer, at: g.count))
        },
        FunctionDefinition("adagrad_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "0.01"), Parameter("eps", "1e-10"),
                            Parameter("initial_accumulator", "0")],
                           "θ after AdaGrad over the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = ScalarRun.make(.adagrad, [.lr: try a.number("lr", 0.01), .eps: try a.number("eps", 1e-10),
                                                  .initialAccumulatorValue: try a.number("initial_accumulator", 0)], variant: a.variant)
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: a.variant).final)
        },
        FunctionDefinition("adagrad_effective_lr", .optimizers,
                           [grads, Parameter("lr", "0.01"), Parameter("eps", "1e-10"), Parameter("initial_accumulator", "0"), Parameter("t", "len(grads)")],
                           "AdaGrad's lr/(√Σg² + ε) after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            var opt = AdaGrad(lr: try a.number("lr", 0.01), initialAccumulatorValue: try a.number("initial_accumulator", 0),
                              eps: try a.number("eps", 1e-10))
            opt.epsilon = a.variant.convention.adagradEpsilon
            return .number(opt.effectiveLearningRate(after: try sequence(a).grads))
        },
        FunctionDefinition("rmsprop_param", .optimizers,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "0.01"), Parameter("alpha", "0.99"), Parameter("eps", "1e-8")],
                           "θ after RMSProp over the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            let spec = ScalarRun.make(.rmsprop, [.lr: try a.number("lr", 0.01), .alpha: try a.number("alpha", 0.99),
                                                  .eps: try a.number("eps", 1e-8)], variant: a.variant)
            return .number(ScalarRun(spec, grads: try a.gradients(), theta0: try a.number("theta0", 0), variant: a.variant).final)
        },
        FunctionDefinition("rmsprop_effective_lr", .optimizers,
                           [grads, Parameter("lr", "0.01"), Parameter("alpha", "0.99"), Parameter("eps", "1e-8"), Parameter("t", "len(grads)")],
                           "RMSProp's lr/(√E[g²] + ε) after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try rmspropEffectiveLR(grads: try sequence(a).grads, lr: try a.number("lr", 0.01),
                                           alpha: try a.number("alpha", 0.99), eps: try a.number("eps", 1e-8), variant: a.variant))
        },
        adamFamilyParam(.adam, defaultDecay: 0, summary: "θ after Adam (weight decay as L2 in the gradient)"),
        adamFamilyParam(.adamw, defaultDecay: 0.01, summary: "θ after AdamW (decoupled weight decay)"),
        FunctionDefinition("adam_update", .optimizers,
                           [grads, Parameter("t", "len(grads)"), Parameter("lr", "1e-3"), Parameter("beta1", "0.9"),
                            Parameter("beta2", "0.999"), Parameter("eps", "1e-8")],
                           "Adam's signed step θₜ − θₜ₋₁ at step t (a single g is held constant for t steps)") { (a: Arguments) throws(ExpressionError) -> Value in
            let (g, t) = try sequence(a)
            let spec = ScalarRun.make(.adam, try adamFields(a, weightDecay: 0), variant: a.variant)
            return .number(ScalarRun(spec, grads: g, theta0: 0, variant: a.variant).update(at: t))
        },
        FunctionDefinition("adam_m", .optimizers, [grads, Parameter("beta1", "0.9"), Parameter("t", "len(grads)")],
                           "Adam's raw first moment m after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try adamMoments(a).m)
        },
        FunctionDefinition("adam_v", .optimizers, [grads, Parameter("beta2", "0.999"), Parameter("t", "len(grads)")],
                           "Adam's raw second moment v after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try adamMoments(a).v)
        },
        FunctionDefinition("adam_m_hat", .optimizers, [grads, Parameter("beta1", "0.9"), Parameter("t", "len(grads)")],
                           "m̂ = m/(1 − β₁ᵗ) after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try adamMoments(a).mHat)
        },
        FunctionDefinition("adam_v_hat", .optimizers, [grads, Parameter("beta2", "0.999"), Parameter("t", "len(grads)")],
                           "v̂ = v/(1 − β₂ᵗ) after the gradients") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try adamMoments(a).vHat)
        },
        FunctionDefinition("ema", .optimizers, [Parameter("values"), Parameter("beta")],
                           "the uncorrected EMA e ← βe + (1−β)x from e = 0") { (a: Arguments) throws(ExpressionError) -> Value in
            let beta = try a.number("beta")
            return .number(try a.numbers("values").reduce(0) { beta * $0 + (1 - beta) * $1 })
        },
    ]

    /// lr/(√E + ε) (or √(E + ε) under a convention with ε inside the root) after RMSProp's EMA E.
    /// lr / denominator(E) after the gradients, with the engine's denominator under the variant's convention.
    static func rmspropEffectiveLR(grads: [Double], lr: Double, alpha: Double, eps: Double, variant: Variant) throws(ExpressionError) -> Double {
        let rmsprop = RMSProp(lr: lr, alpha: alpha, eps: eps)
        let e = ScalarRun(.rmsprop(rmsprop), grads: grads, theta0: 0, variant: variant).buffer(.squareAverage, at: grads.count)
        return lr / rmsprop.following(variant.convention).denominator(e)
    }
}
