import ArgumentParser
import Foundation
import OptimlabCourseware

/// `--progress` (the root command's, in ``CourseOptions``, so either position reaches it) and
/// `--work`, shared by the exercise commands.
struct ExerciseOptions: ParsableArguments {
    @OptionGroup var course: CourseOptions

    @Option(help: "The working folder for your exercise files (default: ./optimlab-work).")
    var work: String = Workspace.defaultRoot

    var store: ProgressStore { ProgressStore(path: course.progress ?? ProgressStore.defaultPath()) }

    /// Loads the progress, lets `body` use and change it, saves it and prints what `body` showed.
    func session<T>(_ body: (inout ExerciseLoop, inout LearnerProgress) throws(CLIError) -> T) throws -> T {
        let store = self.store
        var loaded: (progress: LearnerProgress, warning: String?)
        do { loaded = try store.load() } catch { throw CLIError.input(error.description) }
        let terminal = Terminal.detect()
        if let warning = loaded.warning { show([.warning(warning)], terminal: terminal) }
        var loop = ExerciseLoop(workspace: Workspace(root: work))
        let base = loaded.progress
        let result = try body(&loop, &loaded.progress)
        do { try store.save(loaded.progress, since: base) } catch { throw CLIError.input(error.description) }
        return result
    }

    func show(_ displays: [Display], terminal: Terminal = Terminal.detect()) {
        for d in displays { print(DisplayRenderer.render(d, terminal: terminal)) }
        fflush(nil)
    }
}
