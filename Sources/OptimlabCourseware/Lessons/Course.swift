import Foundation

/// All lessons of a directory, in file-name order (`NN-id.md`), with the problems found reading them,
/// and the course's words for the engine's mistakes.
public struct Course: Sendable {
    public var directory: String
    public var lessons: [Lesson]
    public var diagnostics: [LessonDiagnostic]
    /// The folder's `mistakes.yaml`, else the one built into the binary.
    public var mistakes: MistakeCatalogue

    public init(directory: String, lessons: [Lesson], diagnostics: [LessonDiagnostic] = [],
                mistakes: MistakeCatalogue = .builtIn) {
        self.directory = directory; self.lessons = lessons; self.diagnostics = diagnostics; self.mistakes = mistakes
    }

    /// Lesson files in `directory`: `*.md` except README.md and other upper-case notes.
    public static func lessonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Reads and parses every lesson file (parse only; see ``LessonValidator`` for evaluation).
    public static func load(directory: String) -> Course {
        var files: [(path: String, text: String)] = [], unreadable: [LessonDiagnostic] = []
        for path in lessonFiles(in: directory) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                unreadable.append(LessonDiagnostic(file: path, line: 1, message: "cannot read the file as UTF-8 text"))
                continue
            }
            files.append((path, text))
        }
        var course = parse(files: files, directory: directory)
        course.diagnostics = unreadable + course.diagnostics
        if let own = MistakeCatalogue.load(directory: directory) {
            course.mistakes = own
            course.diagnostics += own.diagnostics
        }
        return course
    }

    /// Parses lessons given as (path, text), e.g. the copies embedded in the binary. Only `NN-*.md`
    /// files are lessons; they are taken in path order.
    public static func parse(files: [(path: String, text: String)], directory: String) -> Course {
        var lessons: [Lesson] = [], diagnostics: [LessonDiagnostic] = []
        let lessonFiles = files.filter { f in
            let name = (f.path as NSString).lastPathComponent
            return name.hasSuffix(".md") && name.first?.isNumber == true
        }.sorted { $0.path < $1.path }
        for (path, text) in lessonFiles {
            let (lesson, problems) = LessonParser.parse(text, path: path)
            diagnostics += problems
            if let lesson {
                if let other = lessons.first(where: { $0.id == lesson.id }) {
                    diagnostics.append(LessonDiagnostic(file: path, line: 1, message: "lesson id '\(lesson.id)' is also used by \(other.path)"))
                    continue
                }
                lessons.append(lesson)
            }
        }
        return Course(directory: directory, lessons: lessons, diagnostics: diagnostics)
    }

    public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    public func index(of id: String) -> Int? { lessons.firstIndex { $0.id == id } }
}
