import Testing
@testable import OptimlabEngine

/// Global-norm clipping over Float32 buffers: exact small cases, agreement with the Double
/// ``GradientClipping``, and the same bits on any thread count.
struct Float32ClippingTests {
    static func norm(_ x: [Float], _ parallelism: Parallelism = .serial) -> Double {
        x.withUnsafeBufferPointer { Float32Clipping.norm($0, parallelism: parallelism) }
    }

    @Test func normsOfPythagoreanTriples() {
        #expect(Self.norm([3, 4]) == 5)
        #expect(Self.norm([]) == 0)
        let a: [Float] = [3, 4], b: [Float] = [12]
        let total = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in Float32Clipping.globalNorm([pa, pb], parallelism: .serial) }
        }
        #expect(total == 13)   // √(5² + 12²)
    }

    /// The sum runs over blocks, 16 lanes per block; a plain left-to-right Double sum of n terms is
    /// within n·ε (relative) of the exact value, so the two agree to that bound.
    @Test(arguments: [1, 15, 17, 1000, 16_385, 100_003])
    func agreesWithDoubleClipping(_ n: Int) {
        let x = Float32TestData.values(n, seed: UInt64(n))
        let reference = GradientClipping.norm(x.map(Double.init))
        #expect(abs(Self.norm(x) - reference) <= Double(n) * Double.ulpOfOne * reference)
    }

    @Test(arguments: [2, 3, 8])
    func threadedNormEqualsSerialBitForBit(_ threads: Int) {
        let x = Float32TestData.values(1_000_003, seed: 21)
        let threaded = Self.norm(x, Parallelism(threads: threads, minimumChunk: 16))
        #expect(threaded.bitPattern == Self.norm(x).bitPattern)
    }

    /// PyTorch's rule: coef = max_norm/(norm + 1e-6), here 1/5.000001, applied to every element.
    @Test func clipsByGlobalNorm() {
        var g: [Float] = [3, 4]
        let norm = g.withUnsafeMutableBufferPointer { Float32Clipping.clip([$0], by: GradientClipping(maxNorm: 1)) }
        #expect(norm == 5)
        let coef = Float(1 / 5.000001)
        #expect(g == [3 * coef, 4 * coef])
        #expect(abs(g[0] - 0.6) <= 1e-6 && abs(g[1] - 0.8) <= 1e-6)
    }

    /// At the threshold PyTorch still scales (by 0.9999998); the threshold rule leaves g alone.
    @Test func thresholdBehaviour() {
        var torch: [Float] = [3, 4], threshold: [Float] = [3, 4]
        torch.withUnsafeMutableBufferPointer { _ = Float32Clipping.clip([$0], by: GradientClipping(maxNorm: 5)) }
        threshold.withUnsafeMutableBufferPointer {
            _ = Float32Clipping.clip([$0], by: GradientClipping(maxNorm: 5.5, rule: .threshold))
        }
        #expect(torch[0] < 3 && torch[0] == 3 * Float(5 / 5.000001))
        #expect(threshold == [3, 4])
    }

    @Test func scaleMatchesElementwiseProductOnAnyThreadCount() {
        let x = Float32TestData.values(50_001, seed: 8)
        var serial = x, threaded = x
        serial.withUnsafeMutableBufferPointer { Float32Clipping.scale($0, by: 0.37, parallelism: .serial) }
        threaded.withUnsafeMutableBufferPointer {
            Float32Clipping.scale($0, by: 0.37, parallelism: Parallelism(threads: 3, minimumChunk: 16))
        }
        #expect(Float32TestData.firstMismatch(serial, x.map { $0 * 0.37 }) == nil)
        #expect(Float32TestData.firstMismatch(serial, threaded) == nil)
    }
}
