import Foundation
import OptimlabCourseware
import OptimlabGrader

/// Where exercises come from, first match wins: the course folder (`--content`), then
/// `$OPTIMLAB_EXERCISES` (or `./exercises`), then the exercises built into the binary. Built from the
/// run's ``CourseSource`` (``CourseSource/exercises``).
struct ExerciseCatalog: Sendable {
    /// The course folder, whose `exercises/` is searched first.
    var content: String?
    /// The exercises folder searched next.
    var exercisesDirectory = "exercises"
    /// The course's words for the engine's mistakes, which diagnoses quote.
    var mistakes: MistakeCatalogue = .builtIn

    /// The folders searched by id, in priority order.
    var roots: [String] { (content.map { [$0 + "/exercises"] } ?? []) + [exercisesDirectory] }

    /// Every exercise id, in course order: built-in ones first (sorted), then the others (sorted).
    var ids: [String] {
        let builtIn = BuiltInExercises.ids
        let fm = FileManager.default
        let extra = roots.flatMap { root in
            ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { fm.fileExists(atPath: "\(root)/\($0)/exercise.yaml") }
        }
        return builtIn + Set(extra).subtracting(builtIn).sorted()
    }

    /// The folder of exercise `name` (an id, or a folder holding exercise.yaml).
    func directory(for name: String) throws(CLIError) -> String? {
        let fm = FileManager.default
        // A folder holding an exercise, or a path (with a slash) the loader will report on; a bare
        // name is an id even when the current folder has a subfolder of that name (./optimlab-work/adamw).
        if fm.fileExists(atPath: "\(name)/exercise.yaml") || (name.contains("/") && CourseSource.isDirectory(name)) { return name }
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        for root in roots where fm.fileExists(atPath: "\(root)/\(name)/exercise.yaml") { return "\(root)/\(name)" }
        return try BuiltInExercises.directory(for: name)
    }

    /// Loads exercise `name`; a usage error names the known ids, a malformed file its `file:line`.
    func load(_ name: String) throws(CLIError) -> Exercise {
        guard let dir = try directory(for: name) else {
            let looked = roots.map { "\($0)/\(name)/exercise.yaml" }.joined(separator: ", ")
            throw .usage("no exercise \"\(name)\" (looked for \(looked); built-in: \(BuiltInExercises.ids.joined(separator: ", ")))")
        }
        do { return try ExerciseLoader.load(directory: dir, mistakes: mistakes) } catch { throw .input(error.description) }
    }
}
