import Foundation
import Testing
@testable import OptimlabCourseware
import OptimlabEngine

/// Catalogue functions against hand-derived numbers.
@Suite struct FunctionCatalogueTests {
    func close(_ a: Double, _ b: Double, rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * abs(b) }

    @Test func analysis() throws {
        #expect(close(try number("bias_correction(0.9, 1)"), 10))                 // 1/(1 − 0.9)
        #expect(close(try number("bias_fraction(0.999, 1)"), 0.001))
        #expect(close(try number("linear_scaling(3e-4, 256, 2048)"), 2.4e-3))     // ×8
        #expect(close(try number("sqrt_scaling(3e-4, 256, 1024)"), 6e-4))         // ×√4
        #expect(try number("scaled_warmup(2000, 256, 2048)") == 250)              // 2000/8
        #expect(close(try number("effective_lr(1e-3, 0.01)"), 1e-3 / (0.1 + 1e-8)))
    }

    @Test func schedules() throws {
        // Warmup: 3e-4 · 25/100.
        #expect(close(try number("warmup_cosine(25, 3e-4, 100, 2000, 3e-5)"), 7.5e-5))
        // Halfway through the decay the cosine term is 1/2: min + (peak − min)/2.
        #expect(close(try number("warmup_cosine(1050, 3e-4, 100, 2000, 3e-5)"), 3e-5 + 2.7e-4 / 2))
        #expect(close(try number("cosine_lr(1000, 1, 2000)"), 0.5))
        #expect(close(try number("step_lr(25, 1, 10, 0.5)"), 0.25))
        #expect(close(try number("multistep_lr(30, 1, [10, 30], 0.1)"), 0.01))
        #expect(close(try number("inverse_sqrt(400, 1, 100)"), 0.5))
        #expect(close(try number("warmup_linear(s=550, peak=1, warmup=100, total=1000)"), 0.5))
        #expect(try number("constant_lr(7, 0.1)") == 0.1)
    }

    @Test func adamFirstStepIsLrTimesSign() throws {
        // m̂₁ = g, v̂₁ = g², so Δθ = −lr·g/(|g| + ε).
        #expect(close(try number("adam_update([1], t=1)"), -1e-3 * 1 / (1 + 1e-8)))
        #expect(close(try number("adam_update(g=-4, t=1, lr=0.1)"), 0.1 * 4 / (4 + 1e-8)))
        // A single g with t > 1 is held constant: m̂ = g, v̂ = g² at every step.
        #expect(close(try number("adam_update(g=2, t=10)"), -1e-3 * 2 / (2 + 1e-8), rel: 1e-9))
    }

    @Test func adamMoments() throws {
        // m₁ = 0.1, m₂ = 0.9·0.1 + 0.1·2 = 0.29; v₂ = 0.999·0.001 + 0.001·4 = 0.004999.
        #expect(close(try number("adam_m([1, 2])"), 0.29))
        #expect(close(try number("adam_v([1, 2])"), 0.004999))
        #expect(close(try number("adam_m_hat([1, 2])"), 0.29 / (1 - 0.81)))
        #expect(close(try number("adam_v_hat([1, 2])"), 0.004999 / (1 - 0.998001)))
        #expect(close(try number("adam_v_hat(g=0.1, t=10)"), 0.01, rel: 1e-9))
        #expect(close(try number("ema([1, 1], 0.9)"), 0.19))
    }

    @Test func otherOptimizers() throws {
        #expect(close(try number("sgd_param([1], lr=0.1)"), -0.1))
        // buf₁ = 1, buf₂ = 0.9·1 + 2 = 2.9; θ = −0.1·(1 + 2.9).
        #expect(close(try number("momentum_buffer([1, 2])"), 2.9))
        #expect(close(try number("sgd_param([1, 2], lr=0.1, momentum=0.9)"), -0.39))
        #expect(close(try number("adagrad_effective_lr([3, 4], lr=0.1)"), 0.1 / (5 + 1e-10)))
        // AdaGrad step 1: θ = −lr·g/(|g| + ε).
        #expect(close(try number("adagrad_param([2], lr=0.1)"), -0.1 * 2 / (2 + 1e-10)))
        // RMSProp step 1 with α = 0.99: E = 0.01·g².
        #expect(close(try number("rmsprop_effective_lr([2])"), 0.01 / (0.2 + 1e-8)))
        #expect(close(try number("rmsprop_param([2], theta0=1)"), 1 - 0.01 * 2 / (0.2 + 1e-8)))
        // AdamW with g = 0: only the decay θ(1 − lr·λ) acts.
        #expect(close(try number("adamw_param([0], theta0=1, lr=0.1, weight_decay=0.1)"), 0.99))
        // Adam + L2 with g = 0: the gradient is λθ = 0.01, and the first step moves lr.
        #expect(close(try number("adam_param([0], theta0=1, lr=0.1, weight_decay=0.01)"), 1 - 0.1 * 0.01 / (0.01 + 1e-8)))
    }

    @Test func clipping() throws {
        #expect(try number("global_norm([[3, 4], [12]])") == 13)
        #expect(close(try number("clip_coef(13, 1)"), 1 / (13 + 1e-6)))
        #expect(try number("clip_coef(0.5, 1)") == 1)
        var ev = Evaluator()
        let c = 1 / (5 + 1e-6)
        let clippedGlobal: Value = .list([.numbers([3 * c]), .numbers([4 * c])])
        #expect(try ev.evaluate("clipped([[3], [4]], 1)") == clippedGlobal)
        // Per tensor (the mistake): each scaled by its own norm.
        var wrong = Evaluator(variant: .mistake(.clipPerTensor))
        let clippedEach: Value = .list([.numbers([3 / (3 + 1e-6)]), .numbers([4 / (4 + 1e-6)])])
        #expect(try wrong.evaluate("clipped([[3], [4]], 1)") == clippedEach)
    }

    @Test func conventionsDifferInWhereEpsilonGoes() throws {
        let pytorch = try number("adam_update_convention([1], \"pytorch\")")
        let keras = try number("adam_update_convention([1], \"keras\")")
        #expect(close(pytorch, -1e-3 / (1 + 1e-8)))
        // Keras: −lr·√(1−β₂)/(1−β₁) · m/(√v + ε) with m = 0.1, v = 0.001.
        let root = 0.001.squareRoot()
        #expect(close(keras, -1e-3 * root / 0.1 * 0.1 / (root + 1e-8), rel: 1e-12))
        #expect(pytorch != keras)
    }

    @Test func mistakesChangeOptimizerFunctions() throws {
        var wrong = Evaluator(variant: .mistake(.noBiasCorrection))
        // Without correction step 1 moves lr·0.1/√0.001 ≈ 3.16·lr.
        guard case .number(let x) = try wrong.evaluate("adam_update([1], t=1)") else { Issue.record("not a number"); return }
        #expect(close(x, -1e-3 * 0.1 / (0.001.squareRoot() + 1e-8)))
        // Uncorrected, m̂ is just m.
        let m = 1 - 0.9                                       // m₁ = (1 − β₁)·g, as PyTorch's lerp computes it
        #expect(try wrong.evaluate("adam_m_hat([1])") == .number(m))
        var correct = Evaluator()
        #expect(try correct.evaluate("adam_m_hat([1])") == .number(m / (1 - 0.9)))
    }

    @Test func tables() throws {
        var ev = Evaluator()
        guard case .table(let bias) = try ev.evaluate("bias_table(steps=[1, 10])") else { Issue.record("no table"); return }
        #expect(bias.columns.map(\.key) == ["t", "frac1", "corr1", "frac2", "corr2"])
        let firstRow: [Table.Cell] = [.number(1), .number(1 - 0.9), .number(1 / (1 - 0.9)), .number(1 - 0.999), .number(1 / (1 - 0.999))]
        #expect(bias.rows[0] == firstRow)
        guard case .table(let adam) = try ev.evaluate("adam_table([1, 2, 0.5])") else { Issue.record("no table"); return }
        #expect(adam.columns.map(\.key) == ["t", "g", "m", "v", "m_hat", "v_hat", "update", "theta"])
        #expect(adam.rows.count == 3)
        guard case .number(let m2) = adam.rows[1][2] else { Issue.record("not a number"); return }
        #expect(close(m2, 0.29, rel: 1e-15))
        guard case .table(let sparse) = try ev.evaluate("adagrad_table([[1, 1], [0, 3]])") else { Issue.record("no table"); return }
        #expect(sparse.columns.map(\.key) == ["t", "g1", "sum1", "eff_lr1", "update1", "theta1", "g2", "sum2", "eff_lr2", "update2", "theta2"])
        #expect(sparse.columns[1].group == "parameter 1")
        guard case .table(let clip) = try ev.evaluate("clip_table([[3, 4], [12]], 1)") else { Issue.record("no table"); return }
        #expect(clip.rows.last?[1] == .number(13))
        guard case .table(let sched) = try ev.evaluate("schedule_table(\"warmup_cosine\", [0, 25, 2000], 3e-4, warmup=100, total=2000)") else { Issue.record("no table"); return }
        let lrs: [Table.Cell] = [.number(0), .number(3e-4 * 25 / 100), .number(0)]
        #expect(sched.column("lr") == lrs)
        guard case .table(let scaling) = try ev.evaluate("scaling_table()") else { Issue.record("no table"); return }
        let lastRow: [Table.Cell] = [.number(2048), .number(3e-4 * 2048 / 256), .number(3e-4 * 8.0.squareRoot()), .number(250)]
        #expect(scaling.rows[3] == lastRow)
        guard case .table(let l2) = try ev.evaluate("adamw_vs_l2()") else { Issue.record("no table"); return }
        // Small weight: Adam+L2 decay lr·λθ/√v̂ = 1e-3·0.01/0.1; AdamW lr·λθ = 1e-5.
        #expect(l2.rows[0][6] == .number(1e-3 * 0.01 * 1 / (0.1 + 1e-8)))
        #expect(l2.rows[1][6] == .number(1e-3 * 0.01))
        guard case .table(let mistakes) = try ev.evaluate("mistake_table([1, -1, 0.5])") else { Issue.record("no table"); return }
        #expect(mistakes.column("variant")?.contains(.text("no-bias-correction")) == true)
        #expect(mistakes.column("variant")?.contains(.text("clip-per-tensor")) == false)
        guard case .table(let order) = try ev.evaluate("step_order_table([[3, 4], [12]], 1)") else { Issue.record("no table"); return }
        #expect(order.rows.count == 3)
        #expect(order.rows[0][1] == .number(13 / (13 + 1e-6)))       // the global norm after clipping
        #expect(order.rows[2][1] == .number(13))                      // clipping after the update used the raw norm
        guard case .table(let conv) = try ev.evaluate("convention_table([1, 1])") else { Issue.record("no table"); return }
        #expect(conv.columns.map(\.key) == ["step", "pytorch", "optax", "keras", "paper"])
    }

    @Test func everyCatalogueFunctionIsImplemented() {
        let contract = ["sqrt", "exp", "ln", "log10", "abs", "min", "max", "pow", "cos", "sin", "round", "sum", "mean", "len", "last", "at",
                        "sgd_param", "momentum_buffer", "adagrad_param", "adagrad_effective_lr", "rmsprop_param", "rmsprop_effective_lr",
                        "adam_param", "adamw_param", "adam_update", "adam_m", "adam_v", "adam_m_hat", "adam_v_hat", "ema",
                        "bias_correction", "bias_fraction", "effective_lr", "linear_scaling", "sqrt_scaling", "scaled_warmup",
                        "constant_lr", "step_lr", "multistep_lr", "cosine_lr", "warmup_cosine", "warmup_linear", "inverse_sqrt",
                        "global_norm", "clip_coef", "clipped", "adam_update_convention",
                        "sgd_table", "adagrad_table", "rmsprop_table", "adagrad_vs_rmsprop", "adam_table", "bias_table", "adamw_vs_l2",
                        "schedule_table", "scaling_table", "clip_table", "step_order_table", "convention_table", "mistake_table"]
        #expect(contract.filter { FunctionCatalogue.named($0) == nil } == [])
        #expect(FunctionCatalogue.all.count == Set(FunctionCatalogue.names).count)
    }
}
