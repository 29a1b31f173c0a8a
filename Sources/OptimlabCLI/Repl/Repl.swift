import OptimlabCourseware

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
    var exercises = ExerciseLoop(workspace: Workspace(root: Workspace.defaultRoot), catalog: ExerciseCatalog())

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
        case .rerun(let id, let rest): show(session.rerun(id, rest))
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
    mutating func show(_ displays: [Display]) {
        terminal = WindowResize.refreshed(terminal)
        for d in displays {
            switch d {
            case .text, .table, .question, .section, .visual: write("")
            default: break
            }
            write(DisplayRenderer.render(d, terminal: terminal))
        }
    }

    func refreshCompletion() {
        let lessons = session.course.lessons.map(\.id)
        let examples = session.lesson?.examples.map(\.id) ?? []
        completionWords.withLock { $0.lessons = lessons; $0.examples = examples }
    }
}
