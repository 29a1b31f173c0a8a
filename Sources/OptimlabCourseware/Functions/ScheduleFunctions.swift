import OptimlabEngine

/// Learning-rate schedules as functions of s, the number of updates already taken (0 for the first).
enum ScheduleFunctions {
    static func lr(_ a: Arguments, _ schedule: any LearningRateSchedule) throws(ExpressionError) -> Value {
        .number(schedule.learningRate(atStep: try a.count("s")))
    }

    static let s = Parameter("s", aliases: ["step"])
    static let peak = Parameter("peak", aliases: ["lr"])

    static let all: [FunctionDefinition] = [
        FunctionDefinition("constant_lr", .schedules, [s, peak], "the peak at every step") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, ConstantSchedule(lr: try a.number("peak")))
        },
        FunctionDefinition("step_lr", .schedules, [s, peak, Parameter("step_size"), Parameter("gamma", "0.1")],
                           "peak·γ^⌊s/step_size⌋ (PyTorch StepLR)") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, StepDecay(peak: try a.number("peak"), stepSize: try positiveSteps(a, "step_size"), gamma: try a.number("gamma", 0.1)))
        },
        FunctionDefinition("multistep_lr", .schedules, [s, peak, Parameter("milestones"), Parameter("gamma", "0.1")],
                           "peak·γ^(milestones ≤ s) (PyTorch MultiStepLR)") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, MultiStepDecay(peak: try a.number("peak"), milestones: try a.integers("milestones"), gamma: try a.number("gamma", 0.1)))
        },
        FunctionDefinition("cosine_lr", .schedules, [s, peak, Parameter("total"), Parameter("min_lr", "0")],
                           "cosine from the peak at s = 0 to min_lr at s = total") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, CosineAnnealing(peak: try a.number("peak"), totalSteps: try a.count("total"), minLR: try a.number("min_lr", 0)))
        },
        FunctionDefinition("warmup_cosine", .schedules, [s, peak, Parameter("warmup"), Parameter("total"), Parameter("min_lr", "0")],
                           "linear warmup to the peak at s = warmup, then cosine to min_lr at s = total") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, WarmupCosine(peak: try a.number("peak"), warmupSteps: try a.count("warmup"), totalSteps: try a.count("total"),
                                   minLR: try a.number("min_lr", 0)))
        },
        FunctionDefinition("warmup_linear", .schedules, [s, peak, Parameter("warmup"), Parameter("total"), Parameter("min_lr", "0")],
                           "linear warmup, then linear decay to min_lr at s = total") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, WarmupLinear(peak: try a.number("peak"), warmupSteps: try a.count("warmup"), totalSteps: try a.count("total"),
                                   minLR: try a.number("min_lr", 0)))
        },
        FunctionDefinition("inverse_sqrt", .schedules, [s, peak, Parameter("warmup")],
                           "linear warmup, then peak·√(warmup/s)") { (a: Arguments) throws(ExpressionError) -> Value in
            try lr(a, InverseSquareRoot(peak: try a.number("peak"), warmupSteps: try a.count("warmup")))
        },
    ]

    static func positiveSteps(_ a: Arguments, _ name: String) throws(ExpressionError) -> Int {
        let n = try a.integer(name)
        guard n > 0 else { throw a.error(name, "must be at least 1") }
        return n
    }
}
