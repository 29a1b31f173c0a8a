import Foundation
import OptimlabContent
import Testing
@testable import OptimlabCLI
@testable import OptimlabCourseware
@testable import OptimlabGrader

/// The exercise loop's decisions in-process: starters never overwrite edits, hints advance and are
/// remembered, the solution waits for a pass, the REPL words, shards, and the GitHub annotations.
@Suite struct ExerciseLoopTests {
    static func loop() throws -> (ExerciseLoop, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("optimlab-work-\(UUID().uuidString)").path
        return (ExerciseLoop(workspace: Workspace(root: root), catalog: ExerciseCatalog()), root)
    }

    static func texts(_ displays: [Display]) -> [String] {
        displays.map { DisplayRenderer.render($0, terminal: .plain) }
    }

    /// Where a message names a temporary folder its line breaks move with the folder's length: the
    /// message as one line, after checking that no line of it is wider than the 80 columns (unless
    /// it is a single unbreakable word or code, indented four spaces).
    static func unwrapped(_ text: String) -> String {
        for line in text.split(separator: "\n") where line.count > 80 && !line.hasPrefix("    ") {
            #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "wider than 80 columns: \(line)")
        }
        return text.replacingOccurrences(of: #"\n *"#, with: " ", options: .regularExpression)
    }

    @Test func startWritesTheStarterOnceAndKeepsEdits() throws {
        let (loop, root) = try Self.loop()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var progress = LearnerProgress(learner: "abc")
        let first = Self.texts(try loop.start("adamw", &progress))
        #expect(first.map(Self.unwrapped).contains("[ok] Wrote the starter to \(root)/adamw/AdamW.swift."))
        let starter = try #require(EmbeddedContent.file(at: "exercises/adamw/starter/AdamW.swift")).text
        #expect(try String(contentsOfFile: root + "/adamw/AdamW.swift", encoding: .utf8) == starter)
        try "// mine".write(toFile: root + "/adamw/AdamW.swift", atomically: true, encoding: .utf8)
        let again = Self.texts(try loop.start("adamw", &progress))
        #expect(again.map(Self.unwrapped).contains("\(root)/adamw/AdamW.swift already exists; it is left as it is (`optimlab reset adamw` restores the starter)."))
        #expect(try String(contentsOfFile: root + "/adamw/AdamW.swift", encoding: .utf8) == "// mine")
        #expect(progress.exercises["adamw"]?.status == .inProgress)
        _ = try loop.reset("adamw", &progress)
        #expect(try String(contentsOfFile: root + "/adamw/AdamW.swift", encoding: .utf8) == starter)
        #expect(throws: CLIError.self) { try loop.start("adamx", &progress) }
    }

    @Test func hintsAdvanceAndStopAtTheLast() throws {
        let (loop, _) = try Self.loop()
        var progress = LearnerProgress(learner: "abc")
        let hints = try loop.catalog.load("adamw").hints
        #expect(hints.count == 4)
        for i in 0..<4 {
            #expect(Self.texts(try loop.hint("adamw", &progress)).map(Self.unwrapped) == ["Hint \(i + 1)/4: \(hints[i])"])
        }
        #expect(Self.texts(try loop.hint("adamw", &progress)) == ["No more hints (all 4 shown)."])
        #expect(progress.exercises["adamw"]?.hintsShown == 4)
    }

    @Test func theSolutionWaitsForAPass() throws {
        let (loop, _) = try Self.loop()
        var progress = LearnerProgress(learner: "abc")
        #expect(Self.texts(try loop.solution("adamw", progress))
                == ["The reference solution of adamw opens once your code passes.\n`optimlab hint adamw` helps meanwhile."])
        _ = progress.exercise("adamw")
        progress.exercises["adamw"]?.passed = true
        let shown = Self.texts(try loop.solution("adamw", progress)).joined(separator: "\n")
        #expect(shown.contains("Reference solution of adamw") && (shown.contains("struct AdamW") || shown.contains("class AdamW")))
    }

    @Test func gradingUsesTheLearnersSeedAndRecordsTheVerdict() throws {
        var (loop, root) = try Self.loop()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var progress = LearnerProgress(learner: "abc")
        _ = try loop.start("adamw", &progress)
        let seed = try #require(progress.exercises["adamw"]?.seed)
        let (report, displays) = try loop.grade("adamw", &progress)
        #expect(report.status == .failed)
        #expect(report.cases.compactMap(\.seed).first == seed)          // case 1 of generated cases uses the seed itself
        // The command on a line of its own, never wrapped, so it copies whole however long the path.
        #expect(Self.texts(displays).last == "Replay these numbers:\n    optimlab grade \(root)/adamw/AdamW.swift --exercise adamw --seed \(seed)")
        #expect(progress.exercises["adamw"]?.lastVerdict == "failed" && progress.exercises["adamw"]?.gradings == 1)
        #expect(loop.current(progress) == "sgd-momentum")
        #expect(loop.next(after: "adamw", progress) == "amsgrad")
    }

    @Test func replWordsForExercises() {
        #expect(ReplCommand.parse("exercises", awaitingAnswer: false) == .exercises)
        #expect(ReplCommand.parse("start adamw", awaitingAnswer: false) == .start("adamw"))
        #expect(ReplCommand.parse("grade", awaitingAnswer: false) == .grade(nil))
        #expect(ReplCommand.parse("grade adamw", awaitingAnswer: true) == .grade("adamw"))
        #expect(ReplCommand.parse("hint", awaitingAnswer: true) == .hint)
        #expect(ReplCommand.parse("hint adamw", awaitingAnswer: false) == .exerciseHint("adamw"))
        #expect(ReplCommand.parse("solution adamw", awaitingAnswer: false) == .exerciseSolution("adamw"))
        #expect(ReplCommand.parse("reset adamw", awaitingAnswer: false) == .reset("adamw"))
        #expect(ReplCommand.parse("start", awaitingAnswer: false) == .usage("start"))
    }

    @Test func replRunsTheLoopOnTheSessionsProgress() throws {
        let (_, root) = try Self.loop()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let store = ProgressStore(path: root + "/p.json")
        var out: [String] = []
        var repl = Repl(session: LessonSession(course: Course(directory: "", lessons: []), progress: LearnerProgress(learner: "abc"), store: store),
                        reader: PlainLineReader(lines: ["hint adamw", "reset adamw", "n", "hint adamw", "quit"]), terminal: .plain,
                        interactive: false, write: { out.append($0) })
        repl.exercises = ExerciseLoop(workspace: Workspace(root: root + "/work"), catalog: ExerciseCatalog())
        repl.run()
        let text = out.joined(separator: "\n")
        #expect(text.contains("Hint 1/4: ") && text.contains("Hint 2/4: "))
        #expect(text.contains("Left as it is."))
        #expect(!FileManager.default.fileExists(atPath: root + "/work/adamw/AdamW.swift"))
        #expect(try store.load().progress.exercises["adamw"]?.hintsShown == 2)
    }

    @Test func numericAnswersShowTheEngineValueAndTolerance() throws {
        let (root, lessons) = try Fixtures.course()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var out: [String] = []
        var repl = Repl(session: LessonSession(course: Course.load(directory: lessons), progress: LearnerProgress(learner: "abc"), store: nil),
                        reader: PlainLineReader(lines: ["open bias", "", "", "1e-3", "back", "quit"]), terminal: .plain,
                        interactive: false, write: { out.append($0) })
        repl.run()
        let text = out.joined(separator: "\n")
        #expect(text.contains("(tolerance: relative 0.1%)"))                                   // said with the question
        #expect(text.contains("[ok] Correct. The engine's value is 0.001 (tolerance: relative 0.1%)."))
        #expect(text.contains("Already solved: the answer is 0.001 (tolerance: relative 0.1%). `next` goes on."))
    }

    @Test func shardsSplitAFolderWithEveryFileOnce() throws {
        let files = ["e.swift", "a.swift", "d.swift", "b.swift", "c.swift"]
        #expect(try Shard(parsing: "1/2").select(files) == ["a.swift", "c.swift", "e.swift"])
        #expect(try Shard(parsing: "2/2").select(files) == ["b.swift", "d.swift"])
        #expect(try Shard(parsing: "3/3").select(files) == ["c.swift"])
        for bad in ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"] {
            #expect(throws: CLIError.self) { try Shard(parsing: bad) }
        }
    }

    @Test func githubAnnotationsPointAtTheCompileErrorLine() {
        let output = "sub/a.swift:3:27: error: cannot convert value of type 'String' to 'Int'\n  let x: Int = \"a\"\nsub/a.swift:9:1: warning: unused\nother.swift:1:1: error: not the student's"
        let r = SubmissionReport(exerciseID: "adamw", exerciseTitle: "AdamW", submission: "sub/a.swift", compileOutput: output)
        #expect(GitHubReport.render([r]) == """
            ::error file=sub/a.swift,line=3,title=adamw%3A does not compile::cannot convert value of type 'String' to 'Int'
            optimlab: sub/a.swift: compile-error (0/10 points)

            """)
        #expect(GitHubReport.escapeData("50% done\nnext") == "50%25 done%0Anext")
        #expect(GitHubReport.escapeProperty("a,b:c") == "a%2Cb%3Ac")
        #expect(GitHubReport.render([]) == "::error title=optimlab::no submission was graded\n")
    }
}
