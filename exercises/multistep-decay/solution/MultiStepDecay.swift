/// The lr of update `step` under MultiStepLR: peak · γ^(milestones ≤ step).
func multiStepDecay(step: Int, peak: Double, milestones: [Int], gamma: Double) -> Double {
    milestones.filter { $0 <= step }.sorted().reduce(peak) { lr, _ in lr * gamma }
}
