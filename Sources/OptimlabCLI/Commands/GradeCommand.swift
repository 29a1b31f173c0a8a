import ArgumentParser
import Foundation
import OptimlabCourseware
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
            gradescope, exercism (these two describe one submission each), github (workflow-command \
            annotations, plus a Markdown summary appended to $GITHUB_STEP_SUMMARY when it is set). \
            Generated cases draw fresh random tensors on every run unless --seed is given. --shard K/N \
            grades every N-th file of the sorted list, starting at the K-th (1-based), so N CI jobs \
            share a class folder.
            """)

    @Argument(help: "Submission files or folders.")
    var submissions: [String]

    @Option(help: "The exercise: an id under ./exercises (or $OPTIMLAB_EXERCISES), or its folder.")
    var exercise: String

    @Option(help: "Grade against this trace file (format optimlab-trace-1) instead of the exercise's cases.")
    var trace: String?

    @Option(help: "text, json, junit, gradescope, exercism or github.")
    var format: String = "text"

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Seed for the generated cases' random tensors.")
    var seed: UInt64?

    @Flag(help: "Use the learner's grading seed for this exercise from the progress file (--progress FILE, default: yours), to replay what they saw.")
    var seedFromProgress = false

    /// `--progress` for --seed-from-progress (the root command's option group, so it reaches this command).
    @OptionGroup var course: CourseOptions

    @Option(help: "K/N: grade only the K-th of N interleaved shares of the submissions (1 ≤ K ≤ N).")
    var shard: String?

    func run() throws {
        Sandbox.warmUp()     // probe the machine while the exercise and submissions are read
        guard let format = ReportFormat(rawValue: format) else {
            throw CLIError.usage("unknown format \"\(self.format)\" (expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var exercise = try Self.loadExercise(self.exercise)
        if let trace {
            switch ExerciseLoader.loadTrace(trace, exercise: exercise) {
            case .success(let t): exercise.cases = [ExerciseCase(name: (trace as NSString).lastPathComponent, source: .trace(t, path: trace))]
            case .failure(let e): throw CLIError.input("cannot grade \(exercise.id) against this trace: \(e)")
            }
        }
        var files = try Self.expand(submissions)
        guard !files.isEmpty else { throw CLIError.usage("give at least one submission to grade") }
        if let shard { files = try Shard(parsing: shard).select(files) }
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("optimlab: shard \(shard ?? "") holds no submission; nothing to grade\n".utf8))
            return
        }
        if [.gradescope, .exercism].contains(format), files.count != 1 {
            throw CLIError.usage("--format \(format.rawValue) describes one submission; got \(files.count)")
        }
        let grader: Grader
        let seed = try seedFromProgress ? Self.learnerSeed(exercise.id, progress: course.progress) : self.seed
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
        case .github: GitHubReport.render(reports)
        }
        if format == .github, let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            Self.append(GitHubReport.summary(reports), to: summary)
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

    /// An exercise id (looked up in the --content folder, under $OPTIMLAB_EXERCISES or ./exercises,
    /// else among the exercises built into the binary) or a folder path.
    static func loadExercise(_ name: String) throws -> Exercise {
        try ExerciseCatalog().load(name)
    }

    /// The grading seed the learner's progress file holds for `exercise`.
    static func learnerSeed(_ exercise: String, progress path: String?) throws -> UInt64 {
        let store = ProgressStore(path: path ?? ProgressStore.defaultPath())
        guard FileManager.default.fileExists(atPath: store.path) else { throw CLIError.usage("\(store.path): no progress file") }
        let loaded: LearnerProgress
        do { loaded = try store.load().progress } catch { throw CLIError.input(error.description) }
        guard let seed = loaded.exercises[exercise]?.seed else {
            throw CLIError.usage("\(store.path) holds no grading seed for \(exercise) (the learner has not started it)")
        }
        return seed
    }

    /// Appends to the step-summary file; a failure to write it is reported, never fatal to the grade.
    static func append(_ text: String, to path: String) {
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else {
            FileHandle.standardError.write(Data("optimlab: cannot append the summary to \(path)\n".utf8))
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
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
                out += swift.map { (path as NSString).appendingPathComponent($0) }     // "dir/" gives dir/x.swift, not dir//x.swift
            } else {
                out.append(path)
            }
        }
        return out
    }
}
