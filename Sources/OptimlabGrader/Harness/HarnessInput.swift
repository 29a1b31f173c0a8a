import OptimlabEngine

/// The case file the grader writes into the submission's scratch folder. It holds inputs only
/// (hyperparameters, initial params, per-step gradients and lr) and never an expected value, so a
/// submission has nothing to copy. Numbers are the hex bit patterns of Doubles: exact both ways.
///
///     nonce <random hex>          echoed in the channel's header and END line
///     hyper <name> <bits>         every optimizer field (booleans 0/1), max_norm, the schedule's fields, …
///     list <name> <bits>…         a list-valued hyperparameter (a multistep schedule's milestones)
///     set-lr 0|1                  whether the harness assigns `lr` before each step
///     tensor <name> <size>        one per tensor, in flattening order
///     shape <name> <dim>…         one per tensor: its shape (row-major; one dimension for a vector)
///     init <bits>…                the initial params, flattened
///     step <lr bits> <bits>…      one per step: its lr, then the gradients, flattened
struct HarnessInput {
    var trace: Trace
    var nonce: String
    var setsLR: Bool
    var extraHyperparameters: [(String, Double)] = []

    /// The case file's text.
    var text: String {
        var lines = ["nonce \(nonce)"]
        for (name, value) in hyperparameters { lines.append("hyper \(name) \(Self.hex(value))") }
        for (name, values) in lists { lines.append((["list", name] + values.map(Self.hex)).joined(separator: " ")) }
        lines.append("set-lr \(setsLR ? 1 : 0)")
        for (name, values) in zip(trace.initialParams.names, trace.initialParams.values) {
            lines.append("tensor \(name) \(values.count)")
        }
        for (name, values) in zip(trace.initialParams.names, trace.initialParams.values) {
            lines.append((["shape", name] + trace.shapes.shape(of: name, count: values.count).map(String.init)).joined(separator: " "))
        }
        lines.append("init " + trace.initialParams.flattened.map(Self.hex).joined(separator: " "))
        for k in trace.steps.indices {
            let lr = trace.steps[k].lr ?? trace.scheduledLR(atStep: k)
            lines.append("step \(Self.hex(lr)) " + trace.steps[k].grads.flattened.map(Self.hex).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scalar hyperparameters, by PyTorch's names.
    var hyperparameters: [(String, Double)] {
        var out = trace.optimizer.resolvedFields.map { ($0.field.rawValue, $0.value) }
        if let clip = trace.clipNorm { out.append(("max_norm", clip)) }
        for (name, value) in scheduleFields { if case .number(let x) = value { out.append((name, x)) } }
        return out + extraHyperparameters
    }

    /// The list-valued hyperparameters.
    var lists: [(String, [Double])] {
        scheduleFields.compactMap { name, value in
            guard case .array(let items) = value else { return nil }
            return (name, items.compactMap { if case .number(let x) = $0 { x } else { nil } })
        }
    }

    /// The schedule's fields as a trace writes them (its `name` left out).
    var scheduleFields: [(key: String, value: JSONValue)] {
        guard case .object(let members)? = trace.schedule?.json else { return [] }
        return members.filter { $0.key != "name" }
    }

    static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
}
