import OptimlabEngine

/// A `plot` or `experiment` lesson block, read and validated when the lesson is parsed: what it asks
/// the engine to compute, and the claims about the result that `optimlab check` verifies.
public struct VisualBlock: Sendable, Equatable {
    /// The fence's type: `plot` or `experiment`.
    public var kind: String
    /// Names the block's results for prose holes: `{{ id.run.final_loss }}`.
    public var id: String?
    public var request: VisualRequest
    /// `expect:` comparisons over the block's computed results.
    public var expectations: [Expectation]
    /// The fence line in the lesson file.
    public var line: Int

    public init(kind: String, id: String? = nil, request: VisualRequest, expectations: [Expectation] = [], line: Int = 1) {
        self.kind = kind; self.id = id; self.request = request; self.expectations = expectations; self.line = line
    }

    /// Runs the engine for the block.
    public func compute() throws(ProblemError) -> VisualFigure { try request.compute() }
}

/// What a visual block asks for.
public enum VisualRequest: Sendable, Equatable {
    case schedule(ScheduleRequest)
    case trajectory(TrajectoryRequest)
    case experiment(ExperimentRequest)

    /// The engine's numbers for the request, as data for the plotting layer to draw.
    public func compute() throws(ProblemError) -> VisualFigure {
        switch self {
        case .schedule(let r): .schedule(r.compute())
        case .trajectory(let r): .trajectory(r.compute())
        case .experiment(let r): .experiment(try r.compute())
        }
    }
}
