/// A learner's record of one question: the current attempt (seed, answers, how it ended) and the
/// attempts before it (``history``), one per `retry`/`practice`, each with its own numbers.
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
    /// How many times the question was asked again with fresh numbers (0: the first time).
    public var variant: Int = 0
    /// The seed the shared givens were drawn with (a `shares:` question), fixed when first shown.
    public var sharedSeed: UInt64?
    /// Earlier attempts, oldest first; the current one is the record itself.
    public var history: [QuestionAttempt] = []
    /// Solved in this attempt or any earlier one.
    public var everSolved: Bool { solved || history.contains { $0.solved } }

    public init(seed: UInt64) { self.seed = seed }

    enum CodingKeys: String, CodingKey {
        case seed, attempts, answers, solved, revealed, skipped, hintsShown, variant, sharedSeed, history
    }

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
        variant = min(max(try c.decodeIfPresent(Int.self, forKey: .variant) ?? 0, 0), LessonProgress.maxCount)
        sharedSeed = try c.decodeIfPresent(UInt64.self, forKey: .sharedSeed)
        history = try c.decodeIfPresent([QuestionAttempt].self, forKey: .history) ?? []
    }

    /// Answered, revealed or skipped: the learner may move on.
    public var isSettled: Bool { solved || revealed || skipped }

    /// The current attempt as a history entry.
    public var currentAttempt: QuestionAttempt {
        QuestionAttempt(seed: seed, variant: variant, attempts: attempts, answers: answers, solved: solved, revealed: revealed,
                        skipped: skipped, hintsShown: hintsShown)
    }

    /// Files the current attempt in the history and starts a fresh one with `seed` (the next variant).
    public mutating func startVariant(seed newSeed: UInt64) {
        history.append(currentAttempt)
        let past = history
        let next = variant + 1
        self = QuestionProgress(seed: newSeed)
        history = past
        variant = next
    }
}

/// One finished (or abandoned) attempt at a question: its numbers' seed and what the learner did.
public struct QuestionAttempt: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var variant: Int
    public var attempts: Int
    public var answers: [String]
    public var solved: Bool
    public var revealed: Bool
    public var skipped: Bool
    public var hintsShown: Int

    public init(seed: UInt64, variant: Int, attempts: Int, answers: [String], solved: Bool, revealed: Bool, skipped: Bool, hintsShown: Int) {
        self.seed = seed; self.variant = variant; self.attempts = attempts; self.answers = answers
        self.solved = solved; self.revealed = revealed; self.skipped = skipped; self.hintsShown = hintsShown
    }

    /// "solved", "revealed", "skipped" or "unfinished".
    public var outcome: String { solved ? "solved" : revealed ? "revealed" : skipped ? "skipped" : "unfinished" }
}
