import Foundation
import OptimlabEngine
import OptimlabTestSupport
import Testing
@testable import OptimlabGrader

/// What the grader reads and shows of a submission: only a regular file (a symlink to a secret is
/// refused, and the secret never reaches a report), the compiler's warnings never decide whether a
/// file is graded, and a crash names the student's file and line.
@Suite(.serialized) struct SubmissionHardeningTests {
    static let marker = "SECRET-MARKER-\(UInt64.random(in: 0...UInt64.max))"

    static func everyFormat(_ r: SubmissionReport) -> [String] {
        [JSONReport.render([r]), JUnitReport.render([r]), GitHubReport.render([r]), GitHubReport.summary([r]),
         GradescopeReport.render(r), ExercismReport.render(r)]
    }

    static func folder() throws -> String {
        TemporaryDirectory(prefix: "optimlab-hardening").path
    }

    @Test func aSymlinkSubmissionIsRefusedAndItsTargetNeverReported() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The target is valid Swift that would compile, and a compile error would echo it: both must not happen.
        try "let leaked: Int = \"\(Self.marker)\"\n".write(toFile: "\(dir)/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/AdamW.swift", withDestinationPath: "\(dir)/secret.txt")
        let grader = GradingFixture.grader(GradingFixture.exercise("adamw"))
        let r = grader.grade("\(dir)/AdamW.swift")
        #expect(r.status == .notGraded && !r.passed && r.score == 0)
        #expect(r.graderError == "\(dir)/AdamW.swift: not graded: it is a symbolic link; only a regular file is graded")
        for text in Self.everyFormat(r) { #expect(!text.contains(Self.marker)) }
        #expect(r.compileOutput == nil && r.cases.isEmpty)
    }

    @Test func onlyARegularFileIsRead() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo("\(dir)/fifo.swift", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: "\(dir)/folder.swift", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/environ.swift", withDestinationPath: "/proc/self/environ")
        try Data(repeating: 0x20, count: SubmissionSource.maxBytes + 1).write(to: URL(fileURLWithPath: "\(dir)/big.swift"))
        try Data([0x6C, 0x65, 0x74, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: "\(dir)/binary.swift"))
        let cases: [(String, String)] = [
            ("fifo.swift", "it is not a regular file (a FIFO); only a regular file is graded"),
            ("folder.swift", "it is not a regular file (a folder); only a regular file is graded"),
            ("environ.swift", "it is a symbolic link; only a regular file is graded"),
            ("big.swift", "it is 1 MB; a submission may be at most 1 MB"),
            ("binary.swift", "it is not UTF-8 text"),
        ]
        for (name, why) in cases {
            guard case .failure(let e) = SubmissionSource.load("\(dir)/\(name)") else { Issue.record("\(name) was read"); continue }
            #expect(e.message == "\(dir)/\(name): not graded: \(why)")
        }
    }

    /// 1500 `#warning` lines are the student's business: the file compiles and is graded; and when it
    /// does not compile, the error comes first and the warnings are counted, not shown.
    @Test func fifteenHundredWarningsStillCompileAndGrade() throws {
        let warnings = (1...1500).map { "#warning(\"note \($0) to self\")" }.joined(separator: "\n")
        let grader = GradingFixture.grader(GradingFixture.exercise("adamw"))
        let good = grader.grade(GradingFixture.write(Submissions.correct + "\n" + warnings + "\n", name: "warnings-correct"))
        #expect(good.passed, "\(good.summaryMessage ?? "") \(good.cases.map(\.message))")
        let broken = Submissions.correct + "\n" + warnings + "\nlet broken: Int = \"x\"\n"
        let path = GradingFixture.write(broken, name: "warnings-broken")
        let bad = grader.grade(path)
        #expect(bad.status == .compileError)
        let output = try #require(bad.compileOutput)
        let line = broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("let broken") }! + 1
        #expect(output.hasPrefix("\(path):\(line):19: error: cannot convert value of type 'String' to specified type 'Int'"), "\(output.prefix(300))")
        #expect(output.utf8.count < CompilerOutput.shownBytes + 200)
        let last = try #require(output.split(separator: "\n").last)
        #expect(last.hasPrefix("[the compiler printed ") && last.contains("; not shown: ") && last.hasSuffix(" more warnings]"), "\(last)")
        #expect(GitHubReport.render([bad]).hasPrefix("::error file=\(path),line=\(line),title=adamw%3A does not compile::cannot convert value of type 'String' to specified type 'Int'"))
    }

    /// A fatal error (here a force unwrap of nil) names the student's file and the line it happened at.
    @Test func aCrashNamesTheStudentsFileAndLine() throws {
        let source = Submissions.crashNilUnwrappedOneLine
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("_ = missing!") }! + 1
        var exercise = GradingFixture.exercise("adamw")
        exercise.timeLimit = 3
        let path = GradingFixture.write(source, name: "crash-line")
        let r = GradingFixture.grader(exercise).grade(path)
        let c = try #require(r.cases.first)
        #expect(c.failure == .crash && c.line == line)
        #expect(c.message == "the program stopped before finishing step 2 of 5: it crashed (fatal error or trap, SIGILL) at \(path):\(line) in AdamW.step(params:grads:): Unexpectedly found nil while unwrapping an Optional value", "\(c.message) / \(c.output.text)")
        #expect(!c.output.text.contains("optimlab-grade-"), "the scratch path shows: \(c.output.text)")
        #expect(GitHubReport.render([r]).hasPrefix("::error file=\(path),line=\(line),title="))
        #expect(JUnitReport.render([r]).contains("type=\"crash\""))
    }
}
