import ArgumentParser

/// The `optimlab` command. With no subcommand it opens the lesson REPL.
///
/// Each subcommand lives in its own file under `Commands/`; register it in `subcommands` below.
public struct Optimlab: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "optimlab",
        abstract: "Learn adaptive optimizers in the terminal, and grade AdamW implementations.",
        version: "0.1.0",
        subcommands: [
            TraceCommand.self,
            GradeCommand.self,
            NewExerciseCommand.self,
        ]
    )

    public init() {}

    public func run() throws {
        print("optimlab: the lesson REPL is not built yet; try `optimlab --help`.")
    }
}
