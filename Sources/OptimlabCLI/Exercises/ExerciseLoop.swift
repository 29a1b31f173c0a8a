import Foundation
import OptimlabCourseware
import OptimlabGrader

/// The student's loop around exercises (list, start, grade, hint, solution, reset), shared by the
/// commands and the REPL. It never owns the progress: each call changes the caller's copy, which
/// the caller saves, so lessons and exercises live in one progress file without lost updates.
struct ExerciseLoop {
    var catalog = ExerciseCatalog()
    var workspace: Workspace
    /// Graders by exercise id: finding the compiler and the harness library costs a process each.
    private var graders: [String: Grader] = [:]
    /// Whether the loop runs inside the REPL, where `watch` is not a command: the notes then name
    /// the REPL's own `grade ID`.
    var inREPL = false

    init(workspace: Workspace, catalog: ExerciseCatalog) {
        self.workspace = workspace; self.catalog = catalog
    }

    /// Every exercise with its status, title and file.
    func list(_ progress: LearnerProgress) -> [Display] {
        var table = Table(columns: ["#", "id", "status", "title", "file"].map { Table.Column(key: $0, title: $0) })
        for (i, id) in catalog.ids.enumerated() {
            let exercise = try? catalog.load(id)
            let title = exercise?.title ?? "(cannot be loaded: `optimlab check` tells why)"
            let status = progress.exercises[id]?.status ?? .notStarted
            let file = exercise.map(workspace.file(for:)) ?? ""
            table.append(cells: [.text("\(i + 1)"), .text(id), .text(status.rawValue), .text(title),
                                 .text(status == .notStarted ? "" : file)])
        }
        return [.table(table, caption: "Exercises"),
                .note(inREPL ? "`start ID` begins one; `grade ID` grades your file." : "`optimlab start ID` begins one; `optimlab watch` grades as you save.")]
    }

    /// Writes the starter (keeping an existing file) and says what to do next.
    func start(_ name: String, _ progress: inout LearnerProgress) throws(CLIError) -> [Display] {
        let exercise = try catalog.load(name)
        let written = try workspace.start(exercise)
        _ = progress.exercise(exercise.id)
        progress.exercises[exercise.id]?.started = true
        let path = workspace.file(for: exercise)
        var out: [Display] = [.section(exercise.title), .text(exercise.instructions.trimmingTrailingNewlines())]
        if !exercise.api.isEmpty { out.append(.text("```\n\(exercise.api.trimmingTrailingNewlines())\n```")) }
        out.append(written == .created ? .success("Wrote the starter to \(path).")
                   : .note("\(path) already exists; it is left as it is (`optimlab reset \(exercise.id)` restores the starter)."))
        out.append(.note(inREPL ? "Next: edit \(path), then `grade \(exercise.id)` here (or `\(gradeCommand(exercise))` in a shell)."
                         : "Next: edit \(path), then `optimlab watch \(exercise.id)` re-grades on every save (or `\(gradeCommand(exercise))`)."))
        return out
    }

    /// The shell command that grades the learner's file, as it works when typed: the exercise by id
    /// when the catalog finds it without help, with `--content DIR` when it came from a course folder,
    /// by its folder otherwise.
    func gradeCommand(_ exercise: Exercise, seed: UInt64? = nil) -> String {
        var command = "optimlab grade \(workspace.file(for: exercise)) --exercise "
        let dir = exercise.directory ?? ""
        if let content = catalog.content, dir.hasPrefix(content + "/exercises/") {
            command += "\(exercise.id) --content \(content)"
        } else if dir.hasPrefix(BuiltInExercises.cacheRoot().path) || dir == "\(catalog.exercisesDirectory)/\(exercise.id)" {
            command += exercise.id
        } else {
            command += dir.isEmpty ? exercise.id : dir
        }
        return command + (seed.map { " --seed \($0)" } ?? "")
    }

    /// The next hint, remembered in the progress.
    func hint(_ name: String, _ progress: inout LearnerProgress) throws(CLIError) -> [Display] {
        let exercise = try catalog.load(name)
        let record = progress.exercise(exercise.id)
        // The mistake the last grading found picks its hint first.
        let hints = exercise.hints(after: record.lastMistake)
        let shown = record.hintsShown
        guard shown < hints.count else {
            return [.note(hints.isEmpty ? "\(exercise.id) has no hints." : "No more hints (all \(hints.count) shown).")]
        }
        progress.exercises[exercise.id]?.hintsShown = shown + 1
        let about = shown == 0 && hints.count > exercise.hints.count ? " (for \(record.lastMistake ?? ""), what your last grading found)" : ""
        return [.note("Hint \(shown + 1)/\(hints.count)\(about): \(hints[shown])")]
    }

    /// The reference solution, only once the learner's own code has passed.
    func solution(_ name: String, _ progress: LearnerProgress) throws(CLIError) -> [Display] {
        let exercise = try catalog.load(name)
        guard progress.exercises[exercise.id]?.passed == true else {
            return [.note("The reference solution of \(exercise.id) opens once your code passes. `optimlab hint \(exercise.id)` helps meanwhile.")]
        }
        guard let path = exercise.solutionPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .input("\(exercise.id): the exercise has no readable solution file")
        }
        return [.section("Reference solution of \(exercise.id)"), .text("```\n\(text.trimmingTrailingNewlines())\n```")]
    }

    /// Restores the starter (the caller has asked for confirmation).
    func reset(_ name: String, _ progress: inout LearnerProgress) throws(CLIError) -> [Display] {
        let exercise = try catalog.load(name)
        try workspace.reset(exercise)
        _ = progress.exercise(exercise.id)
        progress.exercises[exercise.id]?.started = true
        return [.success("\(workspace.file(for: exercise)) is the starter again.")]
    }

    /// Grades the learner's file with their seed and records the verdict.
    mutating func grade(_ name: String, _ progress: inout LearnerProgress) throws(CLIError) -> (report: SubmissionReport, displays: [Display]) {
        let exercise = try catalog.load(name)
        let path = workspace.file(for: exercise)
        guard FileManager.default.fileExists(atPath: path) else {
            throw .usage("\(path) does not exist yet: `optimlab start \(exercise.id)` writes the starter")
        }
        let seed = progress.exercise(exercise.id).seed
        let grader = try self.grader(for: exercise, seed: seed)
        let report = grader.grade(path)
        var record = progress.exercise(exercise.id)
        record.started = true
        record.gradings += 1
        record.lastVerdict = report.status.rawValue
        let mistake = report.cases.first { $0.status != .passed }?.diagnosis?.name
        if mistake != record.lastMistake, exercise.hints(after: mistake) != exercise.hints(after: record.lastMistake) {
            record.hintsShown = 0        // a new diagnosis: its hint comes first again
        }
        record.lastMistake = mistake
        if report.passed { record.passed = true }
        progress.exercises[exercise.id] = record
        return (report, ExerciseVerdict.displays(report, exercise: exercise, replay: gradeCommand(exercise, seed: seed)))
    }

    mutating func grader(for exercise: Exercise, seed: UInt64) throws(CLIError) -> Grader {
        if let g = graders[exercise.id], g.seed == seed { return g }
        switch Grader.prepare(exercise: exercise, seed: seed) {
        case .success(let g): graders[exercise.id] = g; return g
        case .failure(let e): throw .input(e.message)
        }
    }

    /// The exercise to work on: the first one not passed, nil when all are.
    func current(_ progress: LearnerProgress) -> String? {
        catalog.ids.first { progress.exercises[$0]?.passed != true }
    }

    /// The first exercise after `id` that is not passed yet.
    func next(after id: String, _ progress: LearnerProgress) -> String? {
        let ids = catalog.ids
        guard let i = ids.firstIndex(of: id) else { return current(progress) }
        return (ids[(i + 1)...] + ids[..<i]).first { progress.exercises[$0]?.passed != true }
    }
}
