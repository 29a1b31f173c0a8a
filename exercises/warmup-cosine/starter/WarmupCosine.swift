import Foundation

/// The learning rate for update s (s = 0 for the first update): a linear warmup from 0 to `peak` over
/// `warmupSteps` updates, then a half cosine from `peak` down to `minLR` at `totalSteps`, held there.
func warmupCosine(step s: Int, peak: Double, warmupSteps: Int, totalSteps: Int, minLR: Double) -> Double {
    // TODO: the warmup, then the cosine decay.
    return peak
}
