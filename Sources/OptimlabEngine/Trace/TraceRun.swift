/// A training loop in the order PyTorch code runs it, one step at a time:
///
///     norm ← ‖g‖ (global, before clipping);  g ← clip(g)
///     lr   ← schedule(s)                        (s = number of updates already taken)
///     optimizer.step(θ, g, lr)
///
/// Lessons, the grader and `optimlab trace` all step through this type, so a "training step" means
/// one thing everywhere, and a mistake in the order (per-tensor clipping, clipping after the update)
/// is a ``Variant`` of it.
public struct TrainingRun: Sendable {
    public let optimizer: OptimizerSpec
    public let schedule: (any LearningRateSchedule)?
    public let clipping: GradientClipping?
    public let variant: Variant
    public let dtype: TraceDType
    public private(set) var params: NamedTensors
    public private(set) var stepsTaken = 0
    private var run: TensorRuns
    private var float32: Float32Run?

    /// A run of `optimizer` over `initialParams`. `shapes` gives the tensors' shapes (a tensor without
    /// one is 1-D), which Adafactor, Muon, LAMB and LARS use; `paramGroups` (every tensor in exactly one)
    /// gives each group its own optimizer fields, as torch's parameter groups.
    public init(optimizer: OptimizerSpec, schedule: ScheduleSpec? = nil, clipNorm: Double? = nil,
                dtype: TraceDType = .float64, variant: Variant = .correct, initialParams: NamedTensors,
                shapes: TensorShapes = TensorShapes(), paramGroups: [ParamGroup]? = nil) {
        self.optimizer = optimizer
        self.schedule = schedule?.schedule(peak: optimizer.lr)
        self.clipping = clipNorm.map { GradientClipping(maxNorm: $0, rule: variant.convention.clipping) }
        self.variant = variant
        self.dtype = dtype
        self.params = initialParams
        run = TensorRuns(optimizer: optimizer, params: initialParams, shapes: shapes, groups: paramGroups, variant: variant)
        if dtype == .float32, let core = optimizer.adamStep(variant: variant) {
            float32 = Float32Run(core: core, params: initialParams.flattened, tensorLengths: initialParams.lengths)
        }
    }

    public init(trace: Trace, variant: Variant = .correct) {
        self.init(optimizer: trace.optimizer, schedule: trace.schedule, clipNorm: trace.clipNorm,
                  dtype: trace.dtype, variant: variant, initialParams: trace.initialParams,
                  shapes: trace.shapes, paramGroups: trace.paramGroups)
    }

    /// What one step did.
    public struct Record: Sendable {
        public var lr: Double
        public var gradNorm: Double?
        /// The gradients the optimizer actually used (after clipping).
        public var usedGrads: NamedTensors
        public var params: NamedTensors
        /// θ after − θ before, per tensor.
        public var update: NamedTensors
        /// The optimizer's buffers after the step (m, v, m̂, v̂, …).
        public var buffers: [(name: StateBuffer, values: [Double])]
    }

    /// The lr the next step will use when none is given.
    public var nextScheduledLR: Double { schedule?.learningRate(atStep: stepsTaken) ?? optimizer.lr }

    /// Takes one step with the raw gradients `grads` (same names and lengths as the params); `lr`
    /// overrides the schedule for this step.
    @discardableResult
    public mutating func step(grads: NamedTensors, lr: Double? = nil) -> Record {
        let before = params.flattened
        let (lr, norm, used) = advance(grads: grads, lr: lr)
        let update = params.reshaped(zip(params.flattened, before).map { $0 - $1 })
        return Record(lr: lr, gradNorm: norm, usedGrads: used, params: params, update: update, buffers: buffers)
    }

    /// The step itself, without copying out the optimizer's buffers (which a trace does not need).
    mutating func advance(grads: NamedTensors, lr: Double?) -> (lr: Double, gradNorm: Double?, usedGrads: NamedTensors) {
        precondition(grads.lengths == params.lengths, "gradients must match the parameters' shapes")
        let lr = lr ?? nextScheduledLR
        var used = grads, norm: Double? = nil
        if let clipping {
            if variant.mistakes.contains(.clipAfterUpdate) {
                norm = GradientClipping.globalNorm(grads)
            } else if !variant.mistakes.isEmpty {
                (used, norm) = clipping.clip(grads, mistakes: variant.mistakes)
            } else {
                // float32 clips as PyTorch does on float32 tensors, so its coefficient agrees to the bit
                (used, norm) = dtype == .float32 ? clipping.clipFloat32(grads) : clipping.clip(grads)
            }
        }
        var flat = params.flattened
        if var f = float32.take() {   // taken out, so its arrays stay uniquely referenced (no copy)
            flat = f.step(grads: used.flattened, lr: lr)
            float32 = f
        } else {
            run.step(params: &flat, grads: used.flattened, lr: lr, base: optimizer)
        }
        params = params.reshaped(flat)
        stepsTaken += 1
        return (lr, norm, used)
    }

    /// The optimizer's current buffers.
    public var buffers: [(name: StateBuffer, values: [Double])] { float32?.buffers ?? run.buffers }
}

/// The Float32 path: parameters and state held as Float between steps, so rounding happens where
/// PyTorch's fused kernel rounds. PyTorch's own rules run on the vectorised ``Float32AdamStep``
/// (same bits, memory-bandwidth speed); conventions and mistakes run on the general kernel.
struct Float32Run: Sendable {
    let core: AdamStep
    let fast: Float32AdamStep?
    var params: [Float]
    var state: AdamState<Float>
    /// The tensors' lengths: PyTorch's fused kernel steps each tensor on its own (``FusedScalarTail``).
    let tensorLengths: [Int]

    init(core: AdamStep, params: [Double], tensorLengths: [Int]) {
        self.core = core
        fast = Float32AdamStep(core: core)
        self.params = params.map { Float($0) }
        self.tensorLengths = tensorLengths
        state = AdamState(count: params.count, amsgrad: core.hyperparameters.amsgrad)
    }

    mutating func step(grads: [Double], lr: Double) -> [Double] {
        let g = grads.map { Float($0) }
        if let fast { fast.apply(params: &params, grads: g, state: &state, lr: lr, tensorLengths: tensorLengths) }
        else { core.apply(params: &params, grads: g, state: &state, lr: lr, fusedTensorLengths: tensorLengths) }
        return params.map(Double.init)
    }

    var buffers: [(name: StateBuffer, values: [Double])] { core.inspect(state) }
}

extension Trace {
    /// Runs the engine over this trace's gradients and returns the completed trace: each step's lr,
    /// grad_norm (when clipping) and params are the engine's. A step's own `lr` is used when given.
    public func completed(variant: Variant = .correct) -> Trace {
        var run = TrainingRun(trace: self, variant: variant)
        var out = self
        for k in steps.indices {
            let r = run.advance(grads: steps[k].grads, lr: steps[k].lr)
            out.steps[k].lr = r.lr
            out.steps[k].gradNorm = r.gradNorm
            out.steps[k].params = run.params
        }
        return out
    }
}
