import ArgumentParser

/// The `optimlab` command. With no subcommand it opens the lesson REPL.
///
/// Each subcommand lives in its own file under `Commands/`; register it in `subcommands` below.
public struct Optimlab: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "optimlab",
        abstract: "Learn adaptive optimizers in the terminal, and grade AdamW implementations.",
        discussion: """
            With no subcommand, opens the lesson REPL (type `help` inside it). --content DIR (or $OPTIMLAB_CONTENT), \
            before the subcommand or after the ones that read the course, is a course folder whose lessons/ and \
            exercises/ add to or replace the built-in ones.
            """,
        version: "0.1.0",
        subcommands: [
            TraceCommand.self,
            CheckCommand.self,
            LessonsCommand.self,
            PlotCommand.self,
            ExperimentCommand.self,
            GradeCommand.self,
            NewExerciseCommand.self,
            ExercisesCommand.self, StartCommand.self, WatchCommand.self, HintCommand.self, ResetCommand.self, SolutionCommand.self,
        ]
    )

    @OptionGroup var course: CourseOptions

    public init() {}

    public func run() throws {
        try ReplLauncher.run(source: course.source())
    }
}
