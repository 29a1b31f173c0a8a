import OptimlabEngine

/// Which harness drives a submission. Each kind fixes the API the student implements (declared in the
/// harness as a protocol), what the case file holds and what the submission reports after each step.
public enum HarnessKind: String, Sendable, CaseIterable {
    /// `struct|final class AdamW`: torch.optim.AdamW over one flat vector; lr may be set per step.
    case adamw
    /// `struct|final class Adam`: torch.optim.Adam without weight decay (the bias-correction exercise).
    case adam
    /// `func warmupCosine(step:peak:warmupSteps:totalSteps:minLR:) -> Double`.
    case warmupCosine = "warmup-cosine"
    /// `struct|final class TrainingStep`: clip by global norm → warmup-cosine lr → AdamW, on named tensors.
    case trainingStep = "training-step"

    /// What the submission reports after each step.
    public enum Output: Sendable { case params, learningRate }

    public var output: Output { self == .warmupCosine ? .learningRate : .params }

    /// The optimizer kind a generated case's `optimizer` mapping describes.
    public var optimizerKind: String { self == .adam ? "adam" : "adamw" }

    /// The name of the type or function the student writes.
    public var symbolName: String {
        switch self {
        case .adamw: "AdamW"
        case .adam: "Adam"
        case .warmupCosine: "warmupCosine"
        case .trainingStep: "TrainingStep"
        }
    }

    /// The harness protocols a student's type is conformed to (named in compiler messages).
    static let protocolNames = ["AdamWExercise", "AdamExercise", "TrainingStepExercise"]

    /// The generated file that hooks the student's declaration to the harness.
    public var glue: String {
        let call: String
        var conformance = ""
        switch self {
        case .adamw: conformance = "extension AdamW: AdamWExercise {}\n"; call = "runAdamWHarness(AdamW.self)"
        case .adam: conformance = "extension Adam: AdamExercise {}\n"; call = "runAdamHarness(Adam.self)"
        case .trainingStep:
            conformance = "extension TrainingStep: TrainingStepExercise {}\n"; call = "runTrainingStepHarness(TrainingStep.self)"
        case .warmupCosine:
            call = "runScheduleHarness { warmupCosine(step: $0, peak: $1, warmupSteps: $2, totalSteps: $3, minLR: $4) }"
        }
        return "import \(HarnessSource.moduleName)\n\(conformance)@main enum OptimlabGradedMain { static func main() { \(call) } }\n"
    }

    /// Why a trace cannot be graded with this API, or nil when it can.
    public func unsupportedReason(_ trace: Trace) -> String? {
        let h: AdamHyperparameters
        switch trace.optimizer {
        case .adamw(let x): h = x
        case .adam(let x) where x.weightDecay == 0: h = x      // Adam without decay is AdamW with λ = 0
        case .adam: return "the trace uses Adam with L2 weight decay (coupled), which the \(symbolName) API cannot express"
        default: return "the trace uses \(trace.optimizer.name), but this exercise implements \(symbolName)"
        }
        if h.amsgrad { return "the trace uses amsgrad, which the \(symbolName) API does not have" }
        switch self {
        case .adamw:
            if trace.clipNorm != nil { return "the trace clips gradients (clip_norm), which the AdamW API does not do" }
        case .adam:
            if trace.clipNorm != nil { return "the trace clips gradients (clip_norm), which the Adam API does not do" }
            if h.weightDecay != 0 { return "the trace uses weight decay, which the Adam API does not have" }
            if trace.steps.contains(where: { ($0.lr ?? h.lr) != h.lr }) || (trace.schedule.map { $0 != .constant } ?? false) {
                return "the trace changes the learning rate, which the Adam API cannot be told"
            }
        case .warmupCosine, .trainingStep:
            guard case .warmupCosine = trace.schedule else {
                return "the trace's schedule is \(trace.schedule?.name ?? "none"); this exercise implements warmup_cosine"
            }
            if self == .trainingStep, trace.clipNorm == nil {
                return "the trace does not clip gradients; the TrainingStep API always clips (give clip_norm)"
            }
        }
        return nil
    }

    /// The known mistakes worth replaying for a failing case of this kind.
    public func candidateMistakes(for trace: Trace) -> [KnownMistake] {
        guard output == .params else { return [] }
        return KnownMistake.allCases.filter { $0.applies(to: trace.optimizer, clipping: trace.clipNorm != nil) }
    }
}
