public struct LessonProgress: Codable, Sendable, Equatable {
    /// The step shown last (0-based).
    public var step: Int = 0
    public var completed: Bool = false
    public var questions: [String: QuestionProgress] = [:]
    public init() {}
}
