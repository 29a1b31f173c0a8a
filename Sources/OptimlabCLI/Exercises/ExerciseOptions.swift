import ArgumentParser
import Foundation
import OptimlabCourseware

/// `--content` and `--progress` (the root command's, in ``CourseOptions``, so either position reaches
/// them) and `--work`, shared by the exercise commands.
struct ExerciseOptions: ParsableArguments {
    @OptionGroup var course: CourseOptions

    @Option(help: "The working folder for your exercise files (default: ./optimlab-work).")
    var work: String = Workspace.defaultRoot

    /// The run's course (exercises and progress file), from the options and the environment. Built
    /// anew on each read: a command reads it once and passes it on.
    var source: CourseSource { course.source() }

    /// The exercise loop over this run's exercises and working folder.
    func loop(_ source: CourseSource? = nil) -> ExerciseLoop {
        ExerciseLoop(workspace: Workspace(root: work), catalog: (source ?? self.source).exercises)
    }

    /// Loads the progress, lets `body` use and change it, saves it and prints what `body` showed.
    func session<T>(_ body: (inout ExerciseLoop, inout LearnerProgress) throws(CLIError) -> T) throws -> T {
        let source = self.source
        let store = ProgressStore(path: source.progressPath)
        var loaded: (progress: LearnerProgress, warning: String?)
        do { loaded = try store.load() } catch { throw CLIError.input(error.description) }
        let terminal = Terminal.detect()
        if let warning = loaded.warning { show([.warning(warning)], terminal: terminal) }
        var loop = self.loop(source)
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
