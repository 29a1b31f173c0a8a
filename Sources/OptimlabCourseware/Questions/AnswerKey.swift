/// The answer key `optimlab lessons --answers` prints: every question with the engine's answer for
/// seed 0.
public struct AnswerKeyEntry: Sendable, Equatable {
    public var lesson: String
    public var question: String
    public var kind: String
    public var source: String?
    public var prompt: String
    /// The exact engine value (numeric), the right choice, or the model answer.
    public var answer: String
    public var numericAnswer: Double?
    public var tolerance: String?

    /// Entries for every question of `course`; a question that cannot be evaluated gets its error as
    /// the answer (so the key never hides a broken question).
    public static func entries(for course: Course) -> [AnswerKeyEntry] {
        course.lessons.flatMap { lesson in
            lesson.questions.map { q in
                var entry = AnswerKeyEntry(lesson: lesson.id, question: q.id, kind: q.kind.rawValue, source: q.source,
                                           prompt: q.prompt.source, answer: "", numericAnswer: nil,
                                           tolerance: q.kind == .numeric ? q.tolerance.description : nil)
                do {
                    let instance = try QuestionInstance(q, seed: 0)
                    entry.prompt = try instance.prompt()
                    entry.answer = instance.answerText
                    entry.numericAnswer = instance.expected
                } catch {
                    entry.answer = "error: \(error)"
                }
                return entry
            }
        }
    }
}
