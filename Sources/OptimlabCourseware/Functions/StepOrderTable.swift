import OptimlabEngine

/// `step_order_table`: AdamW training steps with gradient clipping done right (global norm, before the
/// step) and in the two wrong ways the engine knows (per tensor; after the update), side by side.
enum StepOrderTable {
    /// `grads` is one step's tensors (`[[0.3, -4], [2]]`) or a list of steps of tensors
    /// (`[[[0.3, -4], [2]], [[1, 1], [0]]]`), told apart by how deeply the lists nest.
    static func steps(_ a: Arguments) throws(ExpressionError) -> [[[Double]]] {
        guard let value = a.value("grads") else { throw ExpressionError("\(a.function) needs 'grads'", column: a.column) }
        var out: [[[Double]]] = []
        if depth(value) == 3, case .list(let stepValues) = value {
            for step in stepValues {
                var args = a
                args.values["grads"] = step
                out.append(try args.tensors("grads"))
            }
        } else {
            out = [try a.tensors("grads")]
        }
        let shape = out.first?.map(\.count) ?? []
        // No numbers at all (`[[]]`) would make a table of no θ columns (and trapped building them).
        guard shape.reduce(0, +) > 0 else { throw a.error("grads", "must not be empty") }
        guard out.allSatisfy({ $0.map(\.count) == shape }) else { throw a.error("grads", "every step must have the same tensor shapes") }
        return out
    }

    /// 0 for a number, 1 for a list of numbers, 2 for a list of lists…
    static func depth(_ v: Value) -> Int {
        guard case .list(let items) = v else { return 0 }
        return 1 + (items.map(depth).max() ?? 0)
    }

    static func make(_ a: Arguments) throws(ExpressionError) -> Value {
        let steps = try steps(a)
        let maxNorm = try a.number("max_norm", 1), theta0 = try a.number("theta0", 0)
        let fields = try OptimizerFunctions.adamFields(a, weightDecay: try a.number("weight_decay", 0.01))
        let spec = ScalarRun.make(.adamw, fields, variant: .correct)
        let initial = NamedTensors(steps[0].enumerated().map { ("t\($0.offset)", Array(repeating: theta0, count: $0.element.count)) })
        let scalars = initial.scalarCount
        // Column titles say what each number is: the gradient norm AdamW was given on the last step, and
        // each weight (tensor and index) after the last step.
        let weightTitles = steps[0].enumerated().flatMap { t, tensor in tensor.indices.map { "tensor \(t + 1)[\($0)]" } }
        let after = "θ after \(steps.count) step\(steps.count == 1 ? "" : "s")"
        var table = Table(columns: [Table.Column(key: "order", title: "clipping"),
                                    Table.Column(key: "grad_norm", title: "‖g‖ AdamW used, last step")]
                          + (1...scalars).map { Table.Column(key: "theta\($0)", title: weightTitles[$0 - 1], group: after) })
        let orders: [(String, Variant)] = [("global norm, then step (correct)", .correct),
                                           ("each tensor by its own norm", .mistake(.clipPerTensor)),
                                           ("after the step (too late)", .mistake(.clipAfterUpdate))]
        for (label, variant) in orders {
            var run = TrainingRun(optimizer: spec, clipNorm: maxNorm, variant: variant, initialParams: initial)
            var usedNorm = 0.0
            for step in steps {
                let grads = NamedTensors(step.enumerated().map { ("t\($0.offset)", $0.element) })
                usedNorm = GradientClipping.globalNorm(run.step(grads: grads).usedGrads)
            }
            table.append(cells: [.text(label), .number(usedNorm)] + run.params.flattened.map(Table.Cell.number))
        }
        return .table(table)
    }
}
