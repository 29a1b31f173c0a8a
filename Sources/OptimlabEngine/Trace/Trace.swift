/// The floating-point type a run computes in.
public enum TraceDType: String, Sendable, Equatable {
    /// PyTorch float64, the default.
    case float64
    /// PyTorch's fused CPU Adam/AdamW kernel arithmetic (see ``AdamStep``).
    case float32
}

/// One update of a trace: the raw gradients, and what the optimizer did with them.
public struct TraceStep: Sendable, Equatable {
    /// Gradients before clipping.
    public var grads: NamedTensors
    /// Global norm of `grads` before clipping (present when the trace clips).
    public var gradNorm: Double?
    /// The learning rate used at this step.
    public var lr: Double?
    /// Parameters after this step.
    public var params: NamedTensors?

    public init(grads: NamedTensors, gradNorm: Double? = nil, lr: Double? = nil, params: NamedTensors? = nil) {
        self.grads = grads; self.gradNorm = gradNorm; self.lr = lr; self.params = params
    }
}

/// A step trace (format `optimlab-trace-1`): the contract between the engine, the grader, instructors
/// and PyTorch. See `README.md` for the JSON layout.
public struct Trace: Sendable, Equatable {
    public static let formatName = "optimlab-trace-1"

    public var optimizer: OptimizerSpec
    public var schedule: ScheduleSpec?
    public var clipNorm: Double?
    public var dtype: TraceDType
    /// Where the trace came from (library, version, kernel path, device), kept verbatim.
    public var reference: JSONValue?
    public var initialParams: NamedTensors
    /// The tensors' shapes (row-major); a tensor without one is 1-D.
    public var shapes: TensorShapes
    /// torch-style parameter groups (every tensor in exactly one), or nil for one group of all tensors.
    public var paramGroups: [ParamGroup]?
    public var steps: [TraceStep]

    public init(optimizer: OptimizerSpec, schedule: ScheduleSpec? = nil, clipNorm: Double? = nil,
                dtype: TraceDType = .float64, reference: JSONValue? = nil,
                initialParams: NamedTensors, shapes: TensorShapes = TensorShapes(), paramGroups: [ParamGroup]? = nil,
                steps: [TraceStep]) {
        self.optimizer = optimizer; self.schedule = schedule; self.clipNorm = clipNorm; self.dtype = dtype
        self.reference = reference; self.initialParams = initialParams; self.shapes = shapes
        self.paramGroups = paramGroups; self.steps = steps
    }

    /// The lr of update `s` when a step does not say: the schedule's, else the optimizer's lr.
    public func scheduledLR(atStep s: Int) -> Double {
        schedule.map { $0.schedule(peak: optimizer.lr).learningRate(atStep: s) } ?? optimizer.lr
    }
}
