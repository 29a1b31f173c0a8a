import Foundation

/// The learning rate for update s (s = 0 for the first update): a linear warmup from 0 to `peak` over
/// `warmupSteps` updates, then a half cosine from `peak` down to `minLR` at `totalSteps`, held there.
func warmupCosine(step s: Int, peak: Double, warmupSteps: Int, totalSteps: Int, minLR: Double) -> Double {
    if s < warmupSteps { return peak * Double(s) / Double(warmupSteps) }
    let decaySteps = totalSteps - warmupSteps
    if decaySteps <= 0 { return s >= totalSteps && totalSteps > warmupSteps ? minLR : peak }
    let progress = Double(min(s - warmupSteps, decaySteps)) / Double(decaySteps)
    return minLR + (peak - minLR) * (1 + cos(Double.pi * progress)) / 2
}
