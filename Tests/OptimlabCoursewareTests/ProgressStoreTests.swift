import Foundation
import OptimlabTestSupport
import Testing
@testable import OptimlabCourseware

/// A fresh folder for one test, deleted when the test process exits at the latest.
func temporaryDirectory() throws -> String {
    TemporaryDirectory(prefix: "optimlab-test", mode: 0o755).path
}

@Suite struct ProgressStoreTests {
    @Test func savesAtomicallyAndReadsBack() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/state/progress.json")
        var p = LearnerProgress(learner: "abc")
        p.currentLesson = "adam"
        p[lesson: "adam"].step = 3
        p[lesson: "adam"].questions["q1"] = QuestionProgress(seed: 7)
        try store.save(p)
        #expect(try store.load().progress == p)
        // Only the file itself is left: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/state") == ["progress.json"])
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text.contains("\"version\" : 3"))
        #expect(text.contains("\"step\" : 3"))
    }

    @Test func corruptFileIsMovedAsideWithAWarning() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        try "{\"version\": 1, \"learn".write(toFile: store.path, atomically: true, encoding: .utf8)
        let (progress, warning) = try store.load(now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(progress.lessons.isEmpty)
        #expect(warning?.hasPrefix("\(store.path) could not be read") == true)
        #expect(warning?.hasSuffix("it was moved to \(store.path).corrupt-1700000000 and progress starts afresh.") == true)
        #expect(try String(contentsOfFile: store.path + ".corrupt-1700000000", encoding: .utf8) == "{\"version\": 1, \"learn")
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test func newerVersionIsRefusedAndNeverOverwritten() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        let newer = "{\"version\": 4, \"learner\": \"x\", \"lessons\": {}, \"future\": true}"
        try newer.write(toFile: store.path, atomically: true, encoding: .utf8)
        #expect(throws: ProgressError.newerVersion(path: store.path, version: 4)) { _ = try store.load() }
        #expect(ProgressError.newerVersion(path: "p.json", version: 4).description
                == "p.json was written by a newer optimlab (progress version 4; this one reads 3). It is left untouched: update optimlab, or use --progress FILE for another file.")
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == newer)
    }

    @Test func versionOneFileIsMigratedWithItsLessonsKept() throws {
        let dir = try temporaryDirectory()
        let store = ProgressStore(path: dir + "/progress.json")
        let old = """
            {"version": 1, "learner": "abc", "currentLesson": "adam",
             "lessons": {"adam": {"step": 2, "completed": false, "questions": {"q": {"seed": 5, "attempts": 1, "answers": ["3"],
               "solved": true, "revealed": false, "skipped": false, "hintsShown": 0}}}}}
            """
        try old.write(toFile: store.path, atomically: true, encoding: .utf8)
        var (progress, warning) = try store.load()
        #expect(warning == nil)
        #expect(progress.version == 3 && progress.exercises.isEmpty)
        #expect(progress.lessons["adam"]?.questions["q"]?.answers == ["3"])
        let record = progress.exercise("adamw")
        #expect(record.seed == SeededGenerator.seed(learner: "abc", lesson: "exercise", question: "adamw") & 0x1F_FFFF_FFFF_FFFF)
        #expect(record.status == .notStarted)
        progress.exercises["adamw"]?.hintsShown = 2
        try store.save(progress)
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text.contains("\"version\" : 3") && text.contains("\"hintsShown\" : 2"))
        #expect(try store.load().progress.exercises["adamw"]?.seed == record.seed)
    }

    @Test func exerciseStatusFollowsStartAndPass() {
        var p = ExerciseProgress(seed: 1)
        #expect(p.status == .notStarted)
        p.started = true
        #expect(p.status == .inProgress)
        p.passed = true
        #expect(p.status == .passed)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ProgressStore.defaultPath(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"]) == "/x/state/optimlab/progress.json")
        #expect(ProgressStore.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/optimlab/progress.json")
    }
}
