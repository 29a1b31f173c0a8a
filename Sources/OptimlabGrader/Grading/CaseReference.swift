import OptimlabEngine

/// A case made concrete for one run: its inputs as a trace (every step's lr filled in) and the values
/// the submission must report after each step.
struct CaseReference {
    var reference: ExerciseReference
    var inputs: Trace
    var expected: [[Double]]
    /// Whether the harness sets lr before each step (an API with `var lr` following a schedule).
    var setsLR: Bool
    /// Hyperparameters that are not the trace's (the batch sizes of a scaling case).
    var extraHyperparameters: [(String, Double)] = []
    /// For a float32 trace, the largest |θ| it holds: the scale of its float32 rounding.
    var float32Scale: Double?

    init(exercise: Exercise, source: ExerciseCase.Source, seed: UInt64) {
        self.init(reference: exercise.reference, settableLR: exercise.declaration.settableLR, source: source, seed: seed)
    }

    init(reference: ExerciseReference, settableLR: Bool, source: ExerciseCase.Source, seed: UInt64) {
        self.reference = reference
        var trace: Trace
        var setsLR: Bool
        switch source {
        case .generated(let g):
            trace = g.trace(seed: seed)
            setsLR = g.lrChanges
            if let batch = g.batch { extraHyperparameters = [("base_batch", Double(batch.base)), ("new_batch", Double(batch.new))] }
        case .trace(let t, _):
            trace = t
            for k in trace.steps.indices where trace.steps[k].lr == nil { trace.steps[k].lr = t.scheduledLR(atStep: k) }
            setsLR = trace.steps.contains { $0.lr != t.optimizer.lr }
        }
        let recorded = trace.steps.map(\.params)
        for k in trace.steps.indices { trace.steps[k].params = nil }
        inputs = trace
        self.setsLR = setsLR && settableLR
        expected = []
        expected = outputs(.none)
        if reference.output == .params {
            for k in recorded.indices { if let params = recorded[k] { expected[k] = params.flattened } }
        }
        if trace.dtype == .float32 {
            float32Scale = (expected.joined() + trace.initialParams.flattened).reduce(0) { max($0, abs($1)) }
        }
    }

    /// The exercise's tolerance, widened to float32's resolution when the reference is float32.
    func tolerance(_ exercise: Tolerance) -> Tolerance {
        float32Scale.map { exercise.forFloat32Reference(scale: $0) } ?? exercise
    }

    /// The tensor names and lengths that label the reported values.
    var labels: (names: [String], lengths: [Int]) {
        switch reference.output {
        case .learningRate: (["lr"], [1])
        case .params: (inputs.initialParams.names, inputs.initialParams.lengths)
        case .clippedGradients: (inputs.initialParams.names + ["norm"], inputs.initialParams.lengths + [1])
        }
    }

    /// The values the submission would report if it made `mistake` (``ExerciseMistake/none``: correct).
    func outputs(_ mistake: ExerciseMistake) -> [[Double]] {
        let reference = mistake.reference ?? self.reference
        var trace = inputs
        trace.optimizer = mistake.optimizer(trace.optimizer)
        switch reference.output {
        case .learningRate:
            guard let schedule = trace.schedule else { return trace.steps.map { [$0.lr ?? trace.optimizer.lr] } }
            var spec = schedule, peak = trace.optimizer.lr
            if let scaling = reference.scaling, extraHyperparameters.count == 2 {
                (spec, peak) = scaling.scaled(schedule, peak: peak, base: Int(extraHyperparameters[0].1), new: Int(extraHyperparameters[1].1))
            }
            let lr = spec.schedule(peak: peak)
            return trace.steps.indices.map { [lr.learningRate(atStep: $0)] }
        case .clippedGradients:
            let clipping = GradientClipping(maxNorm: trace.clipNorm ?? 1, rule: mistake.variant.convention.clipping)
            return trace.steps.map { step in
                let (grads, norm) = clipping.clip(step.grads, mistakes: mistake.variant.mistakes)
                return grads.flattened + [norm]
            }
        case .params:
            // A parameter-groups exercise runs every tensor in the group its (or its mistake's) rule
            // gives, under the optimizer the mistake may have changed.
            if self.reference.noDecay != nil || reference.noDecay != nil {
                trace.paramGroups = reference.paramGroups(names: trace.initialParams.names, optimizer: trace.optimizer)
            }
            return trace.completed(variant: mistake.variant).steps.map { $0.params?.flattened ?? [] }
        }
    }
}
