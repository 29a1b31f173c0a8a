import ArgumentParser
import Foundation
import OptimlabCourseware

/// `optimlab check [PATH…]`: validates lessons (every problem as `file:line: message`) and hands
/// exercise folders to the grader's checker. Exit 1 when anything is wrong.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson files and exercises.",
        discussion: """
            Each PATH is a lessons directory, a lesson file (NN-id.md), an exercise folder (with \
            exercise.yaml), the exercises/ folder, or a course folder holding lessons/ and/or exercises/ \
            (what --content takes). Default: the lessons folder in effect (--lessons, $OPTIMLAB_LESSONS, \
            ./lessons, the package's), the exercises folder and the course folder. Lesson blocks \
            are parsed and every expression, example and answer is evaluated; each problem is printed \
            as file:line: message. Exits 1 when any problem is found.
            """)

    @Argument(help: "Lesson directories or files, exercise folders.")
    var paths: [String] = []

    /// Without PATH, the course folder (`--content` or $OPTIMLAB_CONTENT) is checked too.
    @OptionGroup var course: CourseOptions

    func run() throws {
        let terminal = Terminal.detect()
        let explicit = !paths.isEmpty
        let source = course.source()
        if !explicit { print("lessons: \(source.lessonsOrigin)" + (source.content.map { ", course folder: \($0)" } ?? "")) }
        var problems: [LessonDiagnostic] = [], lessonCount = 0, exercisePaths: [String] = [], parsed: [String: Course] = [:]
        for path in explicit ? paths.flatMap(Self.courseParts) : Self.defaultTargets(source) {
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.usage("\(path): no such file or directory") }
            if Self.isExercisePath(path) || (!explicit && path == source.exercisesDirectory) { exercisePaths.append(path); continue }
            let (count, found, course) = Self.checkLessons(at: path)
            lessonCount += count
            problems += found
            if let course { parsed[path] = course }
        }
        for p in problems { print(p.description) }
        let warnings = problems.filter(\.isWarning).count
        problems.removeAll(where: \.isWarning)
        var errors = problems.count
        if !explicit {
            // The course in effect (built-in lessons, or the lessons folder, plus the course folder's):
            // every known mistake has its words, and its diagnosis links to one of its lessons.
            let printed = Set(problems.map(\.description))
            for p in source.loadCourse(preloaded: parsed).course.mistakeProblems() where !printed.contains(p.description) {
                print(p.description)
                errors += 1
            }
        }
        if lessonCount > 0 || problems.count > 0 {
            let warned = warnings > 0 ? " \(warnings) warning(s)." : ""
            print(terminal.styled("\(lessonCount) lesson(s) checked, \(problems.count) problem(s).\(warned)", problems.isEmpty ? .green : .red))
        }
        if !exercisePaths.isEmpty {
            let result = checkExercises(paths: exercisePaths, terminal: terminal)
            if !result.output.isEmpty { print(result.output, terminator: result.output.hasSuffix("\n") ? "" : "\n") }
            errors += result.errors
        }
        if errors > 0 { throw ExitCode(1) }
    }

    /// Without PATH: the lessons folder in effect (unless the lessons built into the binary are), the
    /// exercises folder, and the course folder's lessons/ and exercises/.
    static func defaultTargets(_ source: CourseSource) -> [String] {
        var out: [String] = []
        if source.lessonsOrigin != .builtIn, CourseSource.isDirectory(source.lessonsDirectory) { out.append(source.lessonsDirectory) }
        if CourseSource.isDirectory(source.exercisesDirectory) { out.append(source.exercisesDirectory) }
        return out + (source.content.map(courseParts) ?? [])
    }

    /// A course folder (as given to `--content`: it holds `lessons/` and/or `exercises/`) stands for
    /// those two; any other path stands for itself.
    static func courseParts(_ path: String) -> [String] {
        let parts = ["lessons", "exercises"].map { (path as NSString).appendingPathComponent($0) }.filter(CourseSource.isDirectory)
        let isCourse = !parts.isEmpty && Course.lessonFiles(in: path).isEmpty && !isExercisePath(path)
        return isCourse ? parts : [path]
    }

    static func isExercisePath(_ path: String) -> Bool {
        let fm = FileManager.default
        if (path as NSString).lastPathComponent == "exercises" { return true }
        return fm.fileExists(atPath: (path as NSString).appendingPathComponent("exercise.yaml"))
    }

    /// Parses and evaluates a lesson directory (returning its course, so it is parsed once) or one
    /// lesson file.
    static func checkLessons(at path: String) -> (lessons: Int, problems: [LessonDiagnostic], course: Course?) {
        if CourseSource.isDirectory(path) {
            let course = Course.load(directory: path)
            var found = course.diagnostics + course.lessons.flatMap { LessonValidator.validate($0) }
            // A folder with its own mistake catalogue: an entry for every engine mistake, each linking
            // to a lesson of this folder.
            if course.hasOwnMistakes { found += course.mistakeProblems() }
            return (course.lessons.count, found, course)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (0, [LessonDiagnostic(file: path, line: 1, message: "cannot read the file as UTF-8 text")], nil)
        }
        let (lesson, found) = LessonParser.parse(text, path: path)
        return (lesson == nil ? 0 : 1, found + (lesson.map { LessonValidator.validate($0) } ?? []), nil)
    }
}
