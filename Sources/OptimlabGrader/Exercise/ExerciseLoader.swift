import Foundation
import OptimlabCourseware
import OptimlabEngine
import OptimlabYAML

/// Reads `exercises/<id>/exercise.yaml` (format in `exercises/README.md`) and the trace files its
/// cases name. Every problem is reported as `file:line: message`, all of them at once.
public enum ExerciseLoader {
    static let topKeys = ["id", "title", "lesson", "order", "reference", "api", "file", "points", "tolerance", "time_limit",
                          "instructions", "hints", "mistakes", "cases"]
    /// The largest case (tensor sizes × steps): the case file and the channel stay a few MiB.
    static let maxScalarsPerCase = 200_000

    /// Loads the exercise in `directory`; the engine's mistakes it names are described in `mistakes`'
    /// words (the course's catalogue).
    public static func load(directory: String, mistakes: MistakeCatalogue = .builtIn) throws(ExerciseIssues) -> Exercise {
        let file = "\(directory)/exercise.yaml"
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ExerciseIssues(issues: [ExerciseIssue(file: file, line: 0, message: "cannot read the file")])
        }
        return try parse(text, file: file, directory: directory, mistakes: mistakes)
    }

    /// Parses exercise.yaml text; trace paths are resolved against `directory`.
    public static func parse(_ text: String, file: String, directory: String,
                             mistakes: MistakeCatalogue = .builtIn) throws(ExerciseIssues) -> Exercise {
        var r = YAMLReader(file: file)
        guard let root = r.parse(text) else {
            if r.diagnostics.isEmpty { r.fail(nil, "the file is empty") }
            throw ExerciseIssues(issues: r.diagnostics)
        }
        guard let top = r.mapping(root, "the exercise", allowed: topKeys) else { throw ExerciseIssues(issues: r.diagnostics) }
        func value(_ key: String) -> YAMLNode? { top.first { $0.key == key }?.value }
        for key in ["id", "title", "reference", "api", "file", "cases"] where value(key) == nil {
            r.fail(root, "missing key '\(key)'")
        }
        let id = value("id").flatMap { r.string($0, "id") } ?? ""
        let folder = (directory as NSString).lastPathComponent
        if let node = value("id"), !id.isEmpty, id != folder {
            r.fail(node, "id '\(id)' must match the folder name '\(folder)'")
        }
        let reference = value("reference").flatMap { parseReference($0, reader: &r) } ?? ExerciseReference(optimizer: .adamw)
        // Without a valid API, one that takes everything: the cases are still checked, without noise.
        let declaration = value("api").flatMap { parseAPI($0, reference: reference, reader: &r) }
            ?? ExerciseAPI(symbol: "Exercise", form: reference.output == .params ? .flat : .function,
                           arguments: reference.hyperparameterNames.map { .init(label: $0, source: $0) }, settableLR: true)
        let fileName = value("file").flatMap { r.string($0, "file") } ?? ""
        if let node = value("file"), !fileName.isEmpty,
           !fileName.hasSuffix(".swift") || fileName.contains("/") || fileName == SubmissionBuild.glueFile {
            r.fail(node, "file must be a plain Swift file name such as \(declaration.symbol.prefix(1).uppercased() + declaration.symbol.dropFirst()).swift")
        }
        var exercise = Exercise(id: id, title: value("title").flatMap { r.string($0, "title") } ?? "", reference: reference,
                                declaration: declaration, file: fileName, cases: [], directory: directory)
        exercise.mistakeWords = mistakes
        if let node = value("api")?["notes"], let notes = r.string(node, "api.notes") { exercise.api += notes }
        if let node = value("lesson") { exercise.lesson = r.string(node, "lesson") }
        if let node = value("order") { exercise.order = r.integer(node, "order") }
        if let node = value("instructions") { exercise.instructions = r.string(node, "instructions") ?? "" }
        if let node = value("hints") { exercise.hints = r.strings(node, "hints") ?? [] }
        if let node = value("points") { exercise.points = r.positiveNumber(node, "points") ?? 10 }
        if let node = value("time_limit") { exercise.timeLimit = r.positiveNumber(node, "time_limit") ?? 10 }
        if let node = value("tolerance"), let t = r.mapping(node, "tolerance", allowed: ["rel", "abs"]) {
            for (key, v) in t {
                guard let x = r.number(v, "tolerance.\(key)") else { continue }
                if x < 0 || x >= 1 { r.fail(v, "tolerance.\(key) must be in [0, 1), got \(x)"); continue }
                if key == "rel" { exercise.tolerance.rel = x } else { exercise.tolerance.abs = x }
            }
        }
        if let node = value("mistakes") { exercise.mistakes = parseMistakes(node, reference: reference, words: mistakes, reader: &r) }
        if let node = value("cases") {
            if let seq = node.items, !seq.isEmpty {
                var names = Set<String>()
                for (i, c) in seq.enumerated() {
                    guard let parsed = parseCase(c, index: i, exercise: exercise, directory: directory, reader: &r) else { continue }
                    if !names.insert(parsed.name).inserted { r.fail(c, "case name '\(parsed.name)' is used twice") }
                    exercise.cases.append(parsed)
                }
            } else {
                r.fail(node, "cases must be a non-empty list")
            }
        }
        if !r.diagnostics.isEmpty { throw ExerciseIssues(issues: r.diagnostics) }
        return exercise
    }

    /// Reads a trace file and checks the exercise can grade it: size caps, names and finite values
    /// (``TraceCase``), its API can express the trace, and the params it records follow the optimizer
    /// its header declares (``TraceAgreement``).
    public static func loadTrace(_ path: String, exercise: Exercise) -> Result<Trace, GraderError> {
        TraceCase.load(path, exercise: exercise)
    }
}
