/// The optimizer runs behind a ``TrainingRun``: one over the whole flat vector when every tensor uses
/// the same element-wise optimizer (SGD … AdamW, RAdam, NAdam, Adamax, Lion without groups), else one
/// per tensor, with the tensor's shape and its parameter group's optimizer.
struct TensorRuns: Sendable {
    struct Part: Sendable {
        var range: Range<Int>
        var run: AnyOptimizerRun
        var group: ParamGroup?
    }
    private var parts: [Part]

    init(optimizer: OptimizerSpec, params: NamedTensors, shapes: TensorShapes, groups: [ParamGroup]?, variant: Variant) {
        if groups == nil && optimizer.isElementwise {
            parts = [Part(range: 0..<params.scalarCount, run: optimizer.makeRun(count: params.scalarCount, variant: variant))]
            return
        }
        parts = []
        var offset = 0
        for (name, values) in zip(params.names, params.values) {
            let group = ParamGroup.group(of: name, in: groups)
            let spec = group?.optimizer ?? optimizer
            let shape = shapes.shape(of: name, count: values.count)
            parts.append(Part(range: offset..<offset + values.count, run: spec.makeRun(shape: shape, variant: variant), group: group))
            offset += values.count
        }
    }

    /// One step of every part; `lr` is the base optimizer's, scaled for groups that set their own.
    mutating func step(params: inout [Double], grads: [Double], lr: Double, base: OptimizerSpec) {
        if parts.count == 1, parts[0].group == nil {
            parts[0].run.step(params: &params, grads: grads, lr: lr)
            return
        }
        for k in parts.indices {
            let r = parts[k].range
            var p = Array(params[r])
            let partLR = parts[k].group?.learningRate(lr, base: base) ?? lr
            parts[k].run.step(params: &p, grads: Array(grads[r]), lr: partLR)
            params.replaceSubrange(r, with: p)
        }
    }

    /// The buffers of all parts, concatenated name by name in tensor order (a buffer only some tensors
    /// have, as Adafactor's factors, holds just theirs).
    var buffers: [(name: StateBuffer, values: [Double])] {
        if parts.count == 1 { return parts[0].run.buffers }
        var out: [(name: StateBuffer, values: [Double])] = []
        for part in parts {
            for b in part.run.buffers {
                if let i = out.firstIndex(where: { $0.name == b.name }) { out[i].values += b.values }
                else { out.append(b) }
            }
        }
        return out
    }
}
