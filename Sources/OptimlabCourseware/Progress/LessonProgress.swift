public struct LessonProgress: Codable, Sendable, Equatable {
    /// The step shown last (0-based).
    public var step: Int = 0
    public var completed: Bool = false
    public var questions: [String: QuestionProgress] = [:]
    public init() {}

    enum CodingKeys: String, CodingKey { case step, completed, questions }

    /// Missing fields take their defaults, so a file from an optimlab that knew fewer fields still loads.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decodeIfPresent(Int.self, forKey: .step) ?? 0
        completed = try c.decodeIfPresent(Bool.self, forKey: .completed) ?? false
        questions = try c.decodeIfPresent([String: QuestionProgress].self, forKey: .questions) ?? [:]
    }
}
