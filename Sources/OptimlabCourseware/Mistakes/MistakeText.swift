/// What the course says about one of the engine's known mistakes: a short title, what it does to the
/// numbers, and the lesson that explains it.
public struct MistakeText: Sendable, Equatable {
    public var title: String
    public var explanation: String
    /// The id of the lesson to revisit.
    public var lesson: String
    /// The entry's line in its catalogue file (0 when not read from a file).
    public var line: Int

    public init(title: String, explanation: String, lesson: String, line: Int = 0) {
        self.title = title; self.explanation = explanation; self.lesson = lesson; self.line = line
    }
}
