import OptimlabEngine

/// A trace must agree with its own header: the engine reruns the declared optimizer (schedule,
/// clipping, dtype) over the recorded gradients, and every recorded param must match. This refuses a
/// trace relabelled from another optimizer (an RMSProp run whose header says "adamw"), which would
/// otherwise grade students against the wrong algorithm.
enum TraceAgreement {
    /// Where the recorded params first leave the engine's run of the declared optimizer, or nil.
    static func disagreement(_ trace: Trace, tolerance: Tolerance) -> String? {
        guard trace.steps.contains(where: { $0.params != nil }) else { return nil }
        let engine = trace.completed()
        var tolerance = tolerance
        if trace.dtype == .float32 {
            let recorded = trace.steps.compactMap(\.params).flatMap(\.flattened) + trace.initialParams.flattened
            tolerance = tolerance.forFloat32Reference(scale: recorded.reduce(0) { max($0, abs($1)) })
        }
        for (k, step) in trace.steps.enumerated() {
            guard let recorded = step.params, let computed = engine.steps[k].params else { continue }
            for (name, values) in zip(recorded.names, recorded.values) {
                let want = computed[name] ?? []
                for (i, x) in values.enumerated() where i < want.count && !tolerance.accepts(x, want[i]) {
                    return "the params do not follow the trace's own optimizer (\(trace.optimizer.name)): at step \(k + 1), "
                        + "\(name)[\(i)] is recorded as \(Grader.number(x)) but \(trace.optimizer.name) gives \(Grader.number(want[i])) "
                        + "(a trace made with another optimizer, or relabelled?)"
                }
            }
        }
        return nil
    }
}
