public struct QuestionProgress: Codable, Sendable, Equatable {
    /// Seeds the question's random inputs; kept so a resumed session redraws the same numbers.
    public var seed: UInt64
    public var attempts: Int = 0
    public var answers: [String] = []
    public var solved: Bool = false
    /// The solution was shown (on request, after `attempts` wrong tries, or by `skip`).
    public var revealed: Bool = false
    public var skipped: Bool = false
    public var hintsShown: Int = 0

    public init(seed: UInt64) { self.seed = seed }

    /// Answered, revealed or skipped: the learner may move on.
    public var isSettled: Bool { solved || revealed || skipped }
}
