import Foundation
import Testing
@testable import OptimlabEngine

/// The Float32 path follows PyTorch's fused CPU kernel; a textbook Float32 AdamW does not, which is why
/// the engine carries the recipe (scalars in Double rounded once, FMA where PyTorch fuses).
struct Float32PathTests {
    /// A straightforward Float32 AdamW as a student would write it: all arithmetic in Float.
    static func textbook(_ trace: Trace) -> [[Double]] {
        guard case .adamw(let h) = trace.optimizer else { return [] }
        var p = trace.initialParams.flattened.map { Float($0) }
        var m = [Float](repeating: 0, count: p.count), v = m
        var out: [[Double]] = []
        let b1 = Float(h.beta1), b2 = Float(h.beta2), eps = Float(h.eps), wd = Float(h.weightDecay)
        for (k, step) in trace.steps.enumerated() {
            let lr = Float(step.lr ?? h.lr), t = Float(k + 1)
            let g = step.grads.flattened.map { Float($0) }
            for i in p.indices {
                p[i] -= lr * wd * p[i]
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                let mHat = m[i] / (1 - powf(b1, t)), vHat = v[i] / (1 - powf(b2, t))
                p[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
            out.append(p.map(Double.init))
        }
        return out
    }

    static func maxRelativeError(_ got: [[Double]], _ trace: Trace) -> Double {
        var worst = 0.0
        for (row, step) in zip(got, trace.steps) {
            for (a, b) in zip(row, step.params!.flattened) { worst = max(worst, abs(a - b) / max(abs(b), 1e-30)) }
        }
        return worst
    }

    @Test(arguments: ["f32-01-adamw.json", "f32-02-adamw.json"])
    func recipeMatchesFusedKernelAndTextbookDoesNot(_ name: String) throws {
        let trace = try ReferenceTraceTests.load(name)
        let engine = trace.completed().steps.map { $0.params!.flattened }
        let engineError = Self.maxRelativeError(engine, trace)
        let textbookError = Self.maxRelativeError(Self.textbook(trace), trace)
        #expect(engineError <= 1e-6)
        #expect(textbookError > 1e-6, "a textbook Float32 AdamW should miss the fused kernel's trace")
        #expect(textbookError > 10 * engineError)
    }
}
