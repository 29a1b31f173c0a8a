import Foundation
import OptimlabGrader

/// The student's working folder: `<root>/<exercise id>/<file>` (default root `./optimlab-work`).
/// Starters are written there once; the student's edits are never overwritten except by `reset`.
struct Workspace {
    var root: String

    static let defaultRoot = "optimlab-work"

    func file(for exercise: Exercise) -> String { "\(root)/\(exercise.id)/\(exercise.file)" }

    enum Written: Equatable { case created, kept }

    /// Writes the starter unless the file exists (then it is kept as it is).
    func start(_ exercise: Exercise) throws(CLIError) -> Written {
        let path = file(for: exercise)
        if FileManager.default.fileExists(atPath: path) { return .kept }
        try write(starter(of: exercise), to: path)
        return .created
    }

    /// Replaces the student's file by the starter.
    func reset(_ exercise: Exercise) throws(CLIError) {
        try write(starter(of: exercise), to: file(for: exercise))
    }

    func starter(of exercise: Exercise) throws(CLIError) -> String {
        guard let path = exercise.starterPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .input("\(exercise.id): the exercise has no readable starter file")
        }
        return text
    }

    func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .input("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
