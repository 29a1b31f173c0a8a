#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning-rate schedule: a pure function of s, the number of updates already taken.
///
/// s = 0 is the first update, as PyTorch's `last_epoch` after construction and optax's `count`. Every
/// schedule here is a closed form, so plotting step 10⁶ costs the same as step 1 and nothing drifts.
public protocol LearningRateSchedule: Sendable {
    /// The learning rate of update `s` (s ≥ 0).
    func learningRate(atStep s: Int) -> Double
}

/// The same lr at every step.
public struct ConstantSchedule: LearningRateSchedule, Equatable {
    public var lr: Double
    public init(lr: Double) { self.lr = lr }
    public func learningRate(atStep s: Int) -> Double { lr }
}

/// PyTorch `StepLR`: lr · γ^⌊s / step_size⌋.
///
/// Computed as PyTorch's scheduler steps it, one multiplication by γ per decay (`((lr·γ)·γ)·…`),
/// not with `pow`, whose result can differ in the last bit: a float32 run feels even that.
public struct StepDecay: LearningRateSchedule, Equatable {
    public var peak: Double
    public var stepSize: Int
    public var gamma: Double
    public init(peak: Double, stepSize: Int, gamma: Double = 0.1) {
        self.peak = peak; self.stepSize = stepSize; self.gamma = gamma
    }
    public func learningRate(atStep s: Int) -> Double {
        let decays = max(s, 0) / max(stepSize, 1)
        // Past a few thousand decays the product has under- or overflowed or stopped moving, so the
        // rest are applied at once and a plot at s = 10⁹ stays instant.
        let stepwise = min(decays, 4096)
        return repeatElement(gamma, count: stepwise).reduce(peak, *) * pow(gamma, Double(decays - stepwise))
    }
}

/// PyTorch `MultiStepLR`: lr · γ^(number of milestones ≤ s).
///
/// As PyTorch steps it: at each distinct milestone reached, lr ← lr · γ^(times it is listed).
public struct MultiStepDecay: LearningRateSchedule, Equatable {
    public var peak: Double
    public var milestones: [Int]
    public var gamma: Double
    public init(peak: Double, milestones: [Int], gamma: Double = 0.1) {
        self.peak = peak; self.milestones = milestones; self.gamma = gamma
    }
    public func learningRate(atStep s: Int) -> Double {
        // How often each milestone ≤ s is listed (bisect_right), in milestone order.
        let listed = Dictionary(milestones.filter { $0 <= s }.map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
        return listed.reduce(peak) { lr, milestone in lr * (milestone.value == 1 ? gamma : pow(gamma, Double(milestone.value))) }
    }
}

/// Cosine annealing (PyTorch `CosineAnnealingLR` closed form) from the peak at s = 0 to `minLR` at
/// s = total, held at `minLR` afterwards (PyTorch would rise again; optax clamps, and so do we):
///
///     lr(s) = min + (peak − min) · (1 + cos(π·s/T)) / 2
public struct CosineAnnealing: LearningRateSchedule, Equatable {
    public var peak: Double
    public var totalSteps: Int
    public var minLR: Double
    public init(peak: Double, totalSteps: Int, minLR: Double = 0) {
        self.peak = peak; self.totalSteps = totalSteps; self.minLR = minLR
    }
    public func learningRate(atStep s: Int) -> Double {
        guard totalSteps > 0, s < totalSteps else { return minLR }
        return minLR + (peak - minLR) * (1 + cos(Double.pi * Double(max(s, 0)) / Double(totalSteps))) / 2
    }
}

/// The linear warmup shared by the warmup schedules: peak·s/W while s < W, nil afterwards.
func linearWarmup(_ s: Int, peak: Double, warmupSteps: Int) -> Double? {
    s < warmupSteps ? peak * Double(s) / Double(warmupSteps) : nil
}

/// Linear warmup from 0 at s = 0 to the peak at s = W, then cosine decay to `minLR` at s = T (the total,
/// warmup included), held at `minLR` afterwards: optax's `warmup_cosine_decay_schedule(0, peak, W, T,
/// end_value=min)`, the Transformer default.
///
///     lr(s) = peak · s/W                                             s < W
///     lr(s) = min + (peak − min) · (1 + cos(π·(s − W)/(T − W))) / 2    W ≤ s ≤ T
public struct WarmupCosine: LearningRateSchedule, Equatable {
    public var peak: Double
    public var warmupSteps: Int
    public var totalSteps: Int
    public var minLR: Double
    public init(peak: Double, warmupSteps: Int, totalSteps: Int, minLR: Double = 0) {
        self.peak = peak; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.minLR = minLR
    }
    public func learningRate(atStep s: Int) -> Double {
        let s = max(s, 0)
        if let lr = linearWarmup(s, peak: peak, warmupSteps: warmupSteps) { return lr }
        let decaySteps = totalSteps - warmupSteps
        guard decaySteps > 0 else { return peak }
        let progress = Double(min(s - warmupSteps, decaySteps)) / Double(decaySteps)
        return minLR + (peak - minLR) * (1 + cos(Double.pi * progress)) / 2
    }
}

/// Linear warmup from 0 to the peak at s = W, then linear decay to `minLR` at s = T, held afterwards
/// (optax `join_schedules` of two `linear_schedule`s).
public struct WarmupLinear: LearningRateSchedule, Equatable {
    public var peak: Double
    public var warmupSteps: Int
    public var totalSteps: Int
    public var minLR: Double
    public init(peak: Double, warmupSteps: Int, totalSteps: Int, minLR: Double = 0) {
        self.peak = peak; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.minLR = minLR
    }
    public func learningRate(atStep s: Int) -> Double {
        let s = max(s, 0)
        if let lr = linearWarmup(s, peak: peak, warmupSteps: warmupSteps) { return lr }
        let decaySteps = totalSteps - warmupSteps
        guard decaySteps > 0 else { return peak }
        let remaining = 1 - Double(min(s - warmupSteps, decaySteps)) / Double(decaySteps)
        return (peak - minLR) * remaining + minLR
    }
}

/// Linear warmup to the peak at s = W, then decay with 1/√s ("Attention Is All You Need"):
///
///     lr(s) = peak · s/W   (s < W),      lr(s) = peak · √(W/s)   (s ≥ W)
public struct InverseSquareRoot: LearningRateSchedule, Equatable {
    public var peak: Double
    public var warmupSteps: Int
    public init(peak: Double, warmupSteps: Int) { self.peak = peak; self.warmupSteps = warmupSteps }
    public func learningRate(atStep s: Int) -> Double {
        let s = max(s, 0)
        if let lr = linearWarmup(s, peak: peak, warmupSteps: warmupSteps) { return lr }
        guard s > 0 else { return peak }
        return peak * (Double(max(warmupSteps, 1)) / Double(s)).squareRoot()
    }
}
