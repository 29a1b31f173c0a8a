import Foundation
import Testing
@testable import OptimlabCourseware

/// Progress files from other versions: older ones migrate with the learner's answers intact, newer
/// ones are refused and never touched, and leftovers of a killed writer are cleaned up.
@Suite struct ProgressVersionTests {
    /// A file from before the `version` field (and before `hintsShown`/`skipped`) loads with its answers.
    @Test func unversionedFileMigrates() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        let old = #"{"learner": "ada", "currentLesson": "adam", "lessons": {"adam": {"step": 4, "questions": {"q": {"seed": 12, "attempts": 2, "answers": ["1", "0.5"], "solved": true}}}}}"#
        try old.write(toFile: store.path, atomically: true, encoding: .utf8)
        let (progress, warning) = try store.load()
        #expect(warning == nil)
        #expect(progress.version == LearnerProgress.currentVersion && progress.learner == "ada" && progress.currentLesson == "adam")
        let q = try #require(progress.lessons["adam"]?.questions["q"])
        #expect(q.seed == 12 && q.attempts == 2 && q.answers == ["1", "0.5"] && q.solved && !q.revealed && q.hintsShown == 0)
        #expect(progress.lessons["adam"]?.step == 4 && progress.lessons["adam"]?.completed == false)
        // Saved back, it is the current version and loads the same.
        try store.save(progress)
        #expect(try store.load().progress == progress)
        #expect(try String(contentsOfFile: store.path, encoding: .utf8).contains("\"version\" : \(LearnerProgress.currentVersion)"))
    }

    /// With no learner either, the migration makes one up rather than discarding the lessons.
    @Test func unversionedFileWithoutLearner() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        try #"{"lessons": {"sgd": {"completed": true}}}"#.write(toFile: store.path, atomically: true, encoding: .utf8)
        let (progress, warning) = try store.load()
        #expect(warning == nil && !progress.learner.isEmpty && progress.lessons["sgd"]?.completed == true)
    }

    /// Every newer version, with any content, is refused with the message and left byte for byte.
    @Test func newerVersionsAreRefusedUntouched() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        for version in [LearnerProgress.currentVersion + 1, 4, 99, Int(Int32.max)] {
            let text = "{\"version\": \(version), \"lessons\": [\"a new shape\"], \"learner\": 5}"
            try text.write(toFile: store.path, atomically: true, encoding: .utf8)
            #expect(throws: ProgressError.newerVersion(path: store.path, version: version)) { _ = try store.load() }
            // A session over the refused file never starts, so nothing can save over it.
            #expect(try String(contentsOfFile: store.path, encoding: .utf8) == text)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["progress.json"])
        }
    }

    /// A temporary file of a dead writer is removed on load; one of a live process is kept.
    @Test func staleTemporaryFilesAreRemoved() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        try store.save(LearnerProgress(learner: "ada"))
        let dead = dir + "/progress.json.tmp-999999999", alive = dir + "/progress.json.tmp-1"
        try "{\"version\": 1, \"lear".write(toFile: dead, atomically: false, encoding: .utf8)
        try "{}".write(toFile: alive, atomically: false, encoding: .utf8)          // pid 1 is always running
        #expect(try store.load().progress.learner == "ada")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["progress.json", "progress.json.tmp-1"])
    }

    /// 2,000 mutated progress files: each loads (maybe fresh, with the corrupt file moved aside and a
    /// warning naming it), or is refused as newer; nothing traps and nothing is silently lost.
    @Test func mutatedProgressFilesLoadOrAreSetAside() throws {
        let dir = try temporaryDirectory()
        var p = LearnerProgress(learner: "ada")
        p.currentLesson = "adam"
        p[lesson: "adam"].step = 3
        var q = QuestionProgress(seed: 42); q.answers = ["0.1", "−2"]; q.attempts = 2
        p[lesson: "adam"].questions["q1"] = q
        let original = try JSONEncoder().encode(p)
        let junk = Array(#"{}[]",:-0123456789e.truefalsnul\ "#.utf8)
        for seed in UInt64(0)..<2000 {
            var rng = SeededGenerator(seed: seed)
            var bytes = Array(original)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[i] = junk.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                case 2: bytes = Array(bytes[..<i])
                default: bytes[i] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            let path = dir + "/p\(seed).json"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do {
                let (loaded, warning) = try ProgressStore(path: path).load(now: Date(timeIntervalSince1970: 1000))
                if let warning {
                    #expect(warning.contains("moved to \(path).corrupt-1000"), "seed \(seed)")
                    #expect(FileManager.default.contents(atPath: path + ".corrupt-1000") == Data(bytes), "seed \(seed)")
                } else {
                    #expect(loaded.learner.isEmpty == false, "seed \(seed)")
                }
            } catch {
                guard case .newerVersion = error else { Issue.record("seed \(seed): \(error)"); continue }
                #expect(FileManager.default.contents(atPath: path) == Data(bytes), "seed \(seed)")
            }
        }
    }
}

/// Parseable but hostile counters in a progress file (hand-edited, or from a buggy tool) are clamped
/// on load, so the session's arithmetic and indexing on them cannot trap.
@Suite struct ProgressCounterTests {
    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "-1", "1000001"])
    func extremeCountersAreClampedAndTheSessionRuns(_ n: String) throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        let text = """
            {"version": 1, "learner": "ada", "currentLesson": "drill", "lessons": {"drill": {"step": \(n), "completed": false,
             "questions": {"lr": {"seed": 3, "attempts": \(n), "answers": [], "solved": false, "revealed": false,
             "skipped": false, "hintsShown": \(n)}}}}}
            """
        try text.write(toFile: store.path, atomically: true, encoding: .utf8)
        let progress = try store.load().progress
        let lesson = try #require(progress.lessons["drill"])
        let q = try #require(lesson.questions["lr"])
        for value in [lesson.step, q.attempts, q.hintsShown] { #expect((0...1_000_000).contains(value), "\(n)") }
        // Every command over the clamped progress runs.
        let parsed = try #require(LessonParser.parse(SessionTests.text, path: "01-drill.md").lesson)
        var session = LessonSession(course: Course(directory: "mem", lessons: [parsed]), progress: progress, store: store)
        _ = session.lessonList()
        _ = session.resume()
        for _ in 0..<3 { _ = session.hint(); _ = session.answer("1"); _ = session.back(); _ = session.next() }
        #expect(try store.load().warning == nil)
    }
}
