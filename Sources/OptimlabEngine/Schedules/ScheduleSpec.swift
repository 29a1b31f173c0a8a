/// A schedule as data: the `"schedule"` object of a trace, and of any file that names a schedule. The peak
/// is not part of it: it is the optimizer's base lr, so one spec can be reused across learning rates.
public enum ScheduleSpec: Sendable, Equatable {
    case constant
    case step(stepSize: Int, gamma: Double)
    case multistep(milestones: [Int], gamma: Double)
    case cosine(totalSteps: Int, minLR: Double)
    case warmupCosine(warmupSteps: Int, totalSteps: Int, minLR: Double)
    case warmupLinear(warmupSteps: Int, totalSteps: Int, minLR: Double)
    case inverseSqrt(warmupSteps: Int)

    /// The names used in traces and other files.
    public static let names = ["constant", "step", "multistep", "cosine", "warmup_cosine", "warmup_linear",
                               "inverse_sqrt"]

    public var name: String {
        switch self {
        case .constant: "constant"
        case .step: "step"
        case .multistep: "multistep"
        case .cosine: "cosine"
        case .warmupCosine: "warmup_cosine"
        case .warmupLinear: "warmup_linear"
        case .inverseSqrt: "inverse_sqrt"
        }
    }

    /// The schedule with `peak` as its base lr.
    public func schedule(peak: Double) -> any LearningRateSchedule {
        switch self {
        case .constant: ConstantSchedule(lr: peak)
        case let .step(size, gamma): StepDecay(peak: peak, stepSize: size, gamma: gamma)
        case let .multistep(ms, gamma): MultiStepDecay(peak: peak, milestones: ms, gamma: gamma)
        case let .cosine(total, minLR): CosineAnnealing(peak: peak, totalSteps: total, minLR: minLR)
        case let .warmupCosine(w, total, minLR): WarmupCosine(peak: peak, warmupSteps: w, totalSteps: total, minLR: minLR)
        case let .warmupLinear(w, total, minLR): WarmupLinear(peak: peak, warmupSteps: w, totalSteps: total, minLR: minLR)
        case let .inverseSqrt(w): InverseSquareRoot(peak: peak, warmupSteps: w)
        }
    }

    /// The fields this schedule kind takes, for validation messages.
    public static func fields(of name: String) -> [String]? {
        switch name {
        case "constant": []
        case "step": ["step_size", "gamma"]
        case "multistep": ["milestones", "gamma"]
        case "cosine": ["total_steps", "min_lr"]
        case "warmup_cosine", "warmup_linear": ["warmup_steps", "total_steps", "min_lr"]
        case "inverse_sqrt": ["warmup_steps"]
        default: nil
        }
    }
}
