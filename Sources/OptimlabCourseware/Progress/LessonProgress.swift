public struct LessonProgress: Codable, Sendable, Equatable {
    /// The step shown last (0-based).
    public var step: Int = 0
    public var completed: Bool = false
    public var questions: [String: QuestionProgress] = [:]
    public init() {}

    enum CodingKeys: String, CodingKey { case step, completed, questions }

    /// Counters read from a file are kept within 0…maxCount, so arithmetic on them cannot overflow.
    static let maxCount = 1_000_000

    /// Missing fields take their defaults, so a file from an optimlab that knew fewer fields still
    /// loads; out-of-range counters are clamped.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Clamped: a hand-edited step of Int.max overflowed `step + 1` in the lesson list.
        step = min(max(try c.decodeIfPresent(Int.self, forKey: .step) ?? 0, 0), Self.maxCount)
        completed = try c.decodeIfPresent(Bool.self, forKey: .completed) ?? false
        questions = try c.decodeIfPresent([String: QuestionProgress].self, forKey: .questions) ?? [:]
    }
}
