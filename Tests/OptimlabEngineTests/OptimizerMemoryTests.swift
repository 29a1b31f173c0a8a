import Testing
@testable import OptimlabEngine

/// Optimizer-state bytes and blockwise 8-bit quantization, against counts done by hand.
struct OptimizerMemoryTests {
    static let adamw = OptimizerSpec.adamw(AdamHyperparameters(weightDecay: 0.01))

    @Test func adamKeepsTwoBuffersPerParameter() {
        let m = Self.adamw.stateMemory(dtype: .float32, shapes: [[1000, 1000], [1000]])
        #expect(m.bytes == 8 * 1_001_000)
        #expect(m.parts.map(\.name) == ["exp_avg", "exp_avg_sq"])
        // Mixed precision: an fp32 master copy plus fp32 moments, 12 bytes per parameter.
        #expect(Self.adamw.stateMemory(dtype: .bfloat16, shapes: [[1000, 1000]], precision: .mixedPrecision).bytes == 12_000_000)
        #expect(Self.adamw.stateMemory(dtype: .bfloat16, shapes: [[10]]).bytes == 40)
    }

    @Test func eightBitStateIsAQuarterPlusTheScales() {
        let shapes = [[4096, 4096]]
        let full = Self.adamw.stateMemory(dtype: .float32, shapes: shapes).bytes
        let q = Self.adamw.stateMemory(dtype: .float32, shapes: shapes, precision: .bitsandbytes).bytes
        let n = 4096 * 4096
        #expect(q == 2 * (n + 4 * (n / 2048)))
        #expect(abs(Double(q) / Double(full) - (0.25 + 1.0 / 2048)) < 1e-12)
        // Small tensors stay fp32 under bitsandbytes' rule.
        #expect(Self.adamw.stateMemory(dtype: .float32, shapes: [[64]], precision: .bitsandbytes).bytes == 2 * 64 * 4)
    }

    @Test func adafactorFactorsAndLionKeepsOneBuffer() {
        let a = OptimizerSpec.adafactor(Adafactor())
        #expect(a.stateBuffers(shape: [4096, 11008]).map(\.count) == [4096, 11008])
        #expect(a.stateBuffers(shape: [8, 3, 5]).map(\.count) == [24, 40])
        #expect(a.stateMemory(dtype: .float32, shapes: [[4096, 11008], [4096]]).bytes == 4 * (4096 + 11008 + 4096))
        #expect(OptimizerSpec.lion(Lion()).stateMemory(dtype: .float32, shapes: [[10, 10]]).bytes == 400)
        #expect(OptimizerSpec.sgd(SGD()).stateMemory(dtype: .float32, shapes: [[10]]).bytes == 0)
        #expect(OptimizerSpec.sgd(SGD(momentum: 0.9)).stateMemory(dtype: .float32, shapes: [[10]]).bytes == 40)
    }

    @Test func blockwiseQuantizationErrorIsBoundedByTheBlockMaximum() {
        let x = [0.5, -0.25, 0.001, 1e-6, -2.0, 0.3, 0.0, 7e-4]
        let q = BlockwiseQuantized(x, blockSize: 4)
        #expect(q.absmax == [0.5, 2.0])
        #expect(q.codes == [127, -64, 0, 0, -127, 19, 0, 0])
        #expect(q.bytes == 8 + 8)
        let d = q.dequantized
        for (i, (a, b)) in zip(x, d).enumerated() { #expect(abs(a - b) <= q.absmax[i / 4] / 254 + 1e-15) }
        let e = BlockwiseQuantized.error(of: x, blockSize: 4)
        // 0.001, 1e-6 and 7e-4 are under absmax/254 of their blocks: they decode to 0 (3 of 7 non-zeros).
        #expect(abs(e.zeroedFraction - 3.0 / 7.0) < 1e-15)
        #expect(e.maxRelative == 1)
        #expect(BlockwiseQuantized.error(of: [0, 0, 0], blockSize: 2) == QuantizationError(values: [0, 0, 0], decoded: [0, 0, 0]))
    }
}
