/// A learner's progress: where they are and what they answered. Stored as readable JSON (see
/// ``ProgressStore``), versioned so an older optimlab never overwrites a newer file.
public struct LearnerProgress: Codable, Sendable, Equatable {
    /// The file format version this optimlab writes.
    public static let currentVersion = 1

    public var version: Int
    /// A random id made on first run; seeds per-learner random inputs.
    public var learner: String
    /// The lesson open last.
    public var currentLesson: String?
    public var lessons: [String: LessonProgress]

    public init(learner: String) {
        version = Self.currentVersion
        self.learner = learner
        currentLesson = nil
        lessons = [:]
    }

    /// A fresh progress with a random learner id.
    public static func fresh() -> LearnerProgress {
        var rng = SystemRandomNumberGenerator()
        let id = String(rng.next() & 0xFFFF_FFFF_FFFF, radix: 16)
        return LearnerProgress(learner: id)
    }

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }
}
