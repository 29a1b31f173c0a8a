import ArgumentParser
import Foundation
import OptimlabCourseware
import OptimlabEngine

/// `optimlab lessons [--answers] [--format text|json]`: the lesson list (with where each lesson was
/// read from), or the answer key with the engine's value for every question (seed 0 for random inputs).
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons, or print the answer key.")

    @Flag(help: "Print every question with its engine-computed answer (random inputs drawn with --seed, default 0).")
    var answers = false

    @Option(help: "Output format.")
    var format: ListFormat = .text

    @OptionGroup var options: CourseOptions

    func run() throws {
        let source = options.source()
        let loaded = source.loadCourse()
        let course = loaded.course, directory = source.lessonsDirectory
        guard !course.lessons.isEmpty || CourseSource.isDirectory(directory) else {
            throw CLIError.usage("\(directory): no lessons directory")
        }
        for d in course.diagnostics { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
        if answers { print(answerKey(course)) } else { print(list(loaded, terminal: Terminal.detect())) }
    }

    /// The lesson table; on a terminal, titles wrap to its width rather than being cut.
    func list(_ loaded: LoadedCourse, terminal: Terminal) -> String {
        let course = loaded.course
        if format == .json {
            return JSONValue.array(course.lessons.map { l in
                .object([("id", .string(l.id)), ("title", .string(l.title)), ("minutes", l.minutes.map { .number(Double($0)) } ?? .null),
                         ("steps", .number(Double(l.steps.count))), ("questions", .number(Double(l.questions.count))),
                         ("file", .string(l.path)), ("from", .string(loaded.origin(of: l).description))])
            }).rendered()
        }
        var t = Table(columns: ["#", "id", "title", "min", "steps", "questions"].map { Table.Column(key: $0, title: $0) })
        for (i, l) in course.lessons.enumerated() {
            t.append(cells: [.text("\(i + 1)"), .text(l.id), .text(l.title), l.minutes.map { .number(Double($0)) } ?? .empty,
                             .number(Double(l.steps.count)), .number(Double(l.questions.count))])
        }
        return TableRenderer.render(t, terminal: terminal, wrapTo: terminal.isTTY ? terminal.width : nil) + "\n" + Self.origins(loaded)
    }

    /// "Read from ./lessons; adamw, bias from --content course/." — each origin with its lessons
    /// when there is more than one origin.
    static func origins(_ loaded: LoadedCourse) -> String {
        var groups: [(origin: LessonOrigin, ids: [String])] = []
        for lesson in loaded.course.lessons {
            let origin = loaded.origin(of: lesson)
            if let i = groups.firstIndex(where: { $0.origin == origin }) { groups[i].ids.append(lesson.id) } else { groups.append((origin, [lesson.id])) }
        }
        guard groups.count > 1 else { return "Read from \(groups.first?.origin.description ?? "nowhere")." }
        return "Read from " + groups.enumerated().map { i, g in
            i == 0 ? g.origin.description : "\(g.ids.joined(separator: ", ")) from \(g.origin)"
        }.joined(separator: "; ") + "."
    }

    func answerKey(_ course: Course) -> String {
        let entries = AnswerKeyEntry.entries(for: course, seed: options.seed ?? 0)
        if format == .json {
            return JSONValue.array(entries.map { e in
                .object([("lesson", .string(e.lesson)), ("question", .string(e.question)), ("kind", .string(e.kind)),
                         ("source", e.source.map(JSONValue.string) ?? .null), ("prompt", .string(e.prompt)),
                         ("answer", e.numericAnswer.map(JSONValue.number) ?? .string(e.answer)),
                         ("tolerance", e.tolerance.map(JSONValue.string) ?? .null),
                         ("precision", e.precision.map(JSONValue.string) ?? .null)])
            }).rendered()
        }
        return entries.map { e in
            let source = e.source.map { " [\($0)]" } ?? ""
            let tolerance = e.precision.map { " (\($0))" } ?? e.tolerance.map { " (tolerance: \($0))" } ?? ""
            let prompt = e.prompt.trimmingTrailingNewlines().split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
            return "\(e.lesson)/\(e.question)\(source) \(e.kind)\n\(prompt)\n  answer: \(e.answer)\(tolerance)"
        }.joined(separator: "\n\n")
    }
}
