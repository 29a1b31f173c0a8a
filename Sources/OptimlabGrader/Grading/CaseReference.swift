import OptimlabEngine

/// A case made concrete for one run: its inputs as a trace (every step's lr filled in) and the values
/// the submission must report after each step.
struct CaseReference {
    var inputs: Trace
    var expected: [[Double]]
    /// Whether the harness sets lr before each step (the AdamW API's way to follow a schedule).
    var setsLR: Bool
    /// For a float32 trace, the largest |θ| it holds: the scale of its float32 rounding.
    var float32Scale: Double?

    init(kind: HarnessKind, source: ExerciseCase.Source, seed: UInt64) {
        var trace: Trace
        var setsLR: Bool
        switch source {
        case .generated(let g):
            trace = g.trace(seed: seed)
            setsLR = g.lrChanges
        case .trace(let t, _):
            trace = t
            for k in trace.steps.indices where trace.steps[k].lr == nil { trace.steps[k].lr = t.scheduledLR(atStep: k) }
            setsLR = trace.steps.contains { $0.lr != t.optimizer.lr }
        }
        let engine = trace.completed()
        var expected: [[Double]] = []
        for k in trace.steps.indices {
            switch kind.output {
            case .learningRate: expected.append([engine.steps[k].lr ?? 0])
            case .params: expected.append((trace.steps[k].params ?? engine.steps[k].params ?? NamedTensors()).flattened)
            }
            trace.steps[k].params = nil
        }
        inputs = trace
        self.expected = expected
        self.setsLR = setsLR && kind == .adamw
        if trace.dtype == .float32 {
            float32Scale = (expected.joined() + trace.initialParams.flattened).reduce(0) { max($0, abs($1)) }
        }
    }

    /// The exercise's tolerance, widened to float32's resolution when the reference is float32.
    func tolerance(_ exercise: Tolerance) -> Tolerance {
        float32Scale.map { exercise.forFloat32Reference(scale: $0) } ?? exercise
    }

    /// The values the submission would report if it made `variant`'s choices.
    func expected(kind: HarnessKind, variant: Variant) -> [[Double]] {
        inputs.completed(variant: variant).steps.map { step in
            kind.output == .learningRate ? [step.lr ?? 0] : (step.params?.flattened ?? [])
        }
    }
}
