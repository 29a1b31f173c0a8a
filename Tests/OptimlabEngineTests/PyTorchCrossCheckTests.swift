import Foundation
import Testing
@testable import OptimlabEngine

/// Traces made by `tools/torch_crosscheck.py` with torch 2.15 (seed 7): the options the shared sample
/// does not cover (SGD dampening, AdaGrad lr_decay, centered RMSProp with momentum, AMSGrad, L2 in
/// Adam) and float32 fused runs with clipping, schedules and tensors whose lengths leave a scalar tail.
/// Float32 must come out bit for bit: PyTorch's clipping coefficient, its float32 norm and the fused
/// kernel's tail are all reproduced exactly, and anything less misses 1e-6 on some trace.
struct PyTorchCrossCheckTests {
    static let folder = "Fixtures/PyTorchCrossCheck"

    static let names: [String] = {
        let dir = Bundle.module.resourceURL!.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }()

    static func load(_ name: String) throws -> Trace {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent(folder).appendingPathComponent(name)
        return try Trace(json: String(contentsOf: url, encoding: .utf8))
    }

    /// The trace with only its gradients (and, for cosine, PyTorch's recursively stepped lr, which the
    /// trace format's closed-form cosine is a few ulps away from).
    static func bare(_ trace: Trace) -> Trace {
        var bare = trace
        for k in bare.steps.indices {
            bare.steps[k].params = nil
            bare.steps[k].gradNorm = nil
            if trace.schedule?.name != "cosine" { bare.steps[k].lr = nil }
        }
        return bare
    }

    @Test func theFixturesArePresent() {
        #expect(Self.names.count == 10)
        #expect(Self.names.filter { $0.hasPrefix("f32-") }.count == 5)
    }

    @Test(arguments: names)
    func reproducesPyTorch(_ name: String) throws {
        let reference = try Self.load(name)
        let engine = Self.bare(reference).completed()
        let exact = reference.dtype == .float32
        for (k, (want, got)) in zip(reference.steps, engine.steps).enumerated() {
            let lr = try #require(want.lr), gotLR = try #require(got.lr)
            #expect(gotLR == lr, "\(name) step \(k): lr \(gotLR) vs \(lr)")   // chained decays; cosine's lr is given
            if let norm = want.gradNorm {
                let gotNorm = try #require(got.gradNorm)
                #expect(exact ? gotNorm == norm : abs(gotNorm - norm) <= 1e-12 * norm, "\(name) step \(k): grad_norm \(gotNorm) vs \(norm)")
            }
            let w = try #require(want.params).flattened, g = try #require(got.params).flattened
            for i in w.indices {
                let ok = exact ? w[i] == g[i] : abs(w[i] - g[i]) <= 1e-9 * max(abs(w[i]), abs(g[i]))
                #expect(ok, "\(name) step \(k) [\(i)]: \(g[i]) vs \(w[i])")
            }
        }
    }

    /// The general float32 kernel over a trace, with or without the fused kernel's scalar tails and
    /// PyTorch's float32 clipping; the worst relative error against PyTorch's params.
    static func worstError(_ trace: Trace, tails: Bool, float32Clipping: Bool) throws -> Double {
        let core = try #require(trace.optimizer.adamStep(variant: .correct))
        var params = trace.initialParams.flattened.map { Float($0) }
        var state = AdamState<Float>(count: params.count, amsgrad: core.hyperparameters.amsgrad)
        var worst = 0.0
        for step in trace.steps {
            var grads = step.grads
            if let maxNorm = trace.clipNorm {
                let clipping = GradientClipping(maxNorm: maxNorm)
                grads = float32Clipping ? clipping.clipFloat32(grads).grads : clipping.clip(grads).grads
            }
            core.apply(params: &params, grads: grads.flattened.map { Float($0) }, state: &state, lr: try #require(step.lr),
                       fusedTensorLengths: tails ? trace.initialParams.lengths : nil)
            for (got, want) in zip(params, try #require(step.params).flattened) {
                worst = max(worst, abs(Double(got) - want) / abs(want))
            }
        }
        return worst
    }

    /// Each float32 piece is needed: without the fused kernel's scalar tail, or with the gradients
    /// clipped in Double, a parameter misses PyTorch's by more than 1e-6; with both, by nothing.
    @Test func eachFloat32PieceIsNeeded() throws {
        let tail = try Self.load("f32-adam-tail.json"), clipped = try Self.load("f32-adamw-cosine-clip.json")
        #expect(try Self.worstError(tail, tails: true, float32Clipping: true) == 0)
        #expect(try Self.worstError(tail, tails: false, float32Clipping: true) > 1e-6)
        #expect(try Self.worstError(clipped, tails: true, float32Clipping: true) == 0)
        #expect(try Self.worstError(clipped, tails: true, float32Clipping: false) > 1e-6)
    }
}

/// `clip_grad_norm_` on float32 tensors, against values torch 2.15 printed for these inputs.
struct PyTorchFloat32ClippingTests {
    /// x = 0.1, 0.2, …, n/10 as Floats.
    static func ramp(_ n: Int) -> [Float] { (1...n).map { Float(Double($0) / 10) } }

    /// torch.linalg.vector_norm of the ramp, for lengths where it is not the correctly rounded norm
    /// (given second): only PyTorch's order of summation gives these bits.
    @Test(arguments: [(11, 2.2494442462921143, 2.2494444847106934), (16, 3.8678157329559326, 3.8678159713745117),
                      (21, 5.754128456115723, 5.754128932952881), (35, 12.210650444030762, 12.210651397705078)])
    func perTensorNormMatchesPyTorch(_ n: Int, _ torch: Double, _ correctlyRounded: Double) {
        let x = Self.ramp(n)
        #expect(Double(GradientClipping.pytorchNorm(x)) == torch)
        let exact = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(Double(Float(exact)) == correctlyRounded)
    }

    /// The global norm is the same kernel over the per-tensor norms: clip_grad_norm_ of
    /// [ramp(11), ramp(16), ramp(3)] returns this in torch.
    @Test func globalNormIsTheNormOfTheNorms() {
        let tensors = [Self.ramp(11), Self.ramp(16), Self.ramp(3)]
        #expect(Double(GradientClipping.pytorchGlobalNorm(tensors)) == 4.489988803863525)
        #expect(GradientClipping.pytorchGlobalNorm(tensors) == GradientClipping.pytorchNorm(tensors.map(GradientClipping.pytorchNorm)))
    }

    /// PyTorch's `max_norm / (norm + 1e-6)` is a reciprocal times max_norm in float32: torch gives
    /// these, where one division (then rounding) is an ulp away.
    @Test(arguments: [(9.606405258178711, 0.3, 0.031229162588715553, 0.031229160726070404),
                      (1.0134108066558838, 0.5, 0.49338287115097046, 0.49338284134864807)])
    func coefficientIsAReciprocalTimesMaxNorm(_ norm: Double, _ maxNorm: Double, _ torch: Double, _ oneDivision: Double) {
        let coefficient = GradientClipping(maxNorm: maxNorm).pytorchFloat32Coefficient(forNorm: Float(norm))
        #expect(Double(coefficient) == torch)
        #expect(Double(Float(maxNorm / (norm + 1e-6))) == oneDivision)
    }

    @Test func coefficientCapsAtOneAndHandlesNonFiniteNorms() {
        let clip = GradientClipping(maxNorm: 1)
        #expect(clip.pytorchFloat32Coefficient(forNorm: 0.5) == 1)
        #expect(clip.pytorchFloat32Coefficient(forNorm: .infinity) == 0)
        #expect(clip.pytorchFloat32Coefficient(forNorm: .nan).isNaN)
    }
}

/// StepLR and MultiStepLR multiply the lr by γ at each decay, as PyTorch steps them; `pow` would be an
/// ulp off. Values printed by torch 2.15.
struct ChainedDecayTests {
    @Test func stepDecayMatchesPyTorchsStepLR() {
        let schedule = StepDecay(peak: 0.01, stepSize: 2, gamma: 0.1)
        #expect(schedule.learningRate(atStep: 4) == 0.0001)
        #expect(schedule.learningRate(atStep: 6) == 1e-05)
        #expect(0.01 * pow(0.1, 2.0) == 0.00010000000000000002)   // what pow would have given
        #expect(StepDecay(peak: 0.05, stepSize: 2, gamma: 0.3).learningRate(atStep: 8) == 0.0004049999999999999)
    }

    /// A milestone listed twice decays by γ² at once (PyTorch's Counter of milestones).
    @Test func multiStepDecayMatchesPyTorchsMultiStepLR() {
        let schedule = MultiStepDecay(peak: 0.003, milestones: [2, 5, 5, 7], gamma: 0.1)
        let expected = [0.003, 0.003, 0.00030000000000000003, 0.00030000000000000003, 0.00030000000000000003,
                        3.000000000000001e-06, 3.000000000000001e-06, 3.000000000000001e-07, 3.000000000000001e-07]
        #expect((0..<9).map(schedule.learningRate(atStep:)) == expected)
    }

    /// Far past the last decay that matters, the value is still computed at once.
    @Test func aHugeStepStaysCheap() {
        #expect(StepDecay(peak: 1, stepSize: 1, gamma: 0.5).learningRate(atStep: 1_000_000_000) == 0)
        #expect(StepDecay(peak: 1, stepSize: 1, gamma: 1).learningRate(atStep: 1_000_000_000) == 1)
    }
}
