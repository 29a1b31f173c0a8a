/// A learner's progress: where they are and what they answered, in lessons and exercises. Stored as
/// readable JSON (see ``ProgressStore``), versioned so an older optimlab never overwrites a newer file.
///
/// Version 2 added `exercises`; a version 1 file reads as version 2 with no exercise started. Version 3
/// added each question's attempt history (`variant`, `sharedSeed`, `history`); a version 1 or 2 file
/// reads as version 3 with every question on its first attempt. (An optimlab that reads only version 2
/// refuses a version 3 file rather than saving it without the history.)
public struct LearnerProgress: Codable, Sendable, Equatable {
    /// The file format version this optimlab writes.
    public static let currentVersion = 3

    public var version: Int
    /// A random id made on first run; seeds per-learner random inputs.
    public var learner: String
    /// The lesson open last.
    public var currentLesson: String?
    public var lessons: [String: LessonProgress]
    /// Exercise id → the learner's record (seed, status, hints).
    public var exercises: [String: ExerciseProgress]

    public init(learner: String) {
        version = Self.currentVersion
        self.learner = learner
        currentLesson = nil
        lessons = [:]
        exercises = [:]
    }

    enum CodingKeys: String, CodingKey { case version, learner, currentLesson, lessons, exercises }

    /// Reads version 1, 2 and 3 files; older ones (no `exercises`, no attempt history) migrate to the current version.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try c.decode(Int.self, forKey: .version)
        learner = try c.decode(String.self, forKey: .learner)
        currentLesson = try c.decodeIfPresent(String.self, forKey: .currentLesson)
        lessons = try c.decode([String: LessonProgress].self, forKey: .lessons)
        exercises = stored >= 2 ? try c.decode([String: ExerciseProgress].self, forKey: .exercises) : [:]
        version = Self.currentVersion
    }

    /// A fresh progress with a random learner id.
    public static func fresh() -> LearnerProgress {
        var rng = SystemRandomNumberGenerator()
        let id = String(rng.next() & 0xFFFF_FFFF_FFFF, radix: 16)
        return LearnerProgress(learner: id)
    }

    /// The record of exercise `id`, made on first use with a grading seed drawn from `learner` and
    /// `id` (so two learners get different numbers, and one learner always the same).
    public mutating func exercise(_ id: String) -> ExerciseProgress {
        if let p = exercises[id] { return p }
        let p = ExerciseProgress(seed: SeededGenerator.seed(learner: learner, lesson: "exercise", question: id) & 0x1F_FFFF_FFFF_FFFF)
        exercises[id] = p
        return p
    }

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }
}
