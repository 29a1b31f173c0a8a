import Foundation

/// All lessons of a directory, in file-name order (`NN-id.md`), with the problems found reading them.
public struct Course: Sendable {
    public var directory: String
    public var lessons: [Lesson]
    public var diagnostics: [LessonDiagnostic]

    public init(directory: String, lessons: [Lesson], diagnostics: [LessonDiagnostic] = []) {
        self.directory = directory; self.lessons = lessons; self.diagnostics = diagnostics
    }

    /// Lesson files in `directory`: `*.md` except README.md and other upper-case notes.
    public static func lessonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Reads and parses every lesson file (parse only; see ``LessonValidator`` for evaluation).
    public static func load(directory: String) -> Course {
        var lessons: [Lesson] = [], diagnostics: [LessonDiagnostic] = []
        for path in lessonFiles(in: directory) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(LessonDiagnostic(file: path, line: 1, message: "cannot read the file as UTF-8 text"))
                continue
            }
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
