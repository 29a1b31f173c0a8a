extension OptimizerSpec {
    /// The same optimizer with one field changed (booleans as 0/1), e.g. the `weight_decay: 0` of a
    /// no-decay parameter group. A field the kind does not take leaves it unchanged.
    public func with(_ field: OptimizerField, _ value: Double) -> OptimizerSpec {
        var fields = fieldValues
        guard fields[field] != nil else { return self }
        fields[field] = value
        return OptimizerSpec.make(kind: kind, fields: fields)
    }
}

extension ParamGroup {
    /// The two groups of the usual transformer recipe, as `torch.optim.AdamW([{params: decay},
    /// {params: no_decay, weight_decay: 0}])` builds them: the tensors (of `names`, in order) for which
    /// `decays(name)` is false — biases, norm gains — take λ = 0, the others `optimizer` unchanged. An
    /// empty group is left out; both groups share the lr.
    public static func decaySplit(names: [String], optimizer: OptimizerSpec, decays: (String) -> Bool) -> [ParamGroup] {
        let decayed = ParamGroup(tensors: names.filter(decays), optimizer: optimizer)
        let exempt = ParamGroup(tensors: names.filter { !decays($0) }, overrides: .object([(OptimizerField.weightDecay.rawValue, .number(0))]),
                                optimizer: optimizer.with(.weightDecay, 0))
        return [decayed, exempt].filter { !$0.tensors.isEmpty }
    }

    /// The optimizer tensor `name` runs under: its group's, else `base` (a run without groups, or a
    /// tensor no group names).
    public static func optimizer(of name: String, in groups: [ParamGroup]?, base: OptimizerSpec) -> OptimizerSpec {
        group(of: name, in: groups)?.optimizer ?? base
    }

    /// The group holding tensor `name`, if any.
    static func group(of name: String, in groups: [ParamGroup]?) -> ParamGroup? {
        groups?.first { $0.tensors.contains(name) }
    }
}
