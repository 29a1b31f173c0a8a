import OptimlabEngine

/// Global-norm gradient clipping (PyTorch `clip_grad_norm_`), honouring the clipping mistakes.
enum ClippingFunctions {
    static func named(_ tensors: [[Double]]) -> NamedTensors {
        NamedTensors(tensors.enumerated().map { ("t\($0.offset)", $0.element) })
    }

    /// The gradients the optimizer would use: clipped globally, per tensor (the mistake), or not at all
    /// (clipping after the update: the step used the raw gradients).
    static func clipped(_ tensors: [[Double]], maxNorm: Double, variant: Variant) -> [[Double]] {
        let clipping = GradientClipping(maxNorm: maxNorm, rule: variant.convention.clipping)
        let grads = named(tensors)
        if variant.mistakes.contains(.clipAfterUpdate) { return tensors }
        if variant.mistakes.contains(.clipPerTensor) { return clipping.clipEachTensor(grads).values }
        return clipping.clip(grads).grads.values
    }

    static let all: [FunctionDefinition] = [
        FunctionDefinition("global_norm", .clipping, [Parameter("tensors")],
                           "√(Σ over tensors of ‖t‖²), e.g. global_norm([[3, 4], [12]]) = 13") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(GradientClipping.globalNorm(named(try a.tensors("tensors"))))
        },
        FunctionDefinition("clip_coef", .clipping, [Parameter("norm"), Parameter("max_norm")],
                           "min(max_norm/(norm + 1e-6), 1)") { (a: Arguments) throws(ExpressionError) -> Value in
            let clipping = GradientClipping(maxNorm: try a.number("max_norm"), rule: a.variant.convention.clipping)
            return .number(clipping.coefficient(forNorm: try a.number("norm")))
        },
        FunctionDefinition("clipped", .clipping, [Parameter("tensors"), Parameter("max_norm")],
                           "the tensors after clipping by their global norm") { (a: Arguments) throws(ExpressionError) -> Value in
            .list(clipped(try a.tensors("tensors"), maxNorm: try a.number("max_norm"), variant: a.variant).map(Value.numbers))
        },
    ]
}
