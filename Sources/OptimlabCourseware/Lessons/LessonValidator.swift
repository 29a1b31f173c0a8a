import OptimlabEngine

/// Evaluates everything a lesson computes, as the REPL would, so `optimlab check` finds what parsing
/// cannot: a table function given a list where it needs a number, an answer that is inf, a `show:`
/// column that does not exist, an experiment whose switch does not apply, and an `expect:` claim the
/// computed results no longer support.
public enum LessonValidator {
    /// The seeds questions with random inputs are checked under.
    public static let seeds: [UInt64] = [0, 1, 2, 3]
    /// The seeds under which every declared slip and mistake must stay distinguishable from the answer.
    public static let slipSeeds: [UInt64] = Array(0..<64)
    /// The right option is "longest by far" when it is this many times the longest wrong one.
    public static let longestRatio = 1.3

    public static func validate(_ lesson: Lesson) -> [LessonDiagnostic] {
        var out: [LessonDiagnostic] = []
        func report(_ line: Int, _ message: String) { out.append(LessonDiagnostic(file: lesson.path, line: line, message: message)) }
        // Each visual block is computed once: its figure serves its own `expect:` and the prose holes.
        var figures: [Int: Result<VisualFigure, ProblemError>] = [:]
        for (i, step) in lesson.steps.enumerated() {
            if case .visual(let block) = step.content { figures[i] = Result { () throws(ProblemError) in try block.compute() } }
        }
        let results = Lesson.results(lesson.steps.indices.compactMap { i in
            guard case .visual(let block) = lesson.steps[i].content, let id = block.id, case .success(let f)? = figures[i] else { return nil }
            return (id, f)
        })
        for (i, step) in lesson.steps.enumerated() {
            switch step.content {
            case .prose(let t), .hint(let t):
                do { _ = try t.render(with: Evaluator(variables: results)) } catch { report(step.line, error.description) }
            case .example(let e):
                do { _ = try e.run() } catch { report(step.line, "example '\(e.id)': \(error)") }
                let inputs = Evaluator(variables: e.variables())
                if let note = e.note { do { _ = try note.render(with: inputs) } catch { report(step.line, "example '\(e.id)' note: \(error)") } }
                if let title = e.titleTemplate { do { _ = try title.render(with: inputs) } catch { report(step.line, "example '\(e.id)' title: \(error)") } }
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
                out += assessment(q, lesson.path)
            case .visual(let block):
                switch figures[i] {
                case .success(let figure)?: for p in problems(block, figure) { report(p.line, p.message) }
                case .failure(let error)?: report(block.line, error.message)
                case nil: break
                }
            }
        }
        return out
    }

    /// What `check` asks of a question's assessment: a numeric one states its precision, and none of its
    /// declared slips or mistakes gives, for any sampled seed, a value the stated precision cannot tell
    /// from the answer (it would be named for a right answer, or accepted as right); a choice question's
    /// right option is not the longest by far (picking the longest would pass).
    public static func assessment(_ q: Question, _ path: String) -> [LessonDiagnostic] {
        var out: [LessonDiagnostic] = []
        switch q.kind {
        case .numeric:
            if q.precision == nil {
                out.append(.warning(file: path, line: q.line, "question '\(q.id)' states no precision; add e.g. precision: {sig: 3} so the prompt says what it wants"))
            }
            var reported = Set<String>()
            for seed in q.isRandomised ? slipSeeds : [0] {
                guard let instance = try? QuestionInstance(q, seed: seed), let b = instance.expected else { continue }
                for (name, v) in NumericChecker.declaredValues(instance) where !reported.contains(name) && NumericChecker.indistinguishable(q, v, b) {
                    reported.insert(name)
                    let at = q.precision.map(\.digitsPhrase) ?? "within the tolerance"
                    out.append(LessonDiagnostic(file: path, line: q.answerLine, message: "question '\(q.id)': \(name) gives \(ValueFormatter.readable(v)), indistinguishable from the answer \(ValueFormatter.readable(b)) \(at)\(q.isRandomised ? " (seed \(seed))" : ""); ask for more figures or drop it"))
                }
            }
        case .choice:
            guard case .choice(let right) = q.answer, q.choices.indices.contains(right) else { break }
            let longestWrong = q.choices.indices.filter { $0 != right }.map { q.choices[$0].count }.max() ?? 0
            if Double(q.choices[right].count) > longestRatio * Double(max(longestWrong, 1)) {
                out.append(.warning(file: path, line: q.line, "question '\(q.id)': the right option is the longest by far (\(q.choices[right].count) characters, the longest wrong one \(longestWrong)); picking the longest would pass"))
            }
        default: break
        }
        return out
    }

    /// Computes the block and evaluates each `expect:`; a claim that does not hold names both sides'
    /// measured values.
    public static func problems(_ block: VisualBlock, _ figure: VisualFigure) -> [(line: Int, message: String)] {
        let variables = figure.variables
        return block.expectations.compactMap { e -> (line: Int, message: String)? in
            do {
                let o = try e.evaluate(variables)
                guard !o.holds else { return nil }
                return (e.line, "expect \"\(e.text)\" does not hold: the left side is \(ValueFormatter.format(.number(o.lhs))), "
                        + "the right side \(ValueFormatter.format(.number(o.rhs)))")
            } catch {
                let known = variables.keys.sorted().joined(separator: ", ")
                return (e.line, "expect \"\(e.text)\": \((error as? ExpressionError)?.message ?? "\(error)") (the block's results: \(known))")
            }
        }
    }
}
