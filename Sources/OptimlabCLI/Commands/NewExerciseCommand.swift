import ArgumentParser
import Foundation
import OptimlabEngine
import OptimlabGrader

/// `optimlab new-exercise NAME`: scaffolds `exercises/NAME/` with an exercise.yaml, a starter that
/// compiles and fails, and a solution that passes (for the chosen harness), ready for `optimlab check`.
struct NewExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-exercise",
        abstract: "Create a new exercise folder from a template.")

    @Argument(help: "The exercise id (folder name): lowercase letters, digits and dashes.")
    var name: String

    @Option(help: "What the engine computes the reference with: an optimizer, a schedule, or clip_grad_norm.")
    var reference: ReferenceName = ReferenceName(name: "adamw")

    @Option(help: "The folder exercises live in.")
    var root: String = "exercises"

    func run() throws {
        guard name.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw CLIError.usage("exercise ids use lowercase letters, digits and dashes: \"\(name)\"")
        }
        let dir = "\(root)/\(name)"
        guard !FileManager.default.fileExists(atPath: dir) else { throw CLIError.usage("\(dir) already exists") }
        let scaffold = ExerciseScaffold(id: name, reference: reference.name, template: Self.template(for: reference.name, in: root))
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

    /// The files of the first exercise in `root` whose reference is exactly `reference` (sorted by id),
    /// else of such a built-in exercise.
    static func template(for reference: String, in root: String) -> [(path: String, text: String)]? {
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        let local = ids.map { "\(root)/\($0)" }
        for dir in local + BuiltInExercises.ids.compactMap({ try? BuiltInExercises.directory(for: $0) }) {
            guard let e = try? ExerciseLoader.load(directory: dir), e.reference.name == reference else { continue }
            let walker = FileManager.default.enumerator(atPath: dir)
            var files: [(path: String, text: String)] = []
            while let path = walker?.nextObject() as? String {
                if let text = try? String(contentsOfFile: "\(dir)/\(path)", encoding: .utf8) { files.append((path, text)) }
            }
            return files.sorted { $0.path < $1.path }
        }
        return nil
    }
}
