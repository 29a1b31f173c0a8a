import Foundation
import OptimlabCourseware
#if canImport(Glibc)
import Glibc
#endif

/// Starts the REPL: finds the lessons, loads the progress (refusing a newer file, moving a corrupt one
/// aside), picks readline on a terminal and plain lines otherwise.
enum ReplLauncher {
    static func run(source: CourseSource) throws {
        let terminal = Terminal.detect()
        let directory = source.lessonsDirectory
        let course = source.loadCourse().course
        let store = ProgressStore(path: source.progressPath)
        let loaded: (progress: LearnerProgress, warning: String?)
        do { loaded = try store.load() } catch { throw CLIError.input(error.description) }
        // Flush every line: a pipe would otherwise hold the transcript until exit.
        let write: (String) -> Void = { print($0); fflush(nil) }
        if let warning = loaded.warning { write(DisplayRenderer.render(.warning(warning), terminal: terminal)) }
        if !course.diagnostics.isEmpty {
            write(DisplayRenderer.render(.warning("\(course.diagnostics.count) problem(s) in \(directory); `optimlab check \(directory)` lists them."), terminal: terminal))
        }
        let interactive = isatty(STDIN_FILENO) == 1
        let reader: any LineReader = interactive
            ? ReadlineReader(historyPath: source.stateDirectory + "/history")
            : PlainLineReader()
        if interactive { try? FileManager.default.createDirectory(atPath: source.stateDirectory, withIntermediateDirectories: true) }
        var repl = Repl(session: LessonSession(course: course, progress: loaded.progress, store: store),
                        reader: reader, terminal: terminal, interactive: interactive, write: write)
        repl.exercises = ExerciseLoop(workspace: Workspace(root: Workspace.defaultRoot), catalog: source.exercises)
        repl.run()
    }
}
