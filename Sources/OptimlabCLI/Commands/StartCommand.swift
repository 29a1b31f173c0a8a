import ArgumentParser

/// `optimlab start NAME`: writes the starter to the working folder (never over the learner's file).
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Write an exercise's starter file into your working folder and say what to do next.")

    @Argument(help: "The exercise id (see `optimlab exercises`).")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let displays = try options.session { loop, progress throws(CLIError) in try loop.start(name, &progress) }
        options.show(displays)
    }
}
