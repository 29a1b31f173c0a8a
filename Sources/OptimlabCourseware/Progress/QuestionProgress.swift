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

    enum CodingKeys: String, CodingKey { case seed, attempts, answers, solved, revealed, skipped, hintsShown }

    /// Only the seed is required; other missing fields take their defaults, so a file from an
    /// optimlab that knew fewer fields still loads; counters are clamped to 0…1,000,000.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decode(UInt64.self, forKey: .seed)
        // Clamped like the step: Int.max attempts overflowed `+= 1`, a negative hint count indexed hints[-1].
        attempts = min(max(try c.decodeIfPresent(Int.self, forKey: .attempts) ?? 0, 0), LessonProgress.maxCount)
        answers = try c.decodeIfPresent([String].self, forKey: .answers) ?? []
        solved = try c.decodeIfPresent(Bool.self, forKey: .solved) ?? false
        revealed = try c.decodeIfPresent(Bool.self, forKey: .revealed) ?? false
        skipped = try c.decodeIfPresent(Bool.self, forKey: .skipped) ?? false
        hintsShown = min(max(try c.decodeIfPresent(Int.self, forKey: .hintsShown) ?? 0, 0), LessonProgress.maxCount)
    }

    /// Answered, revealed or skipped: the learner may move on.
    public var isSettled: Bool { solved || revealed || skipped }
}
