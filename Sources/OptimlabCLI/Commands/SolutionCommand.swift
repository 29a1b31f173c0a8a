import ArgumentParser

/// `optimlab solution NAME`: the reference solution, shown only after the learner's code passed.
struct SolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Show an exercise's reference solution (once your code has passed).")

    @Argument(help: "The exercise id.")
    var name: String

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let displays = try options.session { loop, progress throws(CLIError) in try loop.solution(name, progress) }
        options.show(displays)
    }
}
