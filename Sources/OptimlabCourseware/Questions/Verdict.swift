import OptimlabEngine

/// The outcome of one answer.
public struct Verdict: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case correct
        case wrong
        /// Not an answer at all (unreadable number, unknown choice); costs no attempt.
        case unreadable
    }
    public var outcome: Outcome
    public var message: String
    /// The known mistake a wrong numeric answer matches.
    public var mistake: KnownMistake?
}
