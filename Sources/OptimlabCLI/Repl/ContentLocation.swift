import Foundation
import OptimlabCourseware
#if canImport(Glibc)
import Glibc
#endif

/// An instructor's course folder (`--content DIR`, or `$OPTIMLAB_CONTENT`) holding `lessons/` and/or
/// `exercises/`. Its lessons and exercises are added to the built-in ones, and one with the same id as
/// a built-in replaces it, so an instructor ships one binary and one folder.
enum ContentLocation {
    /// The option name; it may appear anywhere on the command line, for every subcommand.
    static let option = "--content"

    /// Removes `--content DIR` (or `--content=DIR`) from `arguments` and exports it as
    /// `$OPTIMLAB_CONTENT`, so the commands, the REPL and the grader all see the same folder.
    /// Nil arguments means "the process's own".
    static func extract(_ arguments: [String]?) throws(CLIError) -> [String]? {
        let all = arguments ?? Array(CommandLine.arguments.dropFirst())
        var rest: [String] = [], value: String?
        var i = 0
        while i < all.count {
            let a = all[i]
            if a == "--" { rest += all[i...]; break }
            if a == option {
                guard i + 1 < all.count else { throw .usage("\(option) needs a folder") }
                value = all[i + 1]
                i += 2
                continue
            }
            if a.hasPrefix(option + "=") { value = String(a.dropFirst(option.count + 1)); i += 1; continue }
            rest.append(a)
            i += 1
        }
        guard let value else { return arguments }
        guard CourseLocation.isDirectory(value) else { throw .usage("\(option) \(value): no such folder") }
        setenv("OPTIMLAB_CONTENT", value, 1)
        return rest
    }

    /// The course folder in effect, if any.
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let dir = environment["OPTIMLAB_CONTENT"], !dir.isEmpty else { return nil }
        return dir
    }

    /// `base` with the folder's lessons added, and same-id lessons replaced in place.
    static func merging(_ base: Course, environment: [String: String] = ProcessInfo.processInfo.environment) -> Course {
        guard let dir = directory(environment: environment), CourseLocation.isDirectory(dir + "/lessons") else { return base }
        let extra = Course.load(directory: dir + "/lessons")
        var merged = base
        for lesson in extra.lessons {
            if let i = merged.index(of: lesson.id) { merged.lessons[i] = lesson } else { merged.lessons.append(lesson) }
        }
        merged.diagnostics += extra.diagnostics
        return merged
    }
}
