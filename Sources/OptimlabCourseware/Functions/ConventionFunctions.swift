import OptimlabEngine
import OptimlabYAML

/// The same Adam step under another library's conventions.
enum ConventionFunctions {
    static let all: [FunctionDefinition] = [
        FunctionDefinition("adam_update_convention", .conventions,
                           [OptimizerFunctions.grads, Parameter("convention"), Parameter("t", "len(grads)"), Parameter("lr", "1e-3"),
                            Parameter("beta1", "0.9"), Parameter("beta2", "0.999"), Parameter("eps", "1e-8")],
                           "Adam's step t under \"pytorch\", \"optax\", \"keras\" or \"paper\"") { (a: Arguments) throws(ExpressionError) -> Value in
            let name = try a.string("convention")
            guard let convention = Convention.named(name) else {
                throw ExpressionError("\(a.function): unknown convention \"\(name)\" (pytorch, optax, keras, paper)",
                                      column: a.columns["convention"] ?? a.column,
                                      suggestion: Suggestions.closest(to: name, in: Convention.all.map(\.name)))
            }
            let variant = Variant(convention: convention, mistakes: a.variant.mistakes)
            let (g, t) = try OptimizerFunctions.sequence(a)
            let spec = ScalarRun.make(.adam, try OptimizerFunctions.adamFields(a, weightDecay: 0), variant: variant)
            return .number(ScalarRun(spec, grads: g, theta0: 0, variant: variant).update(at: t))
        },
    ]
}
