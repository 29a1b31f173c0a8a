import ArgumentParser

/// `optimlab hint NAME`: the exercise's next hint (the count is kept in the progress file).
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show the next hint of an exercise, one more each time.")

    @Argument(help: "The exercise id.")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let displays = try options.session { loop, progress throws(CLIError) in try loop.hint(name, &progress) }
        options.show(displays)
    }
}
