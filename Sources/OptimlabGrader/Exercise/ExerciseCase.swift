import OptimlabEngine

/// One graded case of an exercise: either generated (the engine computes the reference from
/// hyperparameters and seeded random tensors) or read from a trace file.
public struct ExerciseCase: Sendable {
    public var name: String
    /// Hidden cases are graded but their details are not shown to the student (Gradescope `hidden`).
    public var hidden: Bool
    public var source: Source

    public enum Source: Sendable {
        case generated(CaseGenerator)
        case trace(Trace, path: String)
    }

    public init(name: String, hidden: Bool = false, source: Source) {
        self.name = name; self.hidden = hidden; self.source = source
    }
}
