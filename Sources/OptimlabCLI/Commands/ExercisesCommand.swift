import ArgumentParser

/// `optimlab exercises`: every exercise with the learner's status.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the exercises with your status (not started, in progress, passed).")

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let displays = try options.session { loop, progress throws(CLIError) in loop.list(progress) }
        options.show(displays)
    }
}
