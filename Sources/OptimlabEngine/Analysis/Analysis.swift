#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The closed-form quantities the lectures reason with.
public enum Analysis {
    /// Adam's bias-correction factor 1/(1 − βᵗ): what m (β = β₁) or v (β = β₂) is divided by at step t.
    ///
    /// m and v start at 0, so after t steps of a constant gradient g, m = (1 − βᵗ)·g (a geometric series:
    /// (1−β)(1 + β + … + βᵗ⁻¹)·g); dividing by 1 − βᵗ recovers g.
    public static func biasCorrectionFactor(beta: Double, step t: Int) -> Double {
        1 / (1 - pow(beta, Double(t)))
    }

    /// The fraction 1 − βᵗ of the true moment an uncorrected EMA holds after t steps.
    public static func biasCorrectionFraction(beta: Double, step t: Int) -> Double {
        1 - pow(beta, Double(t))
    }

    /// The per-parameter effective learning rate lr/(√v̂ + ε) that multiplies m̂ in Adam's update.
    public static func effectiveLearningRate(lr: Double, vHat: Double, eps: Double = 1e-8) -> Double {
        lr / (vHat.squareRoot() + eps)
    }

    /// The linear scaling rule (Goyal et al.): when the batch grows by k = new/base, multiply the lr
    /// by k. Warmup is scaled by the same factor in steps *of the old batch*: the number of examples
    /// seen during warmup stays fixed, so in new (larger) steps it is warmup/k — most recipes keep
    /// warmup in examples, which is what ``scaledWarmupSteps`` returns.
    public static func linearScaledLR(baseLR: Double, baseBatch: Int, newBatch: Int) -> Double {
        baseLR * Double(newBatch) / Double(baseBatch)
    }

    /// The square-root scaling rule used for adaptive optimizers at large batch: lr·√k.
    public static func sqrtScaledLR(baseLR: Double, baseBatch: Int, newBatch: Int) -> Double {
        baseLR * (Double(newBatch) / Double(baseBatch)).squareRoot()
    }

    /// Warmup under the linear scaling rule, holding the number of warmup *examples* fixed.
    public static func scaledWarmupSteps(baseWarmup: Int, baseBatch: Int, newBatch: Int) -> Int {
        Int((Double(baseWarmup) * Double(baseBatch) / Double(newBatch)).rounded())
    }
}
