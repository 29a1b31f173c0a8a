/// Evaluates everything a lesson computes, as the REPL would, so `optimlab check` finds what parsing
/// cannot: a table function given a list where it needs a number, an answer that is inf, a `show:`
/// column that does not exist, a plot block the plotting layer rejects.
public enum LessonValidator {
    /// Validates a `plot`/`experiment` body: (line within the body, 1-based, message).
    public typealias VisualValidator = @Sendable (_ kind: String, _ yaml: String) -> [(line: Int, message: String)]

    /// The seeds questions with random inputs are checked under.
    public static let seeds: [UInt64] = [0, 1, 2, 3]

    public static func validate(_ lesson: Lesson, visual: VisualValidator? = nil) -> [LessonDiagnostic] {
        var out: [LessonDiagnostic] = []
        func report(_ line: Int, _ message: String) { out.append(LessonDiagnostic(file: lesson.path, line: line, message: message)) }
        for step in lesson.steps {
            switch step.content {
            case .prose(let t), .hint(let t):
                do { _ = try t.render(with: Evaluator()) } catch { report(step.line, error.description) }
            case .example(let e):
                do { _ = try e.run() } catch { report(step.line, "example '\(e.id)': \(error)") }
                if let note = e.note { do { _ = try note.render(with: Evaluator()) } catch { report(step.line, "example '\(e.id)' note: \(error)") } }
            case .question(let q):
                for seed in q.isRandomised ? seeds : [0] {
                    do {
                        let instance = try QuestionInstance(q, seed: seed)
                        _ = try instance.prompt()
                        for i in q.hints.indices { _ = try instance.hint(i) }
                        _ = try instance.solution()
                    } catch {
                        report(q.answerLine, "question '\(q.id)'\(q.isRandomised ? " (seed \(seed))" : ""): \(error)")
                        break
                    }
                }
            case .visual(let kind, let yaml):
                for problem in visual?(kind, yaml) ?? [] { report(step.line + problem.line, problem.message) }
            }
        }
        return out
    }
}
