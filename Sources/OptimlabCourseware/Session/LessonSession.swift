import OptimlabEngine

/// One learner working through the course: the state machine behind the REPL. Every command returns
/// what to show; progress is saved after every answer and every move.
public struct LessonSession: Sendable {
    public let course: Course
    public private(set) var progress: LearnerProgress
    let store: ProgressStore?
    /// The progress as last read or saved: the base of the merge at the next save, so another run's
    /// work saved to the same file in the meantime is kept.
    var saved: LearnerProgress
    /// The open lesson's index in the course.
    public private(set) var lessonIndex: Int?
    /// Drawn question inputs, keyed "lesson/question", so a question's numbers stay put.
    var instances: [String: QuestionInstance] = [:]
    /// Each lesson's visual results (computed the first time its prose quotes them), keyed by lesson id.
    var visualResults: [String: [String: Value]] = [:]

    public init(course: Course, progress: LearnerProgress, store: ProgressStore?) {
        self.course = course; self.progress = progress; self.store = store; self.saved = progress
    }

    public var lesson: Lesson? { lessonIndex.map { course.lessons[$0] } }

    /// The open lesson's step index; equal to the number of steps once the lesson is finished.
    public var stepIndex: Int {
        guard let lesson else { return 0 }
        return min(max(progress[lesson: lesson.id].step, 0), lesson.steps.count)
    }

    public var step: LessonStep? {
        guard let lesson, stepIndex < lesson.steps.count else { return nil }
        return lesson.steps[stepIndex]
    }

    /// The question on screen, if it still waits for an answer.
    public var pendingQuestion: Question? {
        guard let lesson, case .question(let q)? = step?.content, !progress[lesson: lesson.id].questions[q.id, default: QuestionProgress(seed: 0)].isSettled else { return nil }
        return q
    }

    /// "adam 3/12" for the prompt.
    public var location: String {
        guard let lesson else { return "" }
        return stepIndex >= lesson.steps.count ? "\(lesson.id) done" : "\(lesson.id) \(stepIndex + 1)/\(lesson.steps.count)"
    }

    // MARK: Opening lessons

    public func welcome() -> [Display] {
        if course.lessons.isEmpty {
            return [.warning("No lessons found in \(course.directory). Use --lessons DIR or set OPTIMLAB_LESSONS.")]
        }
        if let id = progress.currentLesson, let l = course.lesson(id) {
            return [.note("Welcome back. Type `resume` to continue “\(l.title)”, `lessons` to list them all, `help` for commands.")]
        }
        return [.note("Welcome to optimlab. Type `resume` to start with “\(course.lessons[0].title)”, `lessons` to list the lessons, `help` for commands.")]
    }

    public func lessonList() -> [Display] {
        var t = Table(columns: [Table.Column(key: "n", title: "#"), Table.Column(key: "id", title: "id"),
                                Table.Column(key: "title", title: "title"), Table.Column(key: "minutes", title: "min"),
                                Table.Column(key: "progress", title: "progress")])
        for (i, l) in course.lessons.enumerated() {
            let p = progress[lesson: l.id]
            let solved = l.questions.filter { p.questions[$0.id]?.solved == true }.count
            let status = p.completed ? "done" : (progress.lessons[l.id] == nil ? "" : "step \(min(p.step + 1, l.steps.count))/\(l.steps.count)")
            let questions = l.questions.isEmpty ? "" : " (\(solved)/\(l.questions.count) solved)"
            t.append(cells: [.text("\(i + 1)"), .text(l.id), .text(l.title), l.minutes.map { .number(Double($0)) } ?? .empty,
                             .text((status + questions).trimmingCharacters(in: { $0 == " " }))])
        }
        return [.table(t, caption: nil), .note("`open ID` starts a lesson; `resume` continues where you left off.")]
    }

    public mutating func open(_ id: String) -> [Display] {
        guard let i = course.index(of: id) else {
            let hint = Suggestions.closest(to: id, in: course.lessons.map(\.id)).map { " Did you mean \($0)?" } ?? ""
            return [.failure("No lesson '\(id)'.\(hint) `lessons` lists them.")]
        }
        lessonIndex = i
        let l = course.lessons[i]
        progress.currentLesson = l.id
        if progress[lesson: l.id].step >= l.steps.count { progress[lesson: l.id].step = 0 }
        if progress.lessons[l.id] == nil { progress[lesson: l.id] = LessonProgress() }
        var out: [Display] = [.title(l.title)]
        if !l.objectives.isEmpty {
            out.append(.note("You will be able to:\n" + l.objectives.map { "  - \($0)" }.joined(separator: "\n")))
        }
        return out + persist() + show()
    }

    public mutating func resume() -> [Display] {
        if let id = progress.currentLesson, course.lesson(id) != nil {
            if progress[lesson: id].completed, let i = course.index(of: id), i + 1 < course.lessons.count {
                return open(course.lessons[i + 1].id)
            }
            return open(id)
        }
        guard let first = course.lessons.first(where: { !progress[lesson: $0.id].completed }) ?? course.lessons.first else {
            return welcome()
        }
        return open(first.id)
    }

    // MARK: Moving

    public mutating func next() -> [Display] {
        guard let lesson else { return resume() }
        if pendingQuestion != nil {
            return [.note("Answer the question first — or `hint`, `solution`, or `skip` to move on.")]
        }
        if stepIndex >= lesson.steps.count {
            guard let i = lessonIndex, i + 1 < course.lessons.count else { return [.note("That was the last lesson. `lessons` lists them all.")] }
            return open(course.lessons[i + 1].id)
        }
        return move(to: stepIndex + 1)
    }

    public mutating func back() -> [Display] {
        guard lesson != nil else { return [.note("No lesson is open. `lessons` lists them.")] }
        guard stepIndex > 0 else { return [.note("This is the first step.")] + show() }
        return move(to: stepIndex - 1)
    }

    mutating func move(to index: Int) -> [Display] {
        guard let lesson else { return [] }
        progress[lesson: lesson.id].step = index
        if index >= lesson.steps.count {
            progress[lesson: lesson.id].completed = true
            let following = lessonIndex.flatMap { $0 + 1 < course.lessons.count ? course.lessons[$0 + 1] : nil }
            let solved = lesson.questions.filter { progress[lesson: lesson.id].questions[$0.id]?.solved == true }.count
            return persist() + [.success("Lesson “\(lesson.title)” complete (\(solved)/\(lesson.questions.count) questions solved)."),
                                .note(following.map { "Type `next` to start “\($0.title)”." } ?? "That was the last lesson.")]
        }
        return persist() + show()
    }

    /// Shows the current step again.
    public mutating func show() -> [Display] {
        guard let lesson, let step else { return lesson == nil ? [.note("No lesson is open. `lessons` lists them.")] : [] }
        var out: [Display] = []
        switch step.content {
        case .prose(let t):
            do { out.append(.text(try t.render(with: Evaluator(variables: results(for: t, in: lesson))))) } catch {
                out.append(.warning("(this step could not be computed: \(error))"))
            }
        case .example(let e):
            out += runExample(e, overrides: [:])
        case .hint(let t):
            out.append(.note("Hint: " + (render(t, line: step.line) ?? "")))
        case .visual(let block):
            do { out.append(.visual(try block.compute())) } catch {
                out.append(.warning("(this \(block.kind) could not be computed: \(error.message))"))
            }
        case .question(let q):
            guard let instance = instance(q) else {
                return [.warning("This question cannot be computed (run `optimlab check`); `skip` moves on.")]
            }
            let label = q.source.map { "[\($0)] " } ?? ""
            let prompt = (try? instance.prompt()) ?? q.prompt.source
            out.append(.question(label + prompt, choices: q.choices.enumerated().map { "\(ChoiceLabels.letter($0.offset))) \($0.element)" }))
            if q.kind == .numeric { out.append(.note("(tolerance: \(q.tolerance))")) }
            let p = progress[lesson: lesson.id].questions[q.id]
            if let p, p.isSettled {
                let tolerance = q.kind == .numeric ? " (tolerance: \(q.tolerance))" : ""
                out.append(.note("Already \(p.solved ? "solved" : "seen"): the answer is \(Self.shownAnswer(instance))\(tolerance). `next` goes on."))
            }
        }
        return out
    }

    func render(_ t: Template, line: Int) -> String? { try? t.render(with: Evaluator()) }

    /// The lesson's visual results when the template reads any (`{{ block.run.final_loss }}`), else none:
    /// running the experiments costs time only where prose quotes them.
    mutating func results(for t: Template, in lesson: Lesson) -> [String: Value] {
        guard t.expressions.contains(where: { $0.expression.names.contains { $0.name.contains(".") } }) else { return [:] }
        if let cached = visualResults[lesson.id] { return cached }
        let computed = lesson.visualResults()
        visualResults[lesson.id] = computed
        return computed
    }

    func runExample(_ e: Example, overrides: [String: Value]) -> [Display] {
        do {
            let table = try e.run(overrides: overrides)
            let inputs = Evaluator(variables: e.variables(overrides: overrides))
            let title = e.titleTemplate.flatMap { try? $0.render(with: inputs) } ?? e.title ?? e.id
            var out: [Display] = [.table(table, caption: title)]
            if let note = e.note, let text = try? note.render(with: inputs) { out.append(.note(text)) }
            if overrides.isEmpty { out.append(.note("`rerun \(e.id) name=value …` recomputes it with your own inputs (\(e.inputs.map(\.name).joined(separator: ", "))).")) }
            return out
        } catch {
            return [.failure(error.message.hasPrefix(e.compute) ? error.description : "\(e.compute): \(error)")]
        }
    }

    // MARK: Questions

    /// The question with its inputs drawn from the learner's seed. The first time a question is shown
    /// its seed (learner × lesson × question, kept to 53 bits so JSON round-trips it) goes into the
    /// progress, so a resumed or re-opened session redraws the same numbers.
    mutating func instance(_ q: Question) -> QuestionInstance? {
        guard let lesson else { return nil }
        let key = "\(lesson.id)/\(q.id)"
        if let i = instances[key] { return i }
        if progress[lesson: lesson.id].questions[q.id] == nil {
            let seed = SeededGenerator.seed(learner: progress.learner, lesson: lesson.id, question: q.id) & 0x1F_FFFF_FFFF_FFFF
            progress[lesson: lesson.id].questions[q.id] = QuestionProgress(seed: seed)
        }
        guard let seed = progress[lesson: lesson.id].questions[q.id]?.seed,
              let i = try? QuestionInstance(q, seed: seed) else { return nil }
        instances[key] = i
        return i
    }

    /// Checks an answer to the question on screen.
    public mutating func answer(_ input: String) -> [Display] {
        guard let lesson, let q = pendingQuestion else {
            return [.note("There is no question waiting for an answer. `next` goes on.")]
        }
        guard let instance = instance(q) else {
            return [.warning("This question cannot be computed (run `optimlab check`); `skip` moves on.")]
        }
        let verdict = AnswerChecker.check(input, instance)
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance.seed)
        switch verdict.outcome {
        case .unreadable:
            return [.note(verdict.message)]
        case .correct:
            p.attempts += 1
            p.answers.append(input)
            p.solved = true
            progress[lesson: lesson.id].questions[q.id] = p
            return [.success(verdict.message)] + move(to: stepIndex + 1)
        case .wrong:
            p.attempts += 1
            p.answers.append(input)
            progress[lesson: lesson.id].questions[q.id] = p
            var out: [Display] = [.failure(verdict.message)]
            if p.attempts >= q.attempts {
                out += reveal(q, instance, why: "after \(p.attempts) tries")
            } else {
                let left = q.attempts - p.attempts
                out.append(.note("\(left) \(left == 1 ? "try" : "tries") left. `hint` helps\(q.hints.count > p.hintsShown ? "" : " (no more hints)"); `solution` shows the answer."))
            }
            return out + persist()
        }
    }

    public mutating func hint() -> [Display] {
        guard let lesson, case .question(let q)? = step?.content, let instance = instance(q) else {
            return [.note("Hints belong to questions; there is no question on screen.")]
        }
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance.seed)
        guard p.hintsShown < q.hints.count else {
            return [.note(q.hints.isEmpty ? "This question has no hints. `solution` shows the worked answer." : "No more hints. `solution` shows the worked answer.")]
        }
        let text = (try? instance.hint(p.hintsShown)) ?? q.hints[p.hintsShown].source
        p.hintsShown += 1
        progress[lesson: lesson.id].questions[q.id] = p
        return [.note("Hint \(p.hintsShown)/\(q.hints.count): \(text)")] + persist()
    }

    public mutating func solution() -> [Display] {
        guard case .question(let q)? = step?.content, let instance = instance(q) else {
            return [.note("There is no question on screen.")]
        }
        return reveal(q, instance, why: nil) + persist()
    }

    mutating func reveal(_ q: Question, _ instance: QuestionInstance, why: String?) -> [Display] {
        guard let lesson else { return [] }
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance.seed)
        if !p.solved { p.revealed = true }
        progress[lesson: lesson.id].questions[q.id] = p
        var out: [Display] = []
        if let text = try? instance.solution() { out.append(.text("Solution\(why.map { " (\($0))" } ?? ""): \(text)")) }
        out.append(.note("The answer: \(Self.shownAnswer(instance))\(q.kind == .numeric ? " (tolerance: \(q.tolerance))" : ""). `next` goes on."))
        return out
    }

    /// The answer inside a sentence: a number to 6 significant digits (tolerances are coarser; the
    /// 17-digit exact value reads as float noise), a text without its own final full stop.
    static func shownAnswer(_ instance: QuestionInstance) -> String {
        if case .expression = instance.question.answer, let x = instance.expected { return ValueFormatter.plain(x) }
        var text = instance.answerText.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") && !text.hasSuffix("...") { text.removeLast() }
        return text
    }

    public mutating func skip() -> [Display] {
        guard let lesson, let q = pendingQuestion else { return next() }
        // A question that cannot be computed is skipped too (its screen says `skip` moves on).
        let instance = instance(q)
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance?.seed ?? 0)
        p.skipped = true
        progress[lesson: lesson.id].questions[q.id] = p
        return [.note(instance.map { "Skipped. The answer was \(Self.shownAnswer($0))." } ?? "Skipped.")] + move(to: stepIndex + 1)
    }

    // MARK: Calculator and examples

    /// Re-runs an example of the open lesson with the learner's inputs (`grads=[1, 2] lr=0.1`).
    public func rerun(_ id: String, _ assignments: String) -> [Display] {
        guard let lesson else { return [.note("Open a lesson first; `rerun` re-runs one of its examples.")] }
        guard let example = lesson.example(id) else {
            let ids = lesson.examples.map(\.id)
            let hint = Suggestions.closest(to: id, in: ids).map { " Did you mean \($0)?" } ?? ""
            return [.failure("No example '\(id)' in this lesson.\(hint)\(ids.isEmpty ? "" : " Examples: \(ids.joined(separator: ", ")).")")]
        }
        do {
            var overrides: [String: Value] = [:], notes: [String] = []
            for (name, expression) in try ExpressionParser.parseAssignments(assignments) {
                var ev = Evaluator()
                overrides[name] = try ev.evaluate(expression)
                notes += ev.notes.map { "\(name): \($0)" }
            }
            let out = runExample(example, overrides: overrides)
            // An input like lr=0/0 fills the table with nan: say why next to it.
            let nonFinite = out.contains { if case .table(let t, _) = $0 { Value.table(t).containsNonFinite } else { false } }
            guard nonFinite else { return out }
            return out + (notes.isEmpty ? ["some values are not finite: an input is too large, or zero where it divides"] : notes).map(Display.warning)
        } catch {
            return [.failure("rerun: \(error)")]
        }
    }

    /// Evaluates a calculator expression.
    public func calculate(_ text: String) -> [Display] {
        var ev = Evaluator()
        do {
            let value = try ev.evaluate(text)
            var out: [Display] = []
            if case .table(let t) = value { out.append(.table(t, caption: nil)) } else { out.append(.result("= \(ValueFormatter.format(value))")) }
            let notes = ev.notes.isEmpty && value.containsNonFinite ? ["the result is not a finite number"] : ev.notes
            return out + notes.map(Display.warning)
        } catch {
            return [.failure(error.description)]
        }
    }

    // MARK: Saving

    /// Lets the exercise loop, which shares this progress file, change the progress and save it, so the
    /// session never writes back an older copy over the exercise records.
    public mutating func updateProgress<T>(_ change: (inout LearnerProgress) -> T) -> (result: T, warnings: [Display]) {
        let result = change(&progress)
        return (result, persist())
    }

    mutating func persist() -> [Display] {
        guard let store else { return [] }
        do {
            progress = try store.save(progress, since: saved)
            saved = progress
            return []
        } catch { return [.warning("Progress not saved: \(error)")] }
    }
}
