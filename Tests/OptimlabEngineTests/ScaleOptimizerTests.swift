import Testing
@testable import OptimlabEngine

/// The scale optimizers' edge cases and their trace fields, against values derived by hand.
struct ScaleOptimizerTests {
    static func error(_ json: String) -> String? {
        do { _ = try Trace(json: json); return nil } catch { return error.description }
    }

    @Test func trustRatioIsOneWhenANormIsZero() {
        #expect(trustRatio(paramNorm: 0, updateNorm: 3) == 1)
        #expect(trustRatio(paramNorm: 2, updateNorm: 0) == 1)
        #expect(trustRatio(paramNorm: 2, updateNorm: 4) == 0.5)
        #expect(trustRatio(paramNorm: 2, updateNorm: 4, coefficient: 0.001, eps: 1) == 0.001 * 2 / 5)
    }

    /// LAMB on a zero tensor: the trust ratio is 1, so the first step is the Adam step, −lr·sign(g).
    @Test func lambMovesAZeroTensorByTheAdamStep() {
        var p = [0.0, 0.0], state = OnTensor(LAMB(lr: 0.1, eps: 0), shape: [2]).initialState(count: 2)
        OnTensor(LAMB(lr: 0.1, eps: 0), shape: [2]).step(params: &p, grads: [2, -0.5], state: &state, lr: 0.1)
        #expect(p == [-0.1, 0.1])
    }

    /// LAMB's step has norm lr·‖θ‖ whatever the gradient's scale.
    @Test func lambStepNormIsLrTimesParamNorm() {
        let o = OnTensor(LAMB(), shape: [3])
        for scale in [1e-3, 1.0, 1e3] {
            var p = [3.0, 0.0, 4.0], state = o.initialState(count: 3)
            o.step(params: &p, grads: [0.2 * scale, -0.1 * scale, 0.3 * scale], state: &state, lr: 0.01)
            let moved = euclideanNorm(zip(p, [3.0, 0.0, 4.0]).map { $0 - $1 })
            #expect(abs(moved - 0.01 * 5) < 1e-12)
        }
    }

    @Test func radamRectifiesFromTheSixthStepWithBeta2Point999() throws {
        #expect(RAdam.rectificationStart(beta2: 0.999) == 6)
        #expect(RAdam.rectification(step: 5, beta2: 0.999) == nil)
        let r = try #require(RAdam.rectification(step: 6, beta2: 0.999))
        #expect(r > 0 && r < 0.1)
        // ρ₁ = 1 exactly: ρ∞ − 2β₂/(1−β₂) = 2/(1−β₂) − 1 − 2β₂/(1−β₂) = 1.
        #expect(abs(RAdam.rho(step: 1, beta2: 0.999) - 1) < 1e-9)
        // Un-rectified steps are SGD with momentum: the first moves θ by lr·m̂ = lr·g exactly.
        var p = [1.0], state = RAdam().initialState(count: 1)
        RAdam(lr: 0.1).step(params: &p, grads: [0.5], state: &state, lr: 0.1)
        #expect(abs(p[0] - (1 - 0.1 * 0.5)) < 1e-15)
    }

    /// Muon's Newton–Schulz map makes a matrix nearly orthogonal: its rows' Gram matrix is near I
    /// (the quintic leaves singular values in roughly [0.7, 1.2], not exactly 1).
    @Test func newtonSchulzOrthogonalises() {
        let g = Matrix(rows: 2, cols: 3, values: [3, 1, 0, 1, 2, 2])
        #expect(g.scaled(1 / euclideanNorm(g.values)).orthogonalityDefect > 0.5)
        let o = Muon.orthogonalized(g, coefficients: Muon.defaultCoefficients, steps: 5, eps: 1e-7)
        #expect(o.orthogonalityDefect < 0.6)
        let exact = Muon.orthogonalized(g, coefficients: [1.875, -1.25, 0.375], steps: 30, eps: 1e-7)
        #expect(exact.orthogonalityDefect < 1e-9)
        // A tall matrix is done transposed and returned in its own shape.
        let tall = Muon.orthogonalized(g.transposed, coefficients: [1.875, -1.25, 0.375], steps: 30, eps: 1e-7)
        #expect(tall.rows == 3 && tall.cols == 2)
        #expect(zip(tall.transposed.values, exact.values).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func muonLearningRateAdjustments() {
        #expect(MuonLRAdjustment.original.ratio(rows: 8, cols: 2) == 2)
        #expect(MuonLRAdjustment.original.ratio(rows: 2, cols: 8) == 1)
        #expect(MuonLRAdjustment.matchRMSAdamW.ratio(rows: 4, cols: 16) == 0.2 * 4)
        #expect(MuonLRAdjustment.spectralUnclamped.ratio(rows: 2, cols: 8) == 0.5)
    }

    /// Adafactor keeps R + C numbers for an R×C matrix and the full vector otherwise; its first step
    /// with a constant gradient is −αₜ·sign(g) (v̂ = g² exactly, and the RMS clip is 1).
    @Test func adafactorFactorsMatrices() {
        let a = Adafactor(lr: 0.01)
        let s = a.initialState(shape: [3, 4])
        #expect(s.rowVar.count == 3 && s.colVar.count == 4 && s.variance.isEmpty)
        #expect(a.initialState(shape: [2, 3, 4]).rowVar.count == 6)
        #expect(a.initialState(shape: [5]).variance.count == 5)
        var p = [Double](repeating: 2, count: 12), st = s
        a.step(params: &p, grads: [Double](repeating: -0.3, count: 12), shape: [3, 4], state: &st, lr: 0.01)
        // α₁ = max(ε₂, ‖θ‖/√n)·min(lr, 1) = 2·0.01, moving every entry up by 0.02.
        #expect(p.allSatisfy { abs($0 - 2.02) < 1e-14 })
    }

    @Test func lionMovesEveryCoordinateByLr() {
        var p = [1.0, 1.0, 1.0], state = Lion().initialState(count: 3)
        Lion(lr: 0.01, weightDecay: 0).step(params: &p, grads: [1e-6, -50, 0], state: &state, lr: 0.01)
        #expect(p == [0.99, 1.01, 1.0])
        #expect(state.buffer == [(1 - 0.99) * 1e-6, (1 - 0.99) * -50, 0])   // m ← (1−β₂)g + β₂·0
    }

    @Test(arguments: [
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]}, "shapes": {"w": [3]}, "steps": []}"#,
         "shapes.w: shape [3] holds 3 values, but initial_params.w has 2"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]}, "shapes": {"v": [2]}, "steps": []}"#,
         #"shapes.v: no tensor named "v" in initial_params (expected w)"#),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]}, "shapes": {"w": [2, 0]}, "steps": []}"#,
         "shapes.w[1]: a dimension must be positive"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1, 2]}, "shapes": {"w": "2"}, "steps": []}"#,
         "shapes.w: expected a non-empty array of dimension sizes, found a string"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1], "b": [2]}, "param_groups": [{"tensors": ["w"]}], "steps": []}"#,
         #"param_groups: tensor "b" is in no group (every tensor belongs to exactly one)"#),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["w"]}, {"tensors": ["w"]}], "steps": []}"#,
         #"param_groups[1].tensors[0]: "w" is already in param_groups[0] (a tensor belongs to exactly one group)"#),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["x"]}], "steps": []}"#,
         #"param_groups[0].tensors[0]: no tensor named "x" in initial_params (expected w)"#),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["w"], "weight_decay": -1}], "steps": []}"#,
         "param_groups[0].weight_decay: must not be negative, got -1.0"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["w"], "momentum": 0.9}], "steps": []}"#,
         "param_groups[0].momentum: unknown field for adamw (expected tensors, lr, beta1, beta2, eps, weight_decay, amsgrad)"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["w"], "name": "sgd"}], "steps": []}"#,
         "param_groups[0].name: a group cannot change the optimizer's kind"),
        (#"{"optimizer": {"name": "adamw"}, "initial_params": {"w": [1]}, "param_groups": [], "steps": []}"#,
         "param_groups: expected a non-empty array of groups, found an array"),
        (#"{"optimizer": {"name": "muon"}, "initial_params": {"w": [1, 2], "b": [1]}, "shapes": {"w": [1, 2]}, "steps": []}"#,
         "shapes.b: muon updates 2-D tensors only (as torch.optim.Muon), but b has shape [1]"),
        (#"{"optimizer": {"name": "muon", "adjust_lr_fn": "huge"}, "initial_params": {"w": [1]}, "shapes": {"w": [1, 1]}, "steps": []}"#,
         #"optimizer.adjust_lr_fn: unknown "huge" (expected null, original, match_rms_adamw, spectral_unclamped)"#),
        (#"{"optimizer": {"name": "muon", "ns_coefficients": [1, 2]}, "initial_params": {"w": [1]}, "shapes": {"w": [1, 1]}, "steps": []}"#,
         "optimizer.ns_coefficients: expected three numbers (a, b, c)"),
        (#"{"optimizer": {"name": "adafactor", "beta2_decay": 0.5}, "initial_params": {"w": [1]}, "steps": []}"#,
         "optimizer.beta2_decay: must be at most 0 (β̂ₜ = 1 − t^beta2_decay), got 0.5"),
        (#"{"optimizer": {"name": "adafactor", "eps1": "tiny"}, "initial_params": {"w": [1]}, "steps": []}"#,
         "optimizer.eps1: expected a number or null (the dtype's epsilon), found a string"),
        (#"{"optimizer": {"name": "adafactor", "d": 0.5}, "initial_params": {"w": [1]}, "steps": []}"#,
         "optimizer.d: must be at least 1 (the update's RMS clip), got 0.5"),
        (#"{"optimizer": {"name": "radam"}, "dtype": "float32", "initial_params": {"w": [1]}, "steps": []}"#,
         "dtype: float32 is supported for adam and adamw only, not radam"),
        (#"{"optimizer": {"name": "adamw"}, "dtype": "float32", "initial_params": {"w": [1]}, "param_groups": [{"tensors": ["w"]}], "steps": []}"#,
         "dtype: float32 runs one group; param_groups need float64"),
    ])
    func malformedLayoutNamesTheField(_ json: String, _ message: String) {
        #expect(Self.error(json) == message)
    }

    /// A group's own lr is scaled by the step's lr over the optimizer's, as a scheduler scales groups.
    @Test func groupLearningRateFollowsTheStepLr() throws {
        let t = try Trace(json: #"{"optimizer": {"name": "lion", "lr": 0.1, "weight_decay": 0}, "initial_params": {"w": [1], "b": [1]}, "param_groups": [{"tensors": ["w"]}, {"tensors": ["b"], "lr": 0.01}], "steps": [{"grads": {"w": [1], "b": [1]}, "lr": 0.05}]}"#)
        let p = t.completed().steps[0].params!
        #expect(p["w"] == [1 - 0.05])
        #expect(abs(p["b"]![0] - (1 - 0.005)) < 1e-15)
    }

    /// On the canyon the point is a 1×2 matrix for Muon: its first step is decay plus lr·p⁵(1) along the
    /// unit gradient (Newton–Schulz maps a rank-1 matrix's one singular value 1 to p⁵(1)).
    @Test func muonRacesTheCanyonAsAOneByTwoMatrix() {
        let canyon = Canyon.standard
        let muon = OptimizerChoice.muon.spec(lr: 0.1)
        let path = canyon.trajectory(name: "muon", optimizer: muon, steps: 3)
        #expect(path.points.count == 4)
        let g = canyon.gradient(at: canyon.start), norm = (g.x * g.x + g.y * g.y).squareRoot()
        let step = 0.1 * Muon.newtonSchulz(singularValue: 1)
        let want = (canyon.start.x * (1 - 0.1 * 0.1) - step * g.x / norm, canyon.start.y * (1 - 0.1 * 0.1) - step * g.y / norm)
        #expect(abs(path.points[1].x - want.0) < 1e-12 && abs(path.points[1].y - want.1) < 1e-12)
        // Lion moves each coordinate by lr (plus its decay λ·lr·θ) on the first step.
        let lion = canyon.trajectory(name: "lion", optimizer: OptimizerChoice.lion.spec(lr: 0.1), steps: 1)
        #expect(abs(lion.points[1].x - (0.8 - 0.1 * (1 + 1e-3 * 0.8))) < 1e-15)
        #expect(abs(lion.points[1].y - (4 - 0.1 * (1 + 1e-3 * 4))) < 1e-15)
    }
}
