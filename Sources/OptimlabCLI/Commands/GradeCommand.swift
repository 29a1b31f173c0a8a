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

    @Option(help: "The report format.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Seed for the generated cases' random tensors.")
    var seed: UInt64?

    @Flag(help: "Use the learner's grading seed for this exercise from the progress file (--progress FILE, default: yours), to replay what they saw.")
    var seedFromProgress = false

    /// `--content` (where exercise ids are looked up) and `--progress` for --seed-from-progress (the root
    /// command's option group, so either position reaches this command).
    @OptionGroup var course: CourseOptions

    @Option(help: "K/N: grade only the K-th of N interleaved shares of the submissions (1 ≤ K ≤ N).")
    var shard: Shard?

    func run() throws {
        Sandbox.warmUp()     // probe the machine while the exercise and submissions are read
        if let output { try Self.checkWritable(output) }      // before any grading, not after it
        let source = course.source()
        var exercise = try source.exercises.load(self.exercise)
        if let trace {
            switch TraceCase.load(trace, exercise: exercise) {
            case .success(let t): exercise.cases = [ExerciseCase(name: (trace as NSString).lastPathComponent, source: .trace(t, path: trace))]
            case .failure(let e): throw CLIError.input("cannot grade \(exercise.id) against this trace: \(e)")
            }
        }
        var files = try SubmissionFiles.expand(submissions)
        guard !files.isEmpty else { throw CLIError.usage("give at least one submission to grade") }
        if let shard { files = shard.select(files) }
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("optimlab: shard \(shard.map(\.description) ?? "") holds no submission; nothing to grade\n".utf8))
            return
        }
        if [.gradescope, .exercism].contains(format), files.count != 1 {
            throw CLIError.usage("--format \(format.rawValue) describes one submission; got \(files.count)")
        }
        let seed = try seedFromProgress ? Self.learnerSeed(exercise.id, progress: source.progressPath) : self.seed
        var reports: [SubmissionReport]
        switch Grader.prepare(exercise: exercise, seed: seed) {
        case .success(let grader): reports = grader.grade(files.map(\.path))
        case .failure(let e):
            // The grader cannot run at all (no compiler…): every format still reports, and fails closed.
            reports = files.map { SubmissionReport(exerciseID: exercise.id, exerciseTitle: exercise.title, submission: $0.path,
                                                  graderError: e.message, points: exercise.points) }
            FileHandle.standardError.write(Data("optimlab: \(e.message)\n".utf8))
        }
        for i in reports.indices { reports[i].name = files[i].name }
        try write(Self.render(reports, format: format, toFile: output != nil), format: format,
                  summary: format == .github ? GitHubReport.summary(reports, label: shard.map { "shard \($0)" }) : nil)
        // Exercism's runner contract: exit 0 whenever the runner ran; the verdict is in results.json.
        if format == .exercism { return }
        if reports.contains(where: { $0.status == .notGraded }) { throw ExitCode(2) }
        if !reports.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    static func render(_ reports: [SubmissionReport], format: ReportFormat, toFile: Bool) -> String {
        switch format {
        case .text: TextReport.render(reports, terminal: toFile ? .plain : Terminal.detect())
        case .json: JSONReport.render(reports)
        case .junit: JUnitReport.render(reports)
        case .gradescope: GradescopeReport.render(reports[0])
        case .exercism: ExercismReport.render(reports[0])
        case .github: GitHubReport.render(reports)
        }
    }

    /// Writes the report to --output or stdout, and the GitHub step summary when there is one.
    func write(_ text: String, format: ReportFormat, summary: String?) throws {
        if let summary, let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            Self.append(summary, to: path)
        }
        guard let output else { return print(text, terminator: "") }
        do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
            throw CLIError.input("\(output): cannot write the report (\(error.localizedDescription))")
        }
    }

    /// Refuses an --output the report could not be written to: a folder, a file without write
    /// permission, or a folder that does not exist or cannot be written.
    static func checkWritable(_ path: String) throws(CLIError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw .usage("--output \(path): is a folder; give a file name") }
            guard access(path, W_OK) == 0 else { throw .usage("--output \(path): cannot write the report there (\(String(cString: strerror(errno))))") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw .usage("--output \(path): the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw .usage("--output \(path): cannot write the report there (\(folder): \(String(cString: strerror(errno))))")
        }
    }

    /// The grading seed the learner's progress file holds for `exercise`.
    static func learnerSeed(_ exercise: String, progress path: String) throws -> UInt64 {
        let store = ProgressStore(path: path)
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
}
