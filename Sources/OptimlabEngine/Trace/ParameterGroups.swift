extension OptimizerSpec {
    /// The same optimizer with one field changed (PyTorch's names; booleans as 0/1), e.g. the
    /// `weight_decay: 0` of a no-decay parameter group. Unknown fields leave it unchanged.
    public func with(_ field: String, _ value: Double) -> OptimizerSpec {
        var fields = Dictionary(uniqueKeysWithValues: self.fields.map { ($0.name, $0.value) })
        guard fields[field] != nil else { return self }
        fields[field] = value
        return OptimizerSpec.make(kind: name, fields: fields) ?? self
    }
}

extension Trace {
    /// Runs the engine with two parameter groups, as `torch.optim.AdamW([{params: decay}, {params:
    /// no_decay, weight_decay: 0}])` does: tensors for which `decays(name)` is false (biases, norm gains)
    /// take no weight decay, the others the optimizer's. Clipping, when the trace clips, stays global
    /// (over both groups, before the step); every step's lr is shared.
    public func completed(variant: Variant = .correct, decays: (String) -> Bool) -> Trace {
        let names = initialParams.names
        var grads = steps.map(\.grads)
        var out = self
        if let clipNorm {
            let clipping = GradientClipping(maxNorm: clipNorm, rule: variant.convention.clipping)
            for k in steps.indices {
                (grads[k], out.steps[k].gradNorm) = clipping.clip(grads[k], mistakes: variant.mistakes)
            }
        }
        var params = Array(repeating: [String: [Double]](), count: steps.count)
        for (group, spec) in [(names.filter(decays), optimizer), (names.filter { !decays($0) }, optimizer.with("weight_decay", 0))]
        where !group.isEmpty {
            func restricted(_ t: NamedTensors) -> NamedTensors { NamedTensors(group.map { ($0, t[$0] ?? []) }) }
            var sub = self
            sub.optimizer = spec
            sub.clipNorm = nil
            sub.initialParams = restricted(initialParams)
            sub.steps = steps.indices.map { k in TraceStep(grads: restricted(grads[k]), lr: steps[k].lr ?? scheduledLR(atStep: k)) }
            for (k, step) in sub.completed(variant: variant).steps.enumerated() {
                for name in group { params[k][name] = step.params?[name] }
            }
        }
        for k in steps.indices {
            out.steps[k].lr = steps[k].lr ?? scheduledLR(atStep: k)
            out.steps[k].params = NamedTensors(names.map { ($0, params[k][$0] ?? []) })
        }
        return out
    }
}
