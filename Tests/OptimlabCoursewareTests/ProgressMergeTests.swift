import Foundation
import Testing
@testable import OptimlabCourseware

/// Two optimlab runs on one progress file (a REPL, and `watch` or `hint` in another terminal): each
/// save merges with what the other saved, so neither run's work is lost.
@Suite struct ProgressMergeTests {
    static func question(seed: UInt64, solved: Bool, attempts: Int) -> QuestionProgress {
        var q = QuestionProgress(seed: seed)
        q.solved = solved
        q.attempts = attempts
        return q
    }

    @Test func recordsChangedOnOneSideAreKept() {
        var base = LearnerProgress(learner: "ada")
        base.currentLesson = "adam"
        base[lesson: "adam"].step = 2
        var mine = base, theirs = base
        mine[lesson: "adam"].step = 3                                  // the REPL moved on
        _ = theirs.exercise("adamw")
        theirs.exercises["adamw"]?.hintsShown = 1                      // `hint adamw` elsewhere
        theirs[lesson: "rmsprop"].questions["q1"] = Self.question(seed: 5, solved: true, attempts: 1)

        let merged = LearnerProgress.merged(base: base, mine: mine, theirs: theirs)
        #expect(merged[lesson: "adam"].step == 3)
        #expect(merged.exercises["adamw"]?.hintsShown == 1)
        #expect(merged[lesson: "rmsprop"].questions["q1"]?.solved == true)
        #expect(merged.currentLesson == "adam")
        // Merging is symmetric here: the other run's save sees the same result.
        #expect(LearnerProgress.merged(base: base, mine: theirs, theirs: mine) == merged)
    }

    @Test func oneLessonMovedInBothKeepsTheMoverStepAndEveryAnswer() {
        var base = LearnerProgress(learner: "ada")
        base[lesson: "adam"].step = 1
        var mine = base, theirs = base
        mine[lesson: "adam"].questions["a"] = Self.question(seed: 1, solved: true, attempts: 2)
        theirs[lesson: "adam"].step = 4
        theirs[lesson: "adam"].completed = true
        theirs[lesson: "adam"].questions["b"] = Self.question(seed: 2, solved: false, attempts: 3)
        theirs[lesson: "adam"].questions["a"] = Self.question(seed: 1, solved: false, attempts: 1)

        let adam = LearnerProgress.merged(base: base, mine: mine, theirs: theirs)[lesson: "adam"]
        #expect(adam.step == 4 && adam.completed)                      // only they moved
        #expect(adam.questions["a"] == Self.question(seed: 1, solved: true, attempts: 2))   // both answered: mine
        #expect(adam.questions["b"]?.attempts == 3)
    }

    @Test func oneExerciseGradedInBothKeepsThePassAndTheLargerCounts() {
        var base = LearnerProgress(learner: "ada")
        _ = base.exercise("adamw")
        var mine = base, theirs = base
        mine.exercises["adamw"]?.gradings = 2
        mine.exercises["adamw"]?.lastVerdict = "failed"
        theirs.exercises["adamw"]?.gradings = 5
        theirs.exercises["adamw"]?.passed = true
        theirs.exercises["adamw"]?.hintsShown = 2

        let adamw = LearnerProgress.merged(base: base, mine: mine, theirs: theirs).exercises["adamw"]
        #expect(adamw?.passed == true && adamw?.gradings == 5 && adamw?.hintsShown == 2 && adamw?.lastVerdict == "failed")
    }

    @Test func anotherLearnersFileIsNotMixedIn() {
        var base = LearnerProgress(learner: "ada")
        base[lesson: "adam"].step = 1
        var mine = base
        mine[lesson: "adam"].step = 2
        var theirs = LearnerProgress(learner: "bob")
        theirs[lesson: "sgd"].step = 7
        #expect(LearnerProgress.merged(base: base, mine: mine, theirs: theirs) == mine)
    }

    @Test func twoSessionsOnOneFileKeepBothLessons() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: dir + "/progress.json")
        let parsed = try #require(LessonParser.parse(SessionTests.text, path: "01-drill.md").lesson)
        let course = Course(directory: "mem", lessons: [parsed])
        let start = LearnerProgress(learner: "ada")
        try store.save(start)
        // Both open the file before either saves.
        var first = LessonSession(course: course, progress: try store.load().progress, store: store)
        var second = LessonSession(course: course, progress: try store.load().progress, store: store)
        _ = first.open("drill")
        _ = second.updateProgress { p in p.exercises["adamw"] = ExerciseProgress(seed: 9) }
        _ = first.next()
        _ = first.hint()                                                  // first's question record

        let onDisk = try store.load().progress
        #expect(onDisk.exercises["adamw"]?.seed == 9, "the second session's exercise was lost")
        #expect(onDisk.currentLesson == "drill" && onDisk[lesson: "drill"].step == 1)
        #expect(onDisk[lesson: "drill"].questions["lr"]?.hintsShown == 1)
        #expect(onDisk == first.progress)                                 // the first session adopted the merge
        #expect(second.progress.exercises["adamw"]?.seed == 9 && second.progress.lessons["drill"] != nil)
    }

    @Test func aSaveRefusesAFileANewerOptimlabWroteMeanwhile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: dir + "/progress.json")
        let base = LearnerProgress(learner: "ada")
        try store.save(base)
        let newer = #"{"version": 99, "learner": "ada", "lessons": {}}"#
        try newer.write(toFile: store.path, atomically: true, encoding: .utf8)
        var mine = base
        mine[lesson: "adam"].step = 1
        #expect(throws: ProgressError.newerVersion(path: store.path, version: 99)) { try store.save(mine, since: base) }
        #expect(try String(contentsOfFile: store.path, encoding: .utf8) == newer)
    }

    @Test func concurrentSaversInOneProcessLoseNothing() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: dir + "/progress.json")
        let base = LearnerProgress(learner: "ada")
        try store.save(base)
        // Eight writers each record 25 exercises of their own, saving after each one.
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var mine = base, saved = base
                    for i in 0..<25 {
                        mine.exercises["w\(writer)-\(i)"] = ExerciseProgress(seed: UInt64(writer * 100 + i))
                        if let merged = try? store.save(mine, since: saved) { mine = merged; saved = merged }
                    }
                }
            }
        }
        let final = try store.load().progress
        #expect(final.exercises.count == 200)
        #expect(final.exercises["w7-24"]?.seed == 724)
    }
}
