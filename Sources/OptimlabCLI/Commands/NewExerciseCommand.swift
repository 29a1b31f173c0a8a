import ArgumentParser
import Foundation
import OptimlabGrader

/// `optimlab new-exercise NAME`: scaffolds `exercises/NAME/` with an exercise.yaml, a starter that
/// compiles and fails, and a solution that passes (for the chosen harness), ready for `optimlab check`.
struct NewExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-exercise",
        abstract: "Create a new exercise folder from a template.")

    @Argument(help: "The exercise id (folder name): lowercase letters, digits and dashes.")
    var name: String

    @Option(help: "The harness (API) the student implements.")
    var harness: HarnessKind = .adamw

    @Option(help: "The folder exercises live in.")
    var root: String = "exercises"

    func run() throws {
        guard name.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw CLIError.usage("exercise ids use lowercase letters, digits and dashes: \"\(name)\"")
        }
        let kind = harness
        let dir = "\(root)/\(name)"
        guard !FileManager.default.fileExists(atPath: dir) else { throw CLIError.usage("\(dir) already exists") }
        let scaffold = ExerciseScaffold(id: name, harness: kind, template: Self.template(for: kind, in: root))
        do {
            for (path, text) in scaffold.files {
                let full = "\(dir)/\(path)"
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: full, atomically: true, encoding: .utf8)
            }
        } catch {
            throw CLIError.input("cannot create \(dir): \(error.localizedDescription)")
        }
        print("Created \(dir)/ (exercise.yaml, starter/, solution/). Edit them, then run `optimlab check \(dir)`.")
    }

    /// The starter and solution of the first exercise in `root` with this harness (sorted by id), else
    /// of the built-in exercise with this harness.
    static func template(for kind: HarnessKind, in root: String) -> (starter: String, solution: String)? {
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        let local = ids.map { "\(root)/\($0)" }
        for dir in local + BuiltInExercises.ids.compactMap(BuiltInExercises.directory(for:)) {
            guard let e = try? ExerciseLoader.load(directory: dir), e.harness == kind,
                  let starter = e.starterPath.flatMap({ try? String(contentsOfFile: $0, encoding: .utf8) }),
                  let solution = e.solutionPath.flatMap({ try? String(contentsOfFile: $0, encoding: .utf8) }) else { continue }
            return (starter, solution)
        }
        return nil
    }
}
