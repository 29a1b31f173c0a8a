import Foundation
import OptimlabTestSupport
@testable import OptimlabGrader

/// Shared set-up for the tests that run the real compiler: the repository's exercises, a grader with
/// a private harness cache, and the batch of submissions graded once (two compiles at a time) and
/// read by many tests.
enum GradingFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let exercises = "\(repository)/exercises"
    /// The submissions' folder, deleted when the test process exits at the latest.
    static let scratch = TemporaryDirectory(prefix: "optimlab-grader-tests", mode: 0o755).path

    /// The grader's environment for tests. Its cache (the compiled harness library) is one fixed
    /// folder on purpose, shared by every grading test and kept between runs, so the harness is
    /// compiled once rather than per test or per run: not a per-test `TemporaryDirectory`.
    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = NSTemporaryDirectory() + "optimlab-grader-tests-cache"
        return env
    }

    static func exercise(_ id: String) -> Exercise {
        do { return try ExerciseLoader.load(directory: "\(exercises)/\(id)") } catch {
            fatalError("the shipped exercise \(id) does not load: \(error)")
        }
    }

    /// The text of a shipped exercise's `solution` or `starter` file ("" when it cannot be read).
    static func source(_ exercise: String, _ kind: String) -> String {
        let e = Self.exercise(exercise)
        let path = kind == "solution" ? e.solutionPath! : e.starterPath!
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Runs `optimlab grade <arguments>` as uid/gid 65534 through setpriv, with `home` as HOME and
    /// working folder and `tmp` as TMPDIR, and returns what it printed on stdout.
    static func gradeAsNobody(_ optimlab: String, _ arguments: [String], home: String, tmp: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", optimlab, "grade"] + arguments
        process.environment = ["HOME": home, "TMPDIR": tmp, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        process.currentDirectoryURL = URL(fileURLWithPath: home)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func grader(_ exercise: Exercise, seed: UInt64? = 42) -> Grader {
        switch Grader.prepare(exercise: exercise, seed: seed, environment: environment) {
        case .success(let g): return g
        case .failure(let e): fatalError("cannot prepare the grader: \(e)")
        }
    }

    /// Writes `source` to a file named after `name` and returns its path.
    static func write(_ source: String, name: String) -> String {
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path = "\(scratch)/\(name).swift"
        try? source.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The adamw submissions, graded once: name → report.
    static let adamwReports: [String: SubmissionReport] = {
        var adamw = exercise("adamw")
        adamw.timeLimit = 3
        var named: [(String, String)] = Submissions.mistakes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        named += [("correct", Submissions.correct), ("correct-class", Submissions.correctClass),
                  ("fake-pass", Submissions.fakePass), ("crashes", Submissions.crashes),
                  ("crashes-in-one-case", Submissions.crashesInOneCase),
                  ("loops-forever", Submissions.loopsForever), ("allocates", Submissions.allocates),
                  ("does-not-compile", Submissions.doesNotCompile), ("wrong-api", Submissions.wrongAPI)]
        let paths = named.map { write($0.1, name: $0.0) }
        let reports = grader(adamw).grade(paths)
        try? FileManager.default.removeItem(atPath: scratch)      // the reports keep everything the tests read
        return Dictionary(uniqueKeysWithValues: zip(named.map(\.0), reports))
    }()
}
