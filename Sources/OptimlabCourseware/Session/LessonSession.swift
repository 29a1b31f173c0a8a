import OptimlabEngine
import OptimlabYAML

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
    /// Every question's seed when set (`--seed N`): a learner sees what the answer key at seed N shows
    /// (a question asked again gets N + its variant number).
    public let fixedSeed: UInt64?
    /// Where `retry`/`practice` came from: the lesson and step to return to once the question settles.
    var practiceReturn: (lesson: Int, step: Int)?
    /// Each lesson's visual results (computed the first time its prose quotes them), keyed by lesson id.
    var visualResults: [String: [String: Value]] = [:]

    public init(course: Course, progress: LearnerProgress, store: ProgressStore?, seed: UInt64? = nil) {
        self.course = course; self.progress = progress; self.store = store; self.saved = progress; self.fixedSeed = seed
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

    /// A lesson named by its number in the list (`open 1`), its id, or a unique start of its id (`open bias`).
    public func resolveLesson(_ name: String) -> Result<Int, LessonLookupError> {
        if let n = Int(name) {
            return course.lessons.indices.contains(n - 1) ? .success(n - 1) : .failure(.noNumber(n, count: course.lessons.count))
        }
        let key = name.lowercased()
        if let i = course.index(of: key) { return .success(i) }
        let matches = course.lessons.indices.filter { course.lessons[$0].id.hasPrefix(key) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.count > 1 { return .failure(.ambiguous(name, matches.map { course.lessons[$0].id })) }
        return .failure(.unknown(name, suggestion: Suggestions.closest(to: key, in: course.lessons.map(\.id))))
    }

    public mutating func open(_ name: String) -> [Display] {
        switch resolveLesson(name) {
        case .failure(let error): return [.failure(error.description)]
        case .success(let i): practiceReturn = nil; return open(index: i)
        }
    }

    mutating func open(index i: Int) -> [Display] {
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

    /// Continues the current lesson; after a finished one, the next unfinished lesson (wrapping round to
    /// the first); when every lesson is finished, says so and points to the exercises.
    public mutating func resume() -> [Display] {
        guard !course.lessons.isEmpty else { return welcome() }
        let unfinished = course.lessons.indices.filter { !progress[lesson: course.lessons[$0].id].completed }
        if let id = progress.currentLesson, let i = course.index(of: id) {
            if !progress[lesson: id].completed { return open(index: i) }
            guard let next = unfinished.first(where: { $0 > i }) ?? unfinished.first else { return courseComplete() }
            return open(index: next)
        }
        return open(index: unfinished.first ?? 0)
    }

    /// Every lesson is done: what next.
    func courseComplete() -> [Display] {
        let open = course.lessons.flatMap { l in
            l.questions.filter { q in progress[lesson: l.id].questions[q.id].map { $0.isSettled && !$0.everSolved } ?? false }
        }.count
        let retry = open > 0 ? " \(open) question\(open == 1 ? " is" : "s are") not solved yet: `retry` asks \(open == 1 ? "it" : "them") again with fresh numbers." : ""
        return [.success("You have finished every lesson."),
                .note("Next come the exercises: `exercises` lists them and `start ID` writes the first one's starter.\(retry)")]
    }

    // MARK: Moving

    public mutating func next() -> [Display] {
        guard let lesson else { return resume() }
        if pendingQuestion != nil {
            return [.note("Answer the question first — or `hint`, `solution`, or `skip` to move on.")]
        }
        if practiceReturn != nil, case .question? = step?.content { return settled() }
        if stepIndex >= lesson.steps.count {
            guard let i = lessonIndex, i + 1 < course.lessons.count else { return resume() }
            return open(index: i + 1)
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
            let done: [Display] = [.success("Lesson “\(lesson.title)” complete (\(solved)/\(lesson.questions.count) questions solved).")]
            if let following { return persist() + done + [.note("Type `next` to start “\(following.title)”.")] }
            let allDone = course.lessons.allSatisfy { progress[lesson: $0.id].completed }
            return persist() + done + (allDone ? courseComplete() : [.note("That was the last lesson; `resume` goes to the first one you have not finished.")])
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
            out.append(.question(label + prompt, choices: instance.shownChoices.enumerated().map { "\(ChoiceLabels.letter($0.offset))) \($0.element)" }))
            if q.kind == .numeric, q.precision == nil { out.append(.note("(tolerance: \(q.tolerance))")) }
            if let how = Self.howToAnswer[q.kind] { out.append(.note(how)) }
            let p = progress[lesson: lesson.id].questions[q.id]
            if let p, p.isSettled {
                out.append(.note("Already \(p.solved ? "solved" : "seen"): the answer is \(Sentence.ending(answerWithPrecision(q, instance))) `next` goes on\(p.solved ? "" : "; `retry` asks it again with fresh numbers")."))
            }
        }
        return out
    }

    func render(_ t: Template, line: Int) -> String? { try? t.render(with: Evaluator()) }

    /// How to type an answer, for the kinds whose form is not obvious.
    static let howToAnswer: [Question.Kind: String] = [
        .order: "(type the letters in the order the steps happen, e.g. c a b d)",
        .select: "(select all that apply: type every right letter, e.g. a c)",
    ]

    /// "0.0436 (to 3 significant figures)" for numbers; the answer text otherwise.
    func answerWithPrecision(_ q: Question, _ instance: QuestionInstance) -> String {
        q.kind == .numeric ? "\(instance.answerText) (\(q.toleranceText))" : instance.answerText
    }

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
            progress[lesson: lesson.id].questions[q.id] = QuestionProgress(seed: seed(lesson.id, q.id, variant: 0))
        }
        guard var p = progress[lesson: lesson.id].questions[q.id] else { return nil }
        if let shared = q.shares, p.sharedSeed == nil {
            // The numbers of the question shared from: its seed as drawn for this learner (a question
            // asked again draws its own shared numbers).
            let other = progress[lesson: lesson.id].questions[shared]?.seed ?? seed(lesson.id, shared, variant: 0)
            p.sharedSeed = p.variant == 0 ? other : p.seed
            progress[lesson: lesson.id].questions[q.id] = p
        }
        guard let i = try? QuestionInstance(q, seed: p.seed, sharedSeed: p.sharedSeed) else { return nil }
        instances[key] = i
        return i
    }

    /// The seed of a question's variant: `--seed N` gives N (+ the variant), else one stable per learner,
    /// lesson, question and variant, kept to 53 bits so JSON round-trips it.
    func seed(_ lesson: String, _ question: String, variant: Int) -> UInt64 {
        if let fixedSeed { return fixedSeed &+ UInt64(variant) }
        let name = variant == 0 ? question : "\(question)#\(variant)"
        return SeededGenerator.seed(learner: progress.learner, lesson: lesson, question: name) & 0x1F_FFFF_FFFF_FFFF
    }

    /// Checks an answer to the question on screen.
    public mutating func answer(_ input: String) -> [Display] {
        guard let lesson, let q = pendingQuestion else {
            return [.note("There is no question waiting for an answer. `next` goes on.")]
        }
        guard let instance = instance(q) else {
            return [.warning("This question cannot be computed (run `optimlab check`); `skip` moves on.")]
        }
        let verdict = AnswerChecker.check(input, instance, mistakes: course.mistakes)
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance.seed)
        let model = modelAnswer(q)
        switch verdict.outcome {
        case .unreadable:
            return [.note(verdict.message)]
        case .close:
            return [.note(verdict.message + " (That cost no try.)")]
        case .correct:
            p.attempts += 1
            p.answers.append(input)
            p.solved = true
            progress[lesson: lesson.id].questions[q.id] = p
            return [.success(verdict.message)] + model + settled()
        case .wrong:
            p.attempts += 1
            p.answers.append(input)
            progress[lesson: lesson.id].questions[q.id] = p
            var out: [Display] = [.failure(verdict.message)]
            // A text answer is graded once: the model answer follows the verdict, so a second try would copy it.
            if q.kind == .text {
                p.revealed = true
                progress[lesson: lesson.id].questions[q.id] = p
                return out + model + [.note("`next` goes on; `retry` asks it again later.")] + persist()
            }
            if p.attempts >= q.attempts {
                out += reveal(q, instance, why: "after \(p.attempts) tries")
            } else {
                out.append(.note(triesLeft(q.attempts - p.attempts, hintsLeft: q.hints.count - p.hintsShown)))
            }
            return out + persist()
        }
    }

    /// "2 tries left. `hint` gives a hint; `solution` shows the answer." (no hint offered when none is left).
    func triesLeft(_ left: Int, hintsLeft: Int) -> String {
        let tries = "\(left) \(left == 1 ? "try" : "tries") left."
        return tries + (hintsLeft > 0 ? " `hint` gives a hint; `solution` shows the answer." : " `solution` shows the answer.")
    }

    /// A text question's model answer, shown after every verdict.
    func modelAnswer(_ q: Question) -> [Display] {
        guard case .rubric(_, let model?) = q.answer else { return [] }
        return [.text("Model answer: " + model.trimmingCharacters(in: { $0.isWhitespace }))]
    }

    /// The question on screen is settled: back to where `retry`/`practice` came from, else the next step.
    mutating func settled() -> [Display] {
        if let back = practiceReturn {
            practiceReturn = nil
            lessonIndex = back.lesson
            progress.currentLesson = course.lessons[back.lesson].id
            return [.note("Back to where you were.")] + move(to: back.step)
        }
        return move(to: stepIndex + 1)
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
        if q.kind == .text {
            out += modelAnswer(q)
            if modelAnswer(q).isEmpty { out.append(.note("The key ideas: \(Sentence.ending(instance.answerText))")) }
            out.append(.note("`next` goes on; `retry` asks it again later."))
        } else {
            out.append(.note("The answer: \(Sentence.ending(answerWithPrecision(q, instance))) `next` goes on; `retry` asks it again later with fresh numbers."))
        }
        return out
    }

    public mutating func skip() -> [Display] {
        guard let lesson, let q = pendingQuestion else { return next() }
        // A question that cannot be computed is skipped too (its screen says `skip` moves on).
        let instance = instance(q)
        var p = progress[lesson: lesson.id].questions[q.id] ?? QuestionProgress(seed: instance?.seed ?? 0)
        p.skipped = true
        progress[lesson: lesson.id].questions[q.id] = p
        return [.note(instance.map { "Skipped. The answer was \(Sentence.ending(answerWithPrecision(q, $0)))" } ?? "Skipped.")] + settled()
    }

    // MARK: Practising again

    /// Asks again, with fresh numbers, the question on screen if it was not solved, else the first
    /// question of the open lesson (then of the course) answered wrongly, skipped or revealed.
    public mutating func retry() -> [Display] {
        if let lesson, case .question(let q)? = step?.content, let p = progress[lesson: lesson.id].questions[q.id], p.isSettled, !p.solved {
            return practice(lessonIndex!, q)
        }
        let order = (lessonIndex.map { [$0] } ?? []) + course.lessons.indices.filter { $0 != lessonIndex }
        for i in order {
            let l = course.lessons[i]
            if let q = l.questions.first(where: { q in progress[lesson: l.id].questions[q.id].map { $0.isSettled && !$0.solved } ?? false }) {
                return practice(i, q)
            }
        }
        return [.note("Nothing to retry: every question you have answered is solved. `practice ID` asks any question again.")]
    }

    /// `practice ID` (a question of the open lesson) or `practice LESSON/ID`.
    public mutating func practice(_ name: String) -> [Display] {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        let lessonPart: Int?
        if parts.count == 2 {
            switch resolveLesson(parts[0]) {
            case .failure(let error): return [.failure(error.description)]
            case .success(let i): lessonPart = i
            }
        } else { lessonPart = lessonIndex }
        guard let li = lessonPart else { return [.note("Open a lesson first, or name the question as LESSON/ID (e.g. adam/first-update).")] }
        let l = course.lessons[li]
        let id = parts.last ?? name
        guard let q = l.question(id) else {
            let hint = Suggestions.closest(to: id, in: l.questions.map(\.id)).map { " Did you mean \($0)?" } ?? ""
            return [.failure("No question '\(id)' in \(l.id).\(hint) Its questions: \(l.questions.map(\.id).joined(separator: ", ")).")]
        }
        return practice(li, q)
    }

    /// Files the question's current attempt in its history, draws a new variant and shows it; once it
    /// settles, the learner is taken back to where they were.
    mutating func practice(_ li: Int, _ q: Question) -> [Display] {
        let l = course.lessons[li]
        guard let stepOfQuestion = l.steps.firstIndex(where: { if case .question(let other) = $0.content { other.id == q.id } else { false } }) else { return [] }
        if practiceReturn == nil, let current = lessonIndex, !(current == li && stepIndex == stepOfQuestion) {
            practiceReturn = (current, stepIndex)
        }
        var p = progress[lesson: l.id].questions[q.id] ?? QuestionProgress(seed: seed(l.id, q.id, variant: 0))
        if p.attempts > 0 || p.isSettled || p.hintsShown > 0 {
            p.startVariant(seed: seed(l.id, q.id, variant: p.variant + 1))
        }
        if q.shares != nil { p.sharedSeed = p.seed }
        progress[lesson: l.id].questions[q.id] = p
        instances["\(l.id)/\(q.id)"] = nil
        lessonIndex = li
        progress.currentLesson = l.id
        progress[lesson: l.id].step = stepOfQuestion
        let fresh = q.isRandomised ? " with fresh numbers" : ""
        return [.note("Again\(fresh) (attempt \(p.variant + 1)):")] + persist() + show()
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

    /// Evaluates a calculator expression. While a question waits for its answer, only arithmetic and
    /// the elementary functions are offered (unless the question says `calc: full`), so the calculator
    /// never computes the answer for the learner.
    public func calculate(_ text: String) -> [Display] {
        var ev = Evaluator()
        if let q = pendingQuestion, q.calculator == .elementary { ev.categories = [.math] }
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
