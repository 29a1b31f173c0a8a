import Foundation
import OptimlabEngine

extension Course {
    /// Whether the folder holds a `mistakes.yaml` of its own (else its mistakes are the built-in words).
    public var hasOwnMistakes: Bool {
        mistakes.file == (directory as NSString).appendingPathComponent(MistakeCatalogue.fileName)
    }

    /// The known mistakes whose "revisit the lesson …" link (the catalogue's `lesson`, which the grader's
    /// diagnosis prints) names a lesson this course does not have. `optimlab check` reports each.
    public func unresolvedMistakeLinks() -> [(mistake: KnownMistake, lesson: String)] {
        mistakes.unresolvedLinks(lessonIDs: Set(lessons.map(\.id)))
    }

    /// Everything `check` proves of the course's mistake catalogue: read without problems, an entry for
    /// every engine mistake, and every link to a lesson of this course.
    public func mistakeProblems() -> [LessonDiagnostic] {
        mistakes.linkProblems(lessonIDs: Set(lessons.map(\.id)))
    }
}
