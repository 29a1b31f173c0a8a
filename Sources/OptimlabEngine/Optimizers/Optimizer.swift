/// An element-wise first-order optimizer with PyTorch (`torch.optim`) semantics.
///
/// Every optimizer in optimlab updates each scalar from its own gradient and its own state, so a step
/// works on one flat vector; tensor structure matters only to clipping, which happens before the step
/// (see ``TrainingStep``). The learning rate is passed to each step rather than stored, because a
/// schedule may change it every step, exactly as PyTorch's scheduler rewrites `param_group["lr"]`.
public protocol Optimizer: Sendable {
    /// Per-parameter state (moments, accumulators, the step counter).
    associatedtype State: OptimizerState

    /// The state before the first step for a parameter vector of `count` scalars.
    func initialState(count: Int) -> State

    /// Takes one step in place: `params` and `state` are updated with `grads` at learning rate `lr`.
    func step(params: inout [Double], grads: [Double], state: inout State, lr: Double)

    /// The buffers after a step: the state's own plus derived ones (Adam adds m̂, v̂).
    func inspect(_ state: State) -> [(name: StateBuffer, values: [Double])]
}

extension Optimizer {
    public func inspect(_ state: State) -> [(name: StateBuffer, values: [Double])] { state.buffers }
}

/// State an optimizer carries between steps, inspectable from outside through ``buffers``.
public protocol OptimizerState: Sendable, Equatable {
    /// Named per-parameter buffers (for example `m` and `v`), in a stable order for display.
    var buffers: [(name: StateBuffer, values: [Double])] { get }
    /// The number of steps taken so far (PyTorch's `state["step"]`).
    var stepCount: Int { get }
}

/// A type-erased optimizer with its state, so a trace or any caller can hold "whichever optimizer".
public struct AnyOptimizerRun: Sendable {
    private var box: any OptimizerRunBox

    public init<O: Optimizer>(_ optimizer: O, count: Int) {
        box = ConcreteRun(optimizer: optimizer, state: optimizer.initialState(count: count))
    }

    public mutating func step(params: inout [Double], grads: [Double], lr: Double) {
        box.step(params: &params, grads: grads, lr: lr)
    }

    public var buffers: [(name: StateBuffer, values: [Double])] { box.buffers }
    public var stepCount: Int { box.stepCount }
}

private protocol OptimizerRunBox: Sendable {
    mutating func step(params: inout [Double], grads: [Double], lr: Double)
    var buffers: [(name: StateBuffer, values: [Double])] { get }
    var stepCount: Int { get }
}

private struct ConcreteRun<O: Optimizer>: OptimizerRunBox {
    let optimizer: O
    var state: O.State
    mutating func step(params: inout [Double], grads: [Double], lr: Double) {
        optimizer.step(params: &params, grads: grads, state: &state, lr: lr)
    }
    var buffers: [(name: StateBuffer, values: [Double])] { optimizer.inspect(state) }
    var stepCount: Int { state.stepCount }
}
