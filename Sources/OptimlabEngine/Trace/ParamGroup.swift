/// A parameter group, as `torch.optim`'s `param_groups`: some tensors and the optimizer they use, which
/// is the trace's optimizer with some fields overridden (a typical use: `weight_decay: 0` for biases and
/// norm gains).
///
/// Learning rates: a step's `lr` (or the schedule's) is the lr of the trace's own optimizer; a group
/// that overrides `lr` runs at `step lr × group lr / optimizer lr`, the way a PyTorch scheduler scales
/// every group's own initial lr by one factor. With no override the group runs at the step's lr.
public struct ParamGroup: Sendable, Equatable {
    /// The group's tensors, by name.
    public var tensors: [String]
    /// The fields the group overrides, as written in the trace (an object), kept to write it back.
    public var overrides: JSONValue
    /// The trace's optimizer with the overrides applied.
    public var optimizer: OptimizerSpec

    public init(tensors: [String], overrides: JSONValue = .object([]), optimizer: OptimizerSpec) {
        self.tensors = tensors; self.overrides = overrides; self.optimizer = optimizer
    }

    /// The group's lr for a step whose lr (for the trace's optimizer `base`) is `lr`.
    public func learningRate(_ lr: Double, base: OptimizerSpec) -> Double {
        guard overrides["lr"] != nil else { return lr }
        return base.lr == 0 ? optimizer.lr : lr * optimizer.lr / base.lr
    }
}

/// Tensor shapes (row-major, as PyTorch's contiguous tensors): a tensor with no entry is 1-D.
public struct TensorShapes: Sendable, Equatable {
    /// Shapes by tensor name, only for the tensors that have one.
    public var byName: [String: [Int]]

    public init(_ byName: [String: [Int]] = [:]) { self.byName = byName }

    /// The shape of tensor `name` holding `count` values: its declared shape, else `[count]`.
    public func shape(of name: String, count: Int) -> [Int] { byName[name] ?? [count] }

    public var isEmpty: Bool { byName.isEmpty }
}
