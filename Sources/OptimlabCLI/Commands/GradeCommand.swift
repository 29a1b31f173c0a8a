import ArgumentParser
import Foundation
import OptimlabGrader

/// `optimlab grade SUBMISSION… --exercise ID|PATH`: compiles and runs each submission against the
/// exercise's cases and reports. Exit 0 when every submission passed, 1 when any failed (compile
/// error, crash, timeout included), 2 when grading was impossible.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade Swift submissions of an exercise against reference step traces.",
        discussion: """
            Each submission is a Swift file, or a folder whose .swift files are graded one by one. \
            Two submissions are compiled and run at a time. Formats: text (default), json, junit, \
            gradescope, exercism (the last two describe one submission each). Generated cases draw \
            fresh random tensors on every run unless --seed is given.
            """)

    @Argument(help: "Submission files or folders.")
    var submissions: [String]

    @Option(help: "The exercise: an id under ./exercises (or $OPTIMLAB_EXERCISES), or its folder.")
    var exercise: String

    @Option(help: "Grade against this trace file (format optimlab-trace-1) instead of the exercise's cases.")
    var trace: String?

    @Option(help: "text, json, junit, gradescope or exercism.")
    var format: String = "text"

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Seed for the generated cases' random tensors.")
    var seed: UInt64?

    func run() throws {
        guard let format = ReportFormat(rawValue: format) else {
            throw CLIError.usage("unknown format \"\(self.format)\" (expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var exercise = try Self.loadExercise(self.exercise)
        if let trace {
            switch ExerciseLoader.loadTrace(trace, harness: exercise.harness) {
            case .success(let t): exercise.cases = [ExerciseCase(name: (trace as NSString).lastPathComponent, source: .trace(t, path: trace))]
            case .failure(let e): throw CLIError.input("cannot grade \(exercise.id) against this trace: \(e)")
            }
        }
        let files = try Self.expand(submissions)
        guard !files.isEmpty else { throw CLIError.usage("give at least one submission to grade") }
        if [.gradescope, .exercism].contains(format), files.count != 1 {
            throw CLIError.usage("--format \(format.rawValue) describes one submission; got \(files.count)")
        }
        let grader: Grader
        switch Grader.prepare(exercise: exercise, seed: seed) {
        case .success(let g): grader = g
        case .failure(let e): throw CLIError.input(e.message)
        }
        let reports = grader.grade(files)
        let text: String = switch format {
        case .text: TextReport.render(reports, exercise: exercise, terminal: output == nil ? Terminal.detect() : .plain)
        case .json: JSONReport.render(reports)
        case .junit: JUnitReport.render(reports)
        case .gradescope: GradescopeReport.render(reports[0])
        case .exercism: ExercismReport.render(reports[0])
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw CLIError.input("\(output): cannot write the report (\(error.localizedDescription))")
            }
        } else {
            print(text, terminator: "")
        }
        if reports.contains(where: { $0.status == .notGraded }) { throw ExitCode(2) }
        if !reports.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    /// An exercise id (looked up under $OPTIMLAB_EXERCISES or ./exercises, else among the exercises
    /// built into the binary) or a folder path.
    static func loadExercise(_ name: String) throws -> Exercise {
        var isDir: ObjCBool = false
        var dir = name
        if !(FileManager.default.fileExists(atPath: name, isDirectory: &isDir) && isDir.boolValue) {
            let root = ProcessInfo.processInfo.environment["OPTIMLAB_EXERCISES"] ?? "exercises"
            dir = "\(root)/\(name)"
            if !FileManager.default.fileExists(atPath: "\(dir)/exercise.yaml"), let builtIn = BuiltInExercises.directory(for: name) {
                dir = builtIn
            }
        }
        guard FileManager.default.fileExists(atPath: "\(dir)/exercise.yaml") else {
            let known = BuiltInExercises.ids.joined(separator: ", ")
            throw CLIError.usage("no exercise \"\(name)\" (looked for \(dir)/exercise.yaml; built-in: \(known))")
        }
        do { return try ExerciseLoader.load(directory: dir) } catch { throw CLIError.input(error.description) }
    }

    /// Files stay; folders become their .swift files, sorted.
    static func expand(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CLIError.usage("\(path): no such file or folder")
            }
            if isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let swift = names.filter { $0.hasSuffix(".swift") }.sorted()
                if swift.isEmpty { throw CLIError.usage("\(path): the folder holds no .swift file") }
                out += swift.map { "\(path)/\($0)" }
            } else {
                out.append(path)
            }
        }
        return out
    }
}
