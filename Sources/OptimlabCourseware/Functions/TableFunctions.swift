import Foundation
import OptimlabEngine
import OptimlabYAML

/// Table functions: what `example` blocks compute. Each steps the engine and lays out its state.
enum TableFunctions {
    typealias Column = Table.Column
    static let grads = OptimizerFunctions.grads

    static func table(_ columns: [(String, String)]) -> Table {
        Table(columns: columns.map { Column(key: $0.0, title: $0.1) })
    }

    static let all: [FunctionDefinition] = [
        FunctionDefinition("sgd_table", .tables,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "0.1"), Parameter("momentum", "0.9")],
                           "SGD with momentum; columns t, g, buf, theta") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let spec = ScalarRun.make(.sgd, [.lr: try a.number("lr", 0.1), .momentum: try a.number("momentum", 0.9)], variant: a.variant)
            let run = ScalarRun(spec, grads: g, theta0: try a.number("theta0", 0), variant: a.variant)
            var t = table([("t", "t"), ("g", "g"), ("buf", "buf"), ("theta", "θ")])
            for k in 1...g.count { t.append([Double(k), g[k - 1], run.buffer(.momentumBuffer, at: k), run.thetas[k]]) }
            return .table(t)
        },
        FunctionDefinition("adagrad_table", .tables,
                           [grads, Parameter("lr", "0.1"), Parameter("eps", "1e-10"), Parameter("theta0", "0")],
                           "AdaGrad; columns t, g, sum, eff_lr, update, theta (a list of lists: one group per parameter, keys g1, sum1, …)") { (a: Arguments) throws(ExpressionError) -> Value in
            try adagradTable(a)
        },
        FunctionDefinition("rmsprop_table", .tables,
                           [grads, Parameter("lr", "0.01"), Parameter("alpha", "0.9"), Parameter("eps", "1e-8"), Parameter("theta0", "0")],
                           "RMSProp; columns t, g, sq_avg, eff_lr, update, theta") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let lr = try a.number("lr", 0.01), alpha = try a.number("alpha", 0.9), eps = try a.number("eps", 1e-8)
            let spec = ScalarRun.make(.rmsprop, [.lr: lr, .alpha: alpha, .eps: eps], variant: a.variant)
            let run = ScalarRun(spec, grads: g, theta0: try a.number("theta0", 0), variant: a.variant)
            var t = table([("t", "t"), ("g", "g"), ("sq_avg", "E[g²]"), ("eff_lr", "effective lr"), ("update", "Δθ"), ("theta", "θ")])
            for k in 1...g.count {
                let effective = try OptimizerFunctions.rmspropEffectiveLR(grads: Array(g.prefix(k)), lr: lr, alpha: alpha, eps: eps, variant: a.variant)
                t.append([Double(k), g[k - 1], run.buffer(.squareAverage, at: k), effective, run.update(at: k), run.thetas[k]])
            }
            return .table(t)
        },
        FunctionDefinition("adagrad_vs_rmsprop", .tables,
                           [Parameter("g", "1"), Parameter("steps", "[1, 10, 100, 1000]"), Parameter("lr", "0.01"), Parameter("alpha", "0.9")],
                           "effective lr after n steps of a constant gradient (AdaGrad's dies, RMSProp's settles); columns steps, adagrad, rmsprop") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.number("g", 1), lr = try a.number("lr", 0.01), alpha = try a.number("alpha", 0.9)
            var t = table([("steps", "steps"), ("adagrad", "AdaGrad eff. lr"), ("rmsprop", "RMSProp eff. lr")])
            for n in try a.integers("steps", [1, 10, 100, 1000]) {
                guard n >= 1, n <= 100_000 else { throw a.error("steps", "must be between 1 and 100000") }
                let history = Array(repeating: g, count: n)
                var adagrad = AdaGrad(lr: lr)
                adagrad.epsilon = a.variant.convention.adagradEpsilon
                t.append([Double(n), adagrad.effectiveLearningRate(after: history),
                          try OptimizerFunctions.rmspropEffectiveLR(grads: history, lr: lr, alpha: alpha, eps: 1e-8, variant: a.variant)])
            }
            return .table(t)
        },
        FunctionDefinition("adam_table", .tables,
                           [grads, Parameter("theta0", "0"), Parameter("lr", "1e-3"), Parameter("beta1", "0.9"),
                            Parameter("beta2", "0.999"), Parameter("eps", "1e-8")],
                           "Adam; columns t, g, m, v, m_hat, v_hat, update, theta") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let spec = ScalarRun.make(.adam, try OptimizerFunctions.adamFields(a, weightDecay: 0), variant: a.variant)
            let run = ScalarRun(spec, grads: g, theta0: try a.number("theta0", 0), variant: a.variant)
            var t = table([("t", "t"), ("g", "g"), ("m", "m"), ("v", "v"), ("m_hat", "m̂"), ("v_hat", "v̂"), ("update", "Δθ"), ("theta", "θ")])
            for k in 1...g.count {
                var prefix = a
                prefix.values["grads"] = .numbers(Array(g.prefix(k)))
                let moments = try OptimizerFunctions.adamMoments(prefix)
                t.append([Double(k), g[k - 1], moments.m, moments.v, moments.mHat, moments.vHat, run.update(at: k), run.thetas[k]])
            }
            return .table(t)
        },
        FunctionDefinition("bias_table", .tables,
                           [Parameter("beta1", "0.9"), Parameter("beta2", "0.999"), Parameter("steps", "[1, 2, 3, 10, 100]")],
                           "bias-correction fractions and factors; columns t, frac1, corr1, frac2, corr2") { (a: Arguments) throws(ExpressionError) -> Value in
            let b1 = try a.number("beta1", 0.9), b2 = try a.number("beta2", 0.999)
            var t = table([("t", "t"), ("frac1", "1−β₁ᵗ"), ("corr1", "1/(1−β₁ᵗ)"), ("frac2", "1−β₂ᵗ"), ("corr2", "1/(1−β₂ᵗ)")])
            for s in try a.integers("steps", [1, 2, 3, 10, 100]) {
                t.append([Double(s), Analysis.biasCorrectionFraction(beta: b1, step: s), Analysis.biasCorrectionFactor(beta: b1, step: s),
                          Analysis.biasCorrectionFraction(beta: b2, step: s), Analysis.biasCorrectionFactor(beta: b2, step: s)])
            }
            return .table(t)
        },
        FunctionDefinition("adamw_vs_l2", .tables,
                           [Parameter("theta0", "1"), Parameter("g", "0.1"), Parameter("lr", "1e-3"), Parameter("weight_decay", "0.01"),
                            Parameter("v_hat", "g²"), Parameter("large_g", "100·g")],
                           "one step of Adam+L2 vs AdamW for a small- and a large-gradient weight; columns method, g, v_hat, used, update, theta, decay") { (a: Arguments) throws(ExpressionError) -> Value in
            try adamwVersusL2(a)
        },
        FunctionDefinition("schedule_table", .tables,
                           [Parameter("schedule"), Parameter("steps"), Parameter("peak", aliases: ["lr"]), Parameter("warmup", "0"),
                            Parameter("total", "(required by cosine schedules)"), Parameter("min_lr", "0"),
                            Parameter("step_size", "(required by step)"), Parameter("gamma", "0.1"), Parameter("milestones", "[]")],
                           "a named schedule (constant, step, multistep, cosine, warmup_cosine, warmup_linear, inverse_sqrt); columns s, lr") { (a: Arguments) throws(ExpressionError) -> Value in
            let schedule = try scheduleSpec(a).schedule(peak: try a.number("peak"))
            var t = table([("s", "s"), ("lr", "lr")])
            for s in try a.integers("steps") {
                guard s >= 0 else { throw a.error("steps", "must not be negative") }
                t.append([Double(s), schedule.learningRate(atStep: s)])
            }
            return .table(t)
        },
        FunctionDefinition("scaling_table", .tables,
                           [Parameter("lr", "3e-4"), Parameter("batch", "256"), Parameter("warmup", "2000"),
                            Parameter("batches", "[256, 512, 1024, 2048]")],
                           "batch-size scaling; columns batch, linear_lr, sqrt_lr, warmup") { (a: Arguments) throws(ExpressionError) -> Value in
            let lr = try a.number("lr", 3e-4), base = try a.integer("batch", 256), warmup = try a.count("warmup", 2000)
            guard base > 0 else { throw a.error("batch", "must be positive") }
            var t = table([("batch", "batch"), ("linear_lr", "linear lr"), ("sqrt_lr", "sqrt lr"), ("warmup", "warmup")])
            for b in try a.integers("batches", [256, 512, 1024, 2048]) {
                guard b > 0 else { throw a.error("batches", "must be positive") }
                t.append([Double(b), Analysis.linearScaledLR(baseLR: lr, baseBatch: base, newBatch: b),
                          Analysis.sqrtScaledLR(baseLR: lr, baseBatch: base, newBatch: b),
                          Double(Analysis.scaledWarmupSteps(baseWarmup: warmup, baseBatch: base, newBatch: b))])
            }
            return .table(t)
        },
        FunctionDefinition("clip_table", .tables, [Parameter("tensors"), Parameter("max_norm", "1")],
                           "per tensor and overall; columns tensor, norm, global, per_tensor") { (a: Arguments) throws(ExpressionError) -> Value in
            let tensors = try a.tensors("tensors"), maxNorm = try a.number("max_norm", 1)
            let global = ClippingFunctions.clipped(tensors, maxNorm: maxNorm, variant: .correct)
            let each = ClippingFunctions.clipped(tensors, maxNorm: maxNorm, variant: .mistake(.clipPerTensor))
            var t = table([("tensor", "tensor"), ("norm", "norm"), ("global", "global clip"), ("per_tensor", "per-tensor clip")])
            for i in tensors.indices {
                t.append(cells: [.text("\(i + 1)"), .number(GradientClipping.norm(tensors[i])),
                                 .number(GradientClipping.norm(global[i])), .number(GradientClipping.norm(each[i]))])
            }
            func total(_ ts: [[Double]]) -> Double { GradientClipping.norm(ts.map(GradientClipping.norm)) }
            t.append(cells: [.text("all"), .number(total(tensors)), .number(total(global)), .number(total(each))])
            return .table(t)
        },
        FunctionDefinition("step_order_table", .tables,
                           [grads, Parameter("max_norm", "1"), Parameter("theta0", "0"), Parameter("lr", "1e-3"), Parameter("weight_decay", "0.01")],
                           "AdamW steps with clipping in the right order and each wrong one; columns order, grad_norm, theta1, theta2, …") { (a: Arguments) throws(ExpressionError) -> Value in
            try StepOrderTable.make(a)
        },
        FunctionDefinition("convention_table", .tables,
                           [grads, Parameter("lr", "1e-3"), Parameter("eps", "1e-8"), Parameter("weight_decay", "0.01"), Parameter("theta0", "1")],
                           "AdamW under each convention; columns step, pytorch, optax, keras, paper") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients()
            let fields = try OptimizerFunctions.adamFields(a, weightDecay: try a.number("weight_decay", 0.01))
            let runs = Convention.all.map { c in
                ScalarRun(ScalarRun.make(.adamw, fields, variant: Variant(convention: c)), grads: g,
                          theta0: (try? a.number("theta0", 1)) ?? 1, variant: Variant(convention: c))
            }
            var t = Table(columns: [Column(key: "step", title: "step")] + Convention.all.map { Column(key: $0.name, title: $0.name) })
            for k in 1...g.count { t.append([Double(k)] + runs.map { $0.thetas[k] }) }
            return .table(t)
        },
        FunctionDefinition("mistake_table", .tables,
                           [grads, Parameter("theta0", "1"), Parameter("lr", "1e-3"), Parameter("weight_decay", "0.01")],
                           "AdamW correct and with each known mistake that applies; columns variant, theta, difference") { (a: Arguments) throws(ExpressionError) -> Value in
            let g = try a.gradients(), theta0 = try a.number("theta0", 1)
            let fields = try OptimizerFunctions.adamFields(a, weightDecay: try a.number("weight_decay", 0.01))
            let spec = ScalarRun.make(.adamw, fields, variant: .correct)
            let correct = ScalarRun(spec, grads: g, theta0: theta0, variant: .correct).final
            var t = table([("variant", "variant"), ("theta", "θ after"), ("difference", "difference")])
            t.append(cells: [.text("correct AdamW"), .number(correct), .number(0)])
            for m in KnownMistake.allCases where m.applies(to: spec, clipping: false) {
                let theta = ScalarRun(spec, grads: g, theta0: theta0, variant: .mistake(m)).final
                t.append(cells: [.text(m.rawValue), .number(theta), .number(theta - correct)])
            }
            return .table(t)
        },
    ]

    static func adagradTable(_ a: Arguments) throws(ExpressionError) -> Value {
        let sequences = try a.parameterSequences()
        let lr = try a.number("lr", 0.1), eps = try a.number("eps", 1e-10), theta0 = try a.number("theta0", 0)
        let spec = ScalarRun.make(.adagrad, [.lr: lr, .eps: eps], variant: a.variant)
        let single = sequences.count == 1
        var columns = [Column(key: "t", title: "t")]
        for i in sequences.indices {
            let suffix = single ? "" : "\(i + 1)", group = single ? nil : "parameter \(i + 1)"
            columns += [Column(key: "g" + suffix, title: "g", group: group), Column(key: "sum" + suffix, title: "Σg²", group: group),
                        Column(key: "eff_lr" + suffix, title: "effective lr", group: group),
                        Column(key: "update" + suffix, title: "Δθ", group: group), Column(key: "theta" + suffix, title: "θ", group: group)]
        }
        var t = Table(columns: columns)
        let runs = sequences.map { ScalarRun(spec, grads: $0, theta0: theta0, variant: a.variant) }
        var opt = AdaGrad(lr: lr, eps: eps)
        opt.epsilon = a.variant.convention.adagradEpsilon
        for k in 1...sequences[0].count {
            var row = [Double(k)]
            for (seq, run) in zip(sequences, runs) {
                row += [seq[k - 1], run.buffer(.sum, at: k), opt.effectiveLearningRate(after: Array(seq.prefix(k))),
                        run.update(at: k), run.thetas[k]]
            }
            t.append(row)
        }
        return .table(t)
    }

    static func adamwVersusL2(_ a: Arguments) throws(ExpressionError) -> Value {
        let theta = try a.number("theta0", 1), g = try a.number("g", 0.1), lr = try a.number("lr", 1e-3)
        let wd = try a.number("weight_decay", 0.01), vHat = try a.number("v_hat", g * g)
        let large = try a.number("large_g", 100 * g)
        var t = table([("method", "method"), ("g", "g"), ("v_hat", "v̂"), ("used", "gradient used"), ("update", "update"),
                       ("theta", "θ after"), ("decay", "decay part")])
        for (grad, v) in [(g, vHat), (large, large * large)] {
            for (name, step) in [("Adam + L2", DecayComparison.l2(theta: theta, g: grad, lr: lr, weightDecay: wd, vHat: v)),
                                 ("AdamW", DecayComparison.decoupled(theta: theta, g: grad, lr: lr, weightDecay: wd, vHat: v))] {
                t.append(cells: [.text(name), .number(grad), .number(v), .number(step.gradientUsed), .number(step.update),
                                 .number(step.thetaAfter), .number(step.decay)])
            }
        }
        return .table(t)
    }

    static func scheduleSpec(_ a: Arguments) throws(ExpressionError) -> ScheduleSpec {
        let name = try a.string("schedule")
        func total() throws(ExpressionError) -> Int {
            guard a.has("total") else { throw ExpressionError("\(a.function): schedule \"\(name)\" needs 'total'", column: a.column) }
            return try a.count("total")
        }
        switch name {
        case "constant": return .constant
        case "step":
            guard a.has("step_size") else { throw ExpressionError("\(a.function): schedule \"step\" needs 'step_size'", column: a.column) }
            return .step(stepSize: try ScheduleFunctions.positiveSteps(a, "step_size"), gamma: try a.number("gamma", 0.1))
        case "multistep": return .multistep(milestones: try a.integers("milestones", []), gamma: try a.number("gamma", 0.1))
        case "cosine": return .cosine(totalSteps: try total(), minLR: try a.number("min_lr", 0))
        case "warmup_cosine": return .warmupCosine(warmupSteps: try a.count("warmup", 0), totalSteps: try total(), minLR: try a.number("min_lr", 0))
        case "warmup_linear": return .warmupLinear(warmupSteps: try a.count("warmup", 0), totalSteps: try total(), minLR: try a.number("min_lr", 0))
        case "inverse_sqrt": return .inverseSqrt(warmupSteps: try a.count("warmup", 0))
        default:
            throw ExpressionError("\(a.function): unknown schedule \"\(name)\" (\(ScheduleSpec.names.joined(separator: ", ")))",
                                  column: a.columns["schedule"] ?? a.column, suggestion: Suggestions.closest(to: name, in: ScheduleSpec.names))
        }
    }
}
