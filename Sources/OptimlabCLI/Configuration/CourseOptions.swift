import ArgumentParser
import Foundation

/// `--lessons`, `--content` and `--progress`, shared by the root command (the REPL) and the commands
/// that read the course (`lessons`, `check`, `grade`, the exercise commands), so either position on the
/// command line reaches the command that runs. ``source(environment:)`` turns them into the one
/// ``CourseSource`` the command passes down.
struct CourseOptions: ParsableArguments {
    @Option(help: "The lessons directory (default: $OPTIMLAB_LESSONS, else ./lessons, else the package's, else the built-in lessons).")
    var lessons: String?

    @Option(help: ArgumentHelp(
        "A course folder whose lessons/ and exercises/ add to or replace the built-in ones (default: $OPTIMLAB_CONTENT).",
        valueName: "dir"))
    var content: String?

    @Option(help: "The progress file (default: $XDG_STATE_HOME/optimlab/progress.json).")
    var progress: String?

    func validate() throws {
        if let content, !CourseSource.isDirectory(content) { throw ValidationError("--content \(content): no such folder") }
    }

    /// The course this run reads, from these options and `environment` (the one place it is read).
    func source(environment: [String: String] = ProcessInfo.processInfo.environment) -> CourseSource {
        CourseSource(options: self, environment: environment)
    }
}
