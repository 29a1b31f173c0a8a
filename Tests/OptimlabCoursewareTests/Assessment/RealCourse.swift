import Foundation
@testable import OptimlabCourseware

/// The real lessons (lessons/*.md) of the package, parsed once.
enum RealCourse {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons").path

    static let course = Course.load(directory: directory)

    /// Every question of the real lessons with its lesson id.
    static var questions: [(lesson: String, question: Question)] {
        course.lessons.flatMap { l in l.questions.map { (l.id, $0) } }
    }

    static func question(_ lesson: String, _ id: String) -> Question? { course.lesson(lesson)?.question(id) }
}
