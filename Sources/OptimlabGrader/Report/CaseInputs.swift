import OptimlabEngine

/// A case's real inputs as a student can replay them by hand (Exercism's `test_code`, the text
/// report of a failing case): the hyperparameters the harness passes, the initial parameters, and
/// each step's lr and gradients. Long tensors and long traces are shortened, saying how much.
enum CaseInputs {
    static let shownSteps = 3
    static let shownValues = 8

    static func describe(_ input: HarnessInput) -> String {
        let trace = input.trace
        var lines = ["hyperparameters: " + input.hyperparameters.map { "\($0.0) = \(Grader.number($0.1))" }.joined(separator: ", ")]
        lines.append("initial params: " + tensors(trace.initialParams))
        for (k, step) in trace.steps.prefix(shownSteps).enumerated() {
            let lr = step.lr ?? trace.scheduledLR(atStep: k)
            lines.append("step \(k + 1): lr = \(Grader.number(lr))\(input.setsLR ? " (set before the step)" : ""), grads: " + tensors(step.grads))
        }
        if trace.steps.count > shownSteps { lines.append("… \(trace.steps.count - shownSteps) more step(s), \(trace.steps.count) in all") }
        return lines.joined(separator: "\n")
    }

    static func tensors(_ t: NamedTensors) -> String {
        zip(t.names, t.values).map { name, values in
            let shown = values.prefix(shownValues).map(Grader.number).joined(separator: ", ")
            return "\(ReportText.name(name)) = [\(shown)\(values.count > shownValues ? ", … \(values.count) values" : "")]"
        }.joined(separator: "; ")
    }
}
