import Foundation
import OptimlabCourseware

/// Where the lessons are: `--lessons DIR`, else `$OPTIMLAB_LESSONS`, else `lessons/` in the current
/// directory, else the first `lessons/` found walking up from the executable (a `swift run` or a
/// `.build/debug/optimlab` finds the package's lessons).
enum CourseLocation {
    static func lessonsDirectory(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                                 executable: String = CommandLine.arguments.first ?? "",
                                 currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let option { return option }
        if let env = environment["OPTIMLAB_LESSONS"], !env.isEmpty { return env }
        if isDirectory(currentDirectory + "/lessons") { return "lessons" }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("lessons").path
            if isDirectory(candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return "lessons"
    }

    /// The course in `directory`, or the lessons built into the binary when that directory does not
    /// exist (so `optimlab` works from any folder), with the `--content` folder's lessons merged in.
    static func course(directory: String) -> Course {
        if isDirectory(directory) || embeddedLessonFiles().isEmpty { return ContentLocation.merging(Course.load(directory: directory)) }
        return ContentLocation.merging(Course.parse(files: embeddedLessonFiles(), directory: "(built-in lessons)"))
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
