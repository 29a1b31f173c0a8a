import Foundation

/// Warmup-cosine at the new batch: peak × k, warmup and total kept in examples.
func scaledWarmupCosine(step: Int, baseLR: Double, baseBatch: Int, newBatch: Int,
                        warmupSteps: Int, totalSteps: Int, minLR: Double) -> Double {
    let peak = baseLR * Double(newBatch) / Double(baseBatch)
    func rescaled(_ n: Int) -> Int { Int((Double(n) * Double(baseBatch) / Double(newBatch)).rounded()) }
    let w = rescaled(warmupSteps), total = rescaled(totalSteps)
    if step < w { return peak * Double(step) / Double(w) }
    let decay = total - w
    guard decay > 0 else { return peak }
    let progress = Double(min(step - w, decay)) / Double(decay)
    return minLR + (peak - minLR) * (1 + cos(Double.pi * progress)) / 2
}
