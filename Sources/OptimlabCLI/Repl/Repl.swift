import OptimlabCourseware
import OptimlabEngine
import OptimlabYAML

/// The lesson REPL: reads a line, classifies it (``ReplCommand``), asks the session, renders what it
/// says. Input and output are injected, so tests drive it with a script and read the transcript.
struct Repl {
    var session: LessonSession
    var reader: any LineReader
    /// What the output can show; its width follows the window (``WindowResize``).
    var terminal: Terminal
    /// Whether to show a prompt (a terminal); piped input gets none.
    let interactive: Bool
    let write: (String) -> Void
    /// The exercise loop; its files go to ./optimlab-work like the `start` command's.
    var exercises: ExerciseLoop = {
        var loop = ExerciseLoop(workspace: Workspace(root: Workspace.defaultRoot), catalog: ExerciseCatalog())
        loop.inREPL = true
        return loop
    }()

    init(session: LessonSession, reader: any LineReader, terminal: Terminal, interactive: Bool, write: @escaping (String) -> Void) {
        self.session = session; self.reader = reader; self.terminal = terminal
        self.interactive = interactive; self.write = write
    }

    mutating func run() {
        if terminal.isTTY { WindowResize.install() }
        let exerciseIDs = exercises.catalog.ids
        completionWords.withLock { $0.exercises = exerciseIDs }
        show(session.welcome())
        loop: while true {
            refreshCompletion()
            let awaiting = session.pendingQuestion != nil
            let prompt = interactive ? promptText(awaiting: awaiting) : ""
            switch reader.read(prompt: prompt) {
            case .end:
                if interactive { write("") }
                break loop
            case .interrupted:
                continue
            case .line(let line):
                terminal = WindowResize.refreshed(terminal)      // the window may have been resized while reading
                if !handle(ReplCommand.parse(line, awaitingAnswer: awaiting)) { break loop }
            }
        }
        reader.finish()
        write(terminal.styled("Progress saved. Bye.", .dim))
    }

    /// Runs one command; false means quit.
    mutating func handle(_ command: ReplCommand) -> Bool {
        switch command {
        case .quit: return false
        case .empty:
            if session.pendingQuestion != nil { show([.note("Type your answer — or `hint`, `solution`, `skip`.")]) }
            else if session.lesson != nil { show(session.next()) }
        case .lessons: show(session.lessonList())
        case .open(let id): show(session.open(id))
        case .resume: show(session.resume())
        case .next: show(session.next())
        case .back: show(session.back())
        case .hint: show(session.hint())
        case .solution: show(session.solution())
        case .skip: show(session.skip())
        case .retry: show(session.retry())
        case .practice(let id): show(session.practice(id))
        case .rerun(let id, let rest):
            if let lesson = session.lesson, let block = LessonVisuals.block(id, in: lesson) { rerunVisual(block, rest) }
            else { show(session.rerun(id, rest)) }
        case .tweak(let id): tweak(id)
        case .calc(let text), .expression(let text): show(session.calculate(text))
        case .answer(let text): show(session.answer(text))
        case .exercises, .start, .grade, .exerciseHint, .exerciseSolution, .reset: handleExercise(command)
        case .help: write(HelpText.commands(terminal: terminal))
        case .helpFunctions: write(HelpText.functions(terminal: terminal))
        case .usage(let word):
            let line = HelpText.commandLines.first { $0.0.hasPrefix(word + " ") }
            show([.note("Usage: \(line.map { "\($0.0) — \($0.1)" } ?? word)")])
        case .unknown(let word):
            let hint = closestCommand(word).map { " Did you mean `\($0)`?" } ?? ""
            show([.failure("Unknown command '\(word)'.\(hint) `help` lists the commands.")])
        }
        return true
    }

    /// Runs an exercise command on the session's own progress (one file for lessons and exercises).
    mutating func handleExercise(_ command: ReplCommand) {
        if case .reset(let id) = command {
            guard case .line(let answer) = reader.read(prompt: "Replace your \(id) file with the starter? [y/N] "),
                  ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                show([.note("Left as it is.")])
                return
            }
        }
        var loop = exercises
        let (result, warnings) = session.updateProgress { progress -> Result<[Display], CLIError> in
            do throws(CLIError) {
                switch command {
                case .exercises: return .success(loop.list(progress))
                case .start(let id): return .success(try loop.start(id, &progress))
                case .grade(let id):
                    guard let id = id ?? loop.current(progress) else { return .success([.success("Every exercise passes.")]) }
                    return .success(try loop.grade(id, &progress).displays)
                case .exerciseHint(let id): return .success(try loop.hint(id, &progress))
                case .exerciseSolution(let id): return .success(try loop.solution(id, progress))
                case .reset(let id): return .success(try loop.reset(id, &progress))
                default: return .success([])
                }
            } catch {
                return .failure(error)
            }
        }
        exercises = loop
        switch result {
        case .success(let displays): show(displays + warnings)
        case .failure(let error): show([.failure(error.description)] + warnings)
        }
    }

    func closestCommand(_ word: String) -> String? {
        Suggestions.closest(to: word.lowercased(), in: ReplCommand.words)
    }

    func promptText(awaiting: Bool) -> String {
        let place = session.location.isEmpty ? "optimlab" : "optimlab \(session.location)"
        return place + (awaiting ? " answer> " : "> ")
    }

    /// Renders each item; prose, tables and questions get a blank line before them so steps read apart.
    /// A lesson plot is followed by how to open it with sliders.
    func show(_ displays: [Display]) {
        for d in displays {
            switch d {
            case .text, .table, .question, .section, .visual: write("")
            default: break
            }
            write(DisplayRenderer.render(d, terminal: terminal))
            if case .visual(let figure) = d, let lesson = session.lesson, let id = LessonVisuals.id(of: figure, in: lesson) {
                write(DisplayRenderer.render(.note("`tweak \(id)` opens it with sliders; `rerun \(id) name=value …` redraws it with your values."), terminal: terminal))
            }
        }
    }

    func refreshCompletion() {
        let lessons = session.course.lessons.map(\.id)
        let examples = session.lesson?.examples.map(\.id) ?? []
        let plots = session.lesson.map { LessonVisuals.blocks(of: $0).map(\.id) } ?? []
        completionWords.withLock { $0.lessons = lessons; $0.examples = examples; $0.plots = plots }
    }

    // MARK: lesson plots

    /// `rerun plot-N name=value …`: the block redrawn with the learner's values.
    func rerunVisual(_ block: LessonVisuals.Block, _ assignments: String) {
        do throws(ProblemError) {
            var request = block.block.request
            if !assignments.isEmpty { request = try request.overriding(assignments) }
            write("")
            write(try request.compute().report().text(terminal: terminal))
        } catch {
            show([.failure("rerun \(block.id): \(error.message)")])
        }
    }

    /// `tweak plot-N`: the block full-screen with sliders (or, without a terminal, drawn as it is).
    func tweak(_ id: String) {
        guard let lesson = session.lesson else { show([.note("Open a lesson first; `tweak` opens one of its plots.")]); return }
        guard let block = LessonVisuals.block(id, in: lesson) else {
            let ids = LessonVisuals.blocks(of: lesson).map(\.id)
            show([.failure(ids.isEmpty ? "This lesson has no plots." : "No \(id) here; this lesson's plots are \(ids.joined(separator: ", ")).")])
            return
        }
        let obstacle = interactive ? InteractiveLauncher.obstacle(flag: "tweak", ascii: !terminal.unicode)
            : InteractiveLauncher.note(flag: "tweak", reason: "the REPL is not reading from a terminal")
        if let note = obstacle {
            show([.note(note)])
            rerunVisual(block, "")
            return
        }
        let style = InteractiveLauncher.style
        switch block.block.request {
        case .schedule(let r): var v = ScheduleView(request: r, terminal: style); InteractiveLauncher.run(&v)
        case .trajectory(let r): var v = TrajectoryView(request: r, terminal: style); InteractiveLauncher.run(&v)
        case .experiment(let r): var v = ExperimentView(request: r, terminal: style); InteractiveLauncher.run(&v)
        }
    }
}
