import Testing
@testable import OptimlabEngine

/// The fast Float32 SGD kernel against a scalar Float transcription of ``SGD``'s step (the engine's
/// SGD computes in Double only): the same bits for every length, configuration and thread count.
struct Float32SGDStepTests {
    /// `SGD.step` in Float, element by element, with the scalars rounded once from Double, as
    /// PyTorch's kernels receive them.
    static func referenceStep(_ sgd: SGD, params: inout [Float], grads: [Float], buffer: inout [Float], lr: Double) {
        let firstStep = buffer.isEmpty
        if sgd.momentum != 0 && firstStep { buffer = Array(repeating: 0, count: params.count) }
        let wd = Float(sgd.weightDecay), mu = Float(sgd.momentum), keep = Float(1 - sgd.dampening), negLR = Float(-lr)
        for i in params.indices {
            var g = wd != 0 ? grads[i].addingProduct(wd, params[i]) : grads[i]
            if sgd.momentum != 0 {
                let b = firstStep ? g : (buffer[i] * mu).addingProduct(keep, g)
                buffer[i] = b
                g = sgd.nesterov ? g.addingProduct(mu, b) : b
            }
            params[i] = params[i].addingProduct(negLR, g)
        }
    }

    static let configurations: [SGD] = [
        SGD(lr: 0.1),
        SGD(lr: 0.01, weightDecay: 1e-2),
        SGD(lr: 0.05, momentum: 0.9),
        SGD(lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 5e-4),
        SGD(lr: 0.02, momentum: 0.8, weightDecay: 1e-3, nesterov: true),
    ]

    static func compare(_ sgd: SGD, length n: Int, parallelism: Parallelism, seed: UInt64) -> String? {
        guard let fast = Float32SGDStep(sgd: sgd) else { return "fast path declined PyTorch rules" }
        var pFast = Float32TestData.values(n, seed: seed), pRef = pFast
        var state = Float32SGDState(), buffer: [Float] = []
        for (k, lr) in [0.1, 0.05, 0.2, 0.01].enumerated() {
            let g = Float32TestData.values(n, seed: seed &+ UInt64(k + 1) &* 104_729)
            fast.apply(params: &pFast, grads: g, state: &state, lr: lr, parallelism: parallelism)
            Self.referenceStep(sgd, params: &pRef, grads: g, buffer: &buffer, lr: lr)
            if let i = Float32TestData.firstMismatch(pFast, pRef) { return "θ step \(k) [\(i)] of \(n)" }
            if let i = Float32TestData.firstMismatch(state.momentumBuffer, buffer) { return "buf step \(k) [\(i)] of \(n)" }
        }
        return state.stepCount == 4 ? nil : "step count \(state.stepCount)"
    }

    @Test(arguments: configurations)
    func matchesScalarReferenceBitForBit(_ sgd: SGD) {
        for n in Float32TestData.lengths {
            let mismatch = Self.compare(sgd, length: n, parallelism: .serial, seed: UInt64(n) &+ 5)
            #expect(mismatch == nil, "\(sgd): \(mismatch ?? "")")
        }
    }

    @Test(arguments: [2, 3, 5])
    func threadedMatchesScalarReferenceBitForBit(_ threads: Int) {
        for sgd in Self.configurations {
            let mismatch = Self.compare(sgd, length: 70_001, parallelism: Parallelism(threads: threads, minimumChunk: 16), seed: 11)
            #expect(mismatch == nil, "\(sgd), \(threads) threads: \(mismatch ?? "")")
        }
    }

    /// Two momentum steps by hand (lr 0.1, μ 0.9, g = 1 both times): buf = 1, θ = 1 − 0.1 = 0.9;
    /// then buf = 0.9·1 + 1 = 1.9, θ = 0.9 − 0.19 = 0.71. Nesterov steps by g + μ·buf instead:
    /// 1.9 then 1 + 0.9·1.9 = 2.71, so θ = 1 − 0.19 − 0.271 = 0.539.
    @Test func momentumStepsByHand() throws {
        let heavyBall = try #require(Float32SGDStep(sgd: SGD(lr: 0.1, momentum: 0.9)))
        let nesterov = try #require(Float32SGDStep(sgd: SGD(lr: 0.1, momentum: 0.9, nesterov: true)))
        var p: [Float] = [1], q: [Float] = [1]
        var s = Float32SGDState(), t = Float32SGDState()
        for _ in 0..<2 {
            heavyBall.apply(params: &p, grads: [1], state: &s, lr: 0.1)
            nesterov.apply(params: &q, grads: [1], state: &t, lr: 0.1)
        }
        #expect(abs(p[0] - 0.71) <= 1e-6)
        #expect(abs(s.momentumBuffer[0] - 1.9) <= 1e-6)
        #expect(abs(q[0] - 0.539) <= 1e-6)
    }

    /// Float32 tracks the engine's float64 SGD to Float precision over a few steps.
    @Test func tracksDoubleSGD() throws {
        let sgd = SGD(lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 5e-4)
        let fast = try #require(Float32SGDStep(sgd: sgd))
        let start = Float32TestData.values(257, seed: 3)
        var p32 = start, p64 = start.map(Double.init)
        var s32 = Float32SGDState(), s64 = sgd.initialState(count: 257)
        for k in 0..<5 {
            let g = Float32TestData.values(257, seed: UInt64(40 + k))
            fast.apply(params: &p32, grads: g, state: &s32, lr: 0.05)
            sgd.step(params: &p64, grads: g.map(Double.init), state: &s64, lr: 0.05)
        }
        for (a, b) in zip(p32, p64) { #expect(abs(Double(a) - b) <= 1e-6 * max(1, abs(b))) }
    }

    @Test func declinesNonPyTorchRules() {
        var keras = SGD(lr: 0.1, momentum: 0.9)
        keras.rules = Convention.keras.sgdRules
        #expect(Float32SGDStep(sgd: keras) == nil)
        var dampenedFirst = SGD(lr: 0.1, momentum: 0.9, dampening: 0.5)
        dampenedFirst.rules.firstStepIsDampened = true
        #expect(Float32SGDStep(sgd: dampenedFirst) == nil)
    }
}
