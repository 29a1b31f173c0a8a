/// The answer key `optimlab lessons --answers [--seed N]` prints: every question with the engine's
/// answer for seed N (default 0).
public struct AnswerKeyEntry: Sendable, Equatable {
    public var lesson: String
    public var question: String
    public var kind: String
    public var source: String?
    public var prompt: String
    /// The engine value rounded as the prompt asks (numeric; `numericAnswer` keeps every digit), the
    /// right choice, or the model answer.
    public var answer: String
    public var numericAnswer: Double?
    public var tolerance: String?
    /// The precision statement ("to 3 significant figures"), for a question that declares one.
    public var precision: String?

    /// Entries for every question of `course` with inputs drawn from `seed` (the seed a learner gets
    /// with `optimlab --seed N`); a question that cannot be evaluated gets its error as the answer (so
    /// the key never hides a broken question).
    public static func entries(for course: Course, seed: UInt64 = 0) -> [AnswerKeyEntry] {
        course.lessons.flatMap { lesson in
            lesson.questions.map { q in
                var entry = AnswerKeyEntry(lesson: lesson.id, question: q.id, kind: q.kind.rawValue, source: q.source,
                                           prompt: q.prompt.source, answer: "", numericAnswer: nil,
                                           tolerance: q.kind == .numeric ? (q.precision?.description ?? q.tolerance.description) : nil,
                                           precision: q.precision?.description)
                do {
                    let instance = try QuestionInstance(q, seed: seed)
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
