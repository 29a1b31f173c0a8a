import Testing
@testable import OptimlabEngine

/// Both C implementations behind the Float32 kernels — the automatic one (AVX2+FMA on x86-64 CPUs
/// that have it) and the portable one (fmaf, sqrtf) — against the reference kernels, bit for bit,
/// including the elements past the last whole vector and special values (±0, subnormals, ±∞, NaN).
struct Float32KernelPathTests {
    static let paths: [Float32KernelPath] = [.automatic, .portable]

    /// Lengths that leave every tail length 0…7 after whole 8-lane vectors, plus larger odd ones.
    static let lengths = Array(0...24) + [31, 33, 63, 65, 1000, 4099]

    /// Random values with special values spliced in at `every`-th index: the AMSGrad max must keep
    /// v_max on NaN and take v on ties, and the lerp/FMA/division must pass ∞ and NaN through as the
    /// reference does.
    static func valuesWithSpecials(_ n: Int, seed: UInt64, every: Int) -> [Float] {
        let specials: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .infinity, -.infinity,
                                 .nan, .greatestFiniteMagnitude, 1e-30]
        var x = Float32TestData.values(n, seed: seed)
        for (k, i) in stride(from: 0, to: n, by: every).enumerated() { x[i] = specials[k % specials.count] }
        return x
    }

    /// Steps both the reference kernel and the fast kernel on `path`; the first differing bit, or nil.
    static func adamMismatch(_ c: Float32AdamStepTests.Case, length n: Int, path: Float32KernelPath,
                             specials: Bool) -> String? {
        let fast = Float32AdamStep(hyperparameters: c.hyperparameters, weightDecay: c.style)
        var pFast = specials ? valuesWithSpecials(n, seed: UInt64(n) &+ 3, every: 5) : Float32TestData.values(n, seed: UInt64(n) &+ 3)
        var pRef = pFast
        var sFast = AdamState<Float>(count: n, amsgrad: c.hyperparameters.amsgrad), sRef = sFast
        for (k, lr) in Float32AdamStepTests.learningRates.enumerated() {
            let seed = UInt64(n) &* 31 &+ UInt64(k)
            let g = specials ? valuesWithSpecials(n, seed: seed, every: 7) : Float32TestData.values(n, seed: seed)
            fast.apply(params: &pFast, grads: g, state: &sFast, lr: lr, parallelism: .serial, path: path)
            fast.core.apply(params: &pRef, grads: g, state: &sRef, lr: lr, fusedTensorLengths: [pRef.count])
            for (name, a, b) in [("θ", pFast, pRef), ("m", sFast.m, sRef.m), ("v", sFast.v, sRef.v),
                                 ("v_max", sFast.vMax, sRef.vMax)] {
                if let i = Float32TestData.firstMismatch(a, b) { return "\(name) step \(k) [\(i)] of \(n): \(a[i]) vs \(b[i])" }
            }
        }
        return nil
    }

    @Test(arguments: Float32AdamStepTests.cases, paths)
    func adamMatchesReferenceOnEitherPath(_ c: Float32AdamStepTests.Case, _ path: Float32KernelPath) {
        for n in Self.lengths {
            let mismatch = Self.adamMismatch(c, length: n, path: path, specials: false)
            #expect(mismatch == nil, "\(c.name), \(path): \(mismatch ?? "")")
        }
    }

    @Test(arguments: Float32AdamStepTests.cases, paths)
    func adamMatchesReferenceOnSpecialValues(_ c: Float32AdamStepTests.Case, _ path: Float32KernelPath) {
        for n in [9, 23, 100] {
            let mismatch = Self.adamMismatch(c, length: n, path: path, specials: true)
            #expect(mismatch == nil, "\(c.name), \(path): \(mismatch ?? "")")
        }
    }

    /// A hand-checkable AMSGrad step: with m = v = v_max = 0 and g = 2, v = (1 − 0.999)·2·2 = 0.004 in
    /// Float, so v_max becomes v; with v_max = NaN already stored, the max keeps the NaN.
    @Test(arguments: paths)
    func amsgradMaximumKeepsNaNAndTakesLargerV(_ path: Float32KernelPath) {
        let fast = Float32AdamStep(hyperparameters: AdamHyperparameters(weightDecay: 0, amsgrad: true), weightDecay: .decoupled)
        var p: [Float] = Array(repeating: 1, count: 11)
        var state = AdamState<Float>(count: 11, amsgrad: true)
        state.vMax[10] = .nan
        fast.apply(params: &p, grads: Array(repeating: 2, count: 11), state: &state, lr: 1e-3, parallelism: .serial, path: path)
        let v = (Float(0) * Float(0.999)).addingProduct(Float(1 - 0.999) * 2, 2)   // fma((1−β₂)·g, g, v·β₂)
        #expect(abs(v - 0.004) < 1e-9)
        #expect(state.v == Array(repeating: v, count: 11))
        #expect(state.vMax[..<10] == ArraySlice(repeating: v, count: 10))
        #expect(state.vMax[10].isNaN)
        #expect(p[0] == p[9] && abs(p[0] - 0.999) < 1e-6)   // first Adam step moves θ by lr·sign(g)
        #expect(p[10].isNaN)
    }

    @Test(arguments: Float32SGDStepTests.configurations, paths)
    func sgdMatchesScalarReferenceOnEitherPath(_ sgd: SGD, _ path: Float32KernelPath) throws {
        let fast = try #require(Float32SGDStep(sgd: sgd))
        for n in Self.lengths {
            var pFast = Self.valuesWithSpecials(n, seed: UInt64(n), every: 11), pRef = pFast
            var state = Float32SGDState(), buffer: [Float] = []
            for (k, lr) in [0.1, 0.05, 0.2].enumerated() {
                let g = Float32TestData.values(n, seed: UInt64(n) &+ UInt64(k) &* 977)
                fast.apply(params: &pFast, grads: g, state: &state, lr: lr, parallelism: .serial, path: path)
                Float32SGDStepTests.referenceStep(sgd, params: &pRef, grads: g, buffer: &buffer, lr: lr)
                #expect(Float32TestData.firstMismatch(pFast, pRef) == nil, "\(sgd) \(path) θ step \(k) of \(n)")
                #expect(Float32TestData.firstMismatch(state.momentumBuffer, buffer) == nil, "\(sgd) \(path) buf step \(k) of \(n)")
            }
        }
    }

    /// The sum of squares has one fixed accumulation order, so both paths give the same Double, and
    /// a short sum is exact: 1² + 2² + … + 20² = 2870 (20 = one 16-lane row plus a 4-element tail).
    @Test func sumOfSquaresIsTheSameOnBothPaths() {
        let small = (1...20).map(Float.init)
        for path in Self.paths {
            let sum = small.withUnsafeBufferPointer { Float32Clipping.sumOfSquares($0, parallelism: .serial, path: path) }
            #expect(sum == 2870)
        }
        for n in Self.lengths + [16_383, 16_385, 100_003] {
            let x = Float32TestData.values(n, seed: UInt64(n) &+ 99)
            let sums = Self.paths.map { path in
                x.withUnsafeBufferPointer { Float32Clipping.sumOfSquares($0, parallelism: .serial, path: path) }
            }
            #expect(sums[0].bitPattern == sums[1].bitPattern, "length \(n): \(sums[0]) vs \(sums[1])")
        }
    }

    @Test(arguments: paths)
    func scaleRoundsEachProductOnce(_ path: Float32KernelPath) {
        for n in Self.lengths {
            var x = Self.valuesWithSpecials(n, seed: UInt64(n) &+ 5, every: 3)
            let expected = x.map { $0 * 0.37 }
            x.withUnsafeMutableBufferPointer { Float32Clipping.scale($0, by: 0.37, parallelism: .serial, path: path) }
            #expect(Float32TestData.firstMismatch(x, expected) == nil, "\(path), length \(n)")
        }
    }
}
