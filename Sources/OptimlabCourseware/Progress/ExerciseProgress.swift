/// A learner's record of one exercise: the grading seed, how far they got, the hints they saw.
///
/// The seed fixes the random tensors of the exercise's generated cases for this learner, so every
/// re-grade (and an instructor's `optimlab grade --seed`) sees exactly the same numbers.
public struct ExerciseProgress: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case notStarted = "not started"
        case inProgress = "in progress"
        case passed
    }

    /// Seeds the generated cases; kept below 2⁵³ so JSON readers that use doubles keep it exact.
    public var seed: UInt64
    /// The starter was written to the working folder.
    public var started: Bool = false
    /// A grading passed every case (stays true: a later failing edit does not take a pass away).
    public var passed: Bool = false
    /// Gradings so far.
    public var gradings: Int = 0
    /// Hints shown; the next `hint` shows hint number `hintsShown + 1`.
    public var hintsShown: Int = 0
    /// The verdict of the last grading ("passed", "failed", "compile-error", "not-graded").
    public var lastVerdict: String?
    /// The known mistake the last failing grading was diagnosed with (its hint is shown first).
    public var lastMistake: String?

    public init(seed: UInt64) { self.seed = seed }

    public var status: Status { passed ? .passed : (started || gradings > 0 ? .inProgress : .notStarted) }
}
