import ArgumentParser
import Foundation

/// `optimlab reset NAME [--yes]`: puts the starter back over the learner's file, after asking.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restore an exercise's starter file (asks first; your edits are lost).")

    @Argument(help: "The exercise id.")
    var name: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @OptionGroup var options: ExerciseOptions

    func run() throws {
        let exercise = try options.source.exercises.load(name)
        let path = Workspace(root: options.work).file(for: exercise)
        if !yes, FileManager.default.fileExists(atPath: path) {
            print("Replace \(path) with the starter? Your edits are lost. [y/N] ", terminator: "")
            fflush(nil)
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                print("Left as it is.")
                return
            }
        }
        let displays = try options.session { loop, progress throws(CLIError) in try loop.reset(name, &progress) }
        options.show(displays)
    }
}
