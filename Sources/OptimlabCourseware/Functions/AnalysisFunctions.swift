import OptimlabEngine

/// The closed forms the lectures reason with (``Analysis`` in the engine).
enum AnalysisFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition("bias_correction", .analysis, [Parameter("beta"), Parameter("t")],
                           "1/(1 − βᵗ): what m or v is divided by at step t") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Analysis.biasCorrectionFactor(beta: try a.number("beta"), step: try a.integer("t")))
        },
        FunctionDefinition("bias_fraction", .analysis, [Parameter("beta"), Parameter("t")],
                           "1 − βᵗ: the fraction of the true moment an uncorrected EMA holds") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Analysis.biasCorrectionFraction(beta: try a.number("beta"), step: try a.integer("t")))
        },
        FunctionDefinition("effective_lr", .analysis, [Parameter("lr"), Parameter("v_hat"), Parameter("eps", "1e-8")],
                           "lr/(√v̂ + ε): Adam's per-parameter step size") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Analysis.effectiveLearningRate(lr: try a.number("lr"), vHat: try a.number("v_hat"), eps: try a.number("eps", 1e-8)))
        },
        FunctionDefinition("linear_scaling", .analysis, [Parameter("lr"), Parameter("batch"), Parameter("new_batch")],
                           "lr·new_batch/batch (Goyal et al.)") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Analysis.linearScaledLR(baseLR: try a.number("lr"), baseBatch: try positive(a, "batch"), newBatch: try positive(a, "new_batch")))
        },
        FunctionDefinition("sqrt_scaling", .analysis, [Parameter("lr"), Parameter("batch"), Parameter("new_batch")],
                           "lr·√(new_batch/batch)") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Analysis.sqrtScaledLR(baseLR: try a.number("lr"), baseBatch: try positive(a, "batch"), newBatch: try positive(a, "new_batch")))
        },
        FunctionDefinition("scaled_warmup", .analysis, [Parameter("warmup"), Parameter("batch"), Parameter("new_batch")],
                           "warmup·batch/new_batch steps: the same number of warmup examples") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Double(Analysis.scaledWarmupSteps(baseWarmup: try a.count("warmup"), baseBatch: try positive(a, "batch"),
                                                      newBatch: try positive(a, "new_batch"))))
        },
    ]

    /// A whole number > 0 (a batch size).
    static func positive(_ a: Arguments, _ name: String) throws(ExpressionError) -> Int {
        let n = try a.integer(name)
        guard n > 0 else { throw a.error(name, "must be positive") }
        return n
    }
}
