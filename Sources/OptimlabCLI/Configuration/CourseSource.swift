import Foundation
import OptimlabCourseware

/// Where this run's course comes from: the lessons folder (and why it was chosen), the instructor's
/// course folder, the exercises folder and the progress file. A command builds it once from its
/// ``CourseOptions`` and the environment and passes it to whatever loads lessons or exercises; nothing
/// below reads the environment again.
///
/// Lessons: `--lessons DIR`, else `$OPTIMLAB_LESSONS`, else `./lessons`, else the first `lessons/`
/// walking up from the executable, else the lessons built into the binary; then the course folder's
/// `lessons/` (`--content DIR`, else `$OPTIMLAB_CONTENT`) adds lessons and replaces same-id ones.
/// Exercises: the course folder's `exercises/`, then `$OPTIMLAB_EXERCISES` (or `./exercises`), then
/// the built-in ones (see ``ExerciseCatalog``).
struct CourseSource: Sendable, Equatable {
    /// The lessons folder (it may not exist: then the built-in lessons are used).
    var lessonsDirectory: String
    /// Why `lessonsDirectory` was chosen.
    var lessonsOrigin: LessonOrigin
    /// The instructor's course folder, if any.
    var content: String?
    /// The exercises folder searched after the course folder's.
    var exercisesDirectory: String
    /// The progress file.
    var progressPath: String
    /// Where the REPL keeps its history (and the progress file by default).
    var stateDirectory: String

    init(lessonsDirectory: String, lessonsOrigin: LessonOrigin, content: String? = nil, exercisesDirectory: String = "exercises",
         progressPath: String, stateDirectory: String) {
        self.lessonsDirectory = lessonsDirectory; self.lessonsOrigin = lessonsOrigin; self.content = content
        self.exercisesDirectory = exercisesDirectory; self.progressPath = progressPath; self.stateDirectory = stateDirectory
    }

    /// Resolves the options against the environment (``CourseOptions/validate()`` has refused a
    /// `--content` folder that does not exist).
    init(options: CourseOptions, environment: [String: String], executable: String = CommandLine.arguments.first ?? "",
         currentDirectory: String = FileManager.default.currentDirectoryPath) {
        let (lessons, origin) = Self.lessonsDirectory(option: options.lessons, environment: environment,
                                                      executable: executable, currentDirectory: currentDirectory)
        let content = options.content ?? environment["OPTIMLAB_CONTENT"].flatMap { $0.isEmpty ? nil : $0 }
        let state = ProgressStore.stateDirectory(environment: environment)
        self.init(lessonsDirectory: lessons, lessonsOrigin: origin, content: content,
                  exercisesDirectory: environment["OPTIMLAB_EXERCISES"] ?? "exercises",
                  progressPath: options.progress ?? ProgressStore.defaultPath(environment: environment), stateDirectory: state)
    }

    /// The lessons folder in effect and why (see the type's comment for the order).
    static func lessonsDirectory(option: String?, environment: [String: String], executable: String,
                                 currentDirectory: String) -> (String, LessonOrigin) {
        if let option { return (option, .option(option)) }
        if let env = environment["OPTIMLAB_LESSONS"], !env.isEmpty { return (env, .environment(env)) }
        if isDirectory(currentDirectory + "/lessons") { return ("lessons", .currentDirectory) }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("lessons").path
            if isDirectory(candidate) { return (candidate, .package(candidate)) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return ("lessons", .builtIn)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
