import Foundation

/// The lr of update `step` at batch `newBatch` for a warmup-cosine recipe tuned at `baseBatch`
/// (see `api` in exercise.yaml).
func scaledWarmupCosine(step: Int, baseLR: Double, baseBatch: Int, newBatch: Int,
                        warmupSteps: Int, totalSteps: Int, minLR: Double) -> Double {
    // TODO: scale the peak and the step counts to the new batch, then warmup-cosine.
    return baseLR
}
