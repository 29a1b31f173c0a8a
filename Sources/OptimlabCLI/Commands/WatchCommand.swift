import ArgumentParser
import Foundation
import OptimlabCourseware

/// `optimlab watch [NAME]`: grades the exercise file on every save and shows a short verdict; on a
/// pass, moves on to the next exercise. `q` or Ctrl-C leaves.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-grade an exercise whenever you save its file; move on when it passes.",
        discussion: "Without NAME, the first exercise you have not passed. Press q (or Ctrl-C) to leave.")

    @Argument(help: "The exercise id (default: the first one not passed).")
    var name: String?

    @Option(help: "How often to look at the file, in milliseconds.")
    var interval: Int = 200

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        guard (20...5000).contains(interval) else { throw CLIError.usage("--interval must be between 20 and 5000 ms") }
        let source = options.source
        let store = ProgressStore(path: source.progressPath)
        var progress: LearnerProgress
        do { progress = try store.load().progress } catch { throw CLIError.input(error.description) }
        var watch = ExerciseWatch(loop: options.loop(source), store: store,
                                  terminal: Terminal.detect(), interval: Int32(interval), saved: progress)
        try watch.run(start: name, progress: &progress)
    }
}
