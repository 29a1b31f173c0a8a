import OptimlabEngine

/// The case file the grader writes into the submission's scratch folder. It holds inputs only
/// (hyperparameters, initial params, per-step gradients and lr) and never an expected value, so a
/// submission has nothing to copy. Numbers are the hex bit patterns of Doubles: exact both ways.
///
///     nonce <random hex>          echoed in the channel's header and END line
///     hyper <name> <bits>         lr beta1 beta2 eps weight_decay [max_norm warmup_steps total_steps min_lr]
///     set-lr 0|1                  whether the harness assigns `lr` before each step
///     tensor <name> <size>        one per tensor, in flattening order
///     init <bits>…                the initial params, flattened
///     step <lr bits> <bits>…      one per step: its lr, then the gradients, flattened
struct HarnessInput {
    var trace: Trace
    var nonce: String
    var setsLR: Bool

    /// The case file's text.
    var text: String {
        var lines = ["nonce \(nonce)"]
        for (name, value) in hyperparameters { lines.append("hyper \(name) \(Self.hex(value))") }
        lines.append("set-lr \(setsLR ? 1 : 0)")
        for (name, values) in zip(trace.initialParams.names, trace.initialParams.values) {
            lines.append("tensor \(name) \(values.count)")
        }
        lines.append("init " + trace.initialParams.flattened.map(Self.hex).joined(separator: " "))
        for k in trace.steps.indices {
            let lr = trace.steps[k].lr ?? trace.scheduledLR(atStep: k)
            lines.append("step \(Self.hex(lr)) " + trace.steps[k].grads.flattened.map(Self.hex).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var hyperparameters: [(String, Double)] {
        var out = trace.optimizer.fields.filter { $0.name != "amsgrad" }.map { ($0.name, $0.value) }
        if let clip = trace.clipNorm { out.append(("max_norm", clip)) }
        if case let .warmupCosine(w, total, minLR) = trace.schedule {
            out += [("warmup_steps", Double(w)), ("total_steps", Double(total)), ("min_lr", minLR)]
        }
        return out
    }

    static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
}
