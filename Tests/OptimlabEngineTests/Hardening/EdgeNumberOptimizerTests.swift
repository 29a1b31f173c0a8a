import Foundation
import Testing
@testable import OptimlabEngine

/// Zero, subnormal, huge and non-finite gradients through SGD, AdaGrad, RMSProp and the Float32 AdamW
/// path, with the results PyTorch's IEEE arithmetic gives (derived by hand beside each case).
struct EdgeNumberOptimizerTests {
    /// θ after one step from θ = 1 with gradient `g`.
    static func step(_ spec: OptimizerSpec, _ g: Double, dtype: TraceDType = .float64, steps: Int = 1) -> Double {
        var run = TrainingRun(optimizer: spec, dtype: dtype, initialParams: NamedTensors([("w", [1])]))
        var theta = 1.0
        for _ in 0..<steps { theta = run.step(grads: NamedTensors([("w", [g])])).params["w"]![0] }
        return theta
    }

    static let sgd = OptimizerSpec.sgd(SGD(lr: 0.1))
    static let momentum = OptimizerSpec.sgd(SGD(lr: 0.1, momentum: 0.9))
    static let adagrad = OptimizerSpec.adagrad(AdaGrad(lr: 0.01))
    static let rmsprop = OptimizerSpec.rmsprop(RMSProp(lr: 0.01))

    @Test func sgd() {
        #expect(Self.step(Self.sgd, 0) == 1)
        // 0.1 · 5e-324 rounds to 0 (below half the smallest subnormal): θ does not move.
        #expect(Self.step(Self.sgd, .leastNonzeroMagnitude) == 1)
        // 1 − 0.1·1e308 = −1e307 (the 1 is lost in rounding).
        #expect(abs(Self.step(Self.sgd, 1e308) / -1e307 - 1) < 1e-15)
        #expect(Self.step(Self.sgd, .infinity) == -.infinity)
        #expect(Self.step(Self.sgd, -.infinity) == .infinity)
        #expect(Self.step(Self.sgd, .nan).isNaN)
        // Momentum: buf₂ = 0.9·1e308 + 1e308 = 1.9e308 overflows to inf, so θ₂ = −1e307 − 0.1·inf = −inf.
        #expect(Self.step(Self.momentum, 1e308, steps: 2) == -.infinity)
        #expect(Self.step(Self.momentum, 0, steps: 3) == 1)
    }

    @Test func adagrad() {
        // sum = g², θ ← θ − lr·g/(√sum + ε), ε = 1e-10.
        #expect(Self.step(Self.adagrad, 0) == 1)                               // 0/(0 + ε) = 0
        #expect(Self.step(Self.adagrad, .leastNonzeroMagnitude) == 1)         // g² underflows; lr·g/ε ≈ 5e-316 is lost against 1
        #expect(abs(Self.step(Self.adagrad, 1e154) - 0.99) < 1e-15)           // g² = 1e308 still finite: g/√sum = 1
        #expect(Self.step(Self.adagrad, 1e200) == 1)                          // g² = inf, g/inf = 0: the step freezes
        #expect(Self.step(Self.adagrad, .infinity).isNaN)                     // inf/inf
        #expect(Self.step(Self.adagrad, .nan).isNaN)
    }

    @Test func rmsprop() {
        // v = 0.99·0 + 0.01·g², θ ← θ − lr·g/(√v + ε), ε = 1e-8.
        #expect(Self.step(Self.rmsprop, 0) == 1)
        #expect(Self.step(Self.rmsprop, .leastNonzeroMagnitude) == 1)
        #expect(abs(Self.step(Self.rmsprop, 1e150) - 0.9) < 1e-14)           // √(0.01·1e300) = 1e149: g/√v = 10
        #expect(Self.step(Self.rmsprop, 1e200) == 1)                          // g² = inf: g/inf = 0
        #expect(Self.step(Self.rmsprop, -.infinity).isNaN)
        #expect(Self.step(Self.rmsprop, .nan).isNaN)
    }

    /// The fused Float32 AdamW kernel (lr 1e-3, λ 0.01): Float arithmetic overflows far earlier.
    @Test func float32AdamW() {
        let adamw = OptimizerSpec.adamw(AdamHyperparameters(weightDecay: 0.01))
        let decayed = Double(Float(1 - 1e-3 * 0.01))
        #expect(abs(Self.step(adamw, 0, dtype: .float32) - decayed) < 1e-7)   // m = 0: only the decay
        // g = 1e30 fits in a Float but g² = 1e60 does not: v = inf, m/√v = 0, only the decay.
        #expect(abs(Self.step(adamw, 1e30, dtype: .float32) - decayed) < 1e-7)
        // A Float cannot hold 1e300: the gradient is inf, so m/√v = inf/inf and θ is nan, as in a float32 tensor.
        #expect(Self.step(adamw, 1e300, dtype: .float32).isNaN)
        #expect(Self.step(adamw, .nan, dtype: .float32).isNaN)
        // The smallest Float subnormal: m and v underflow, the step is (at most) lost against 1.
        #expect(abs(Self.step(adamw, Double(Float.leastNonzeroMagnitude), dtype: .float32) - decayed) < 1e-7)
        // Every value the Float32 path reports is a Float.
        let theta = Self.step(adamw, 0.123, dtype: .float32, steps: 3)
        #expect(Double(Float(theta)) == theta)
    }
}
