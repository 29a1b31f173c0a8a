import Testing
import Foundation
@testable import OptimlabCourseware

/// `retry` and `practice` ask a question again with a new variant seed; the progress keeps every
/// attempt, merges keep both runs' attempts, and older files migrate with nothing lost.
@Suite struct RepracticeTests {
    static let text = """
        ---
        id: drill
        title: Drill
        ---
        Intro.

        ```question
        id: lr
        prompt: "Warmup lr at step {{ s }} of 100 with peak 3e-4?"
        given: {s: {random: [1, 99], integer: true}}
        answer: warmup_cosine(s, 3e-4, 100, 2000)
        precision: {sig: 3}
        attempts: 2
        ```

        ```question
        id: same
        shares: lr
        prompt: "Same step {{ s }}: how far into the warmup is it, as a fraction?"
        answer: s / 100
        precision: {sig: 3}
        ```

        Outro.
        """

    func session(seed: UInt64? = nil) throws -> LessonSession {
        let lesson = try #require(LessonParser.parse(Self.text, path: "01-drill.md").lesson)
        return LessonSession(course: Course(directory: "mem", lessons: [lesson]), progress: LearnerProgress(learner: "ada"), store: nil, seed: seed)
    }

    func prompt(_ out: [Display]) -> String? {
        out.compactMap { if case .question(let p, _) = $0 { p } else { nil } }.first
    }

    @Test func retryAsksAgainWithFreshNumbersAndKeepsTheAttempt() throws {
        var s = try session()
        _ = s.open("drill")
        let first = try #require(prompt(s.next()))
        _ = s.answer("1")
        _ = s.answer("2")                                   // two wrong tries: revealed
        let before = try #require(s.progress.lessons["drill"]?.questions["lr"])
        #expect(before.revealed && before.attempts == 2)
        _ = s.next()                                         // on to the shared question
        let again = s.retry()
        #expect(again.first == .note("Again with fresh numbers (attempt 2):"))
        let second = try #require(prompt(again))
        let p = try #require(s.progress.lessons["drill"]?.questions["lr"])
        #expect(p.variant == 1 && p.seed != before.seed && p.attempts == 0 && !p.isSettled)
        #expect(p.history == [before.currentAttempt])
        #expect(p.history[0].answers == ["1", "2"] && p.history[0].outcome == "revealed")
        #expect(second != first)
        // Solving it goes back to where the learner was.
        let pending = try #require(s.pendingQuestion)
        let s2 = try #require(try QuestionInstance(pending, seed: p.seed).expected)
        let out = s.answer(ValueFormatter.readable(Precision(.significant(3)).rounded(s2)))
        #expect(out.contains(.note("Back to where you were.")))
        #expect(s.progress.lessons["drill"]?.questions["lr"]?.everSolved == true)
        #expect(s.step.map { if case .question(let q) = $0.content { q.id == "same" } else { false } } == true)
    }

    @Test func sharedGivensShowTheNumbersOfTheQuestionBefore() throws {
        var s = try session()
        _ = s.open("drill")
        _ = s.next()
        let lr = try #require(s.progress.lessons["drill"]?.questions["lr"]?.seed)
        let question = try #require(s.lesson?.question("lr"))
        let step = try #require(try QuestionInstance(question, seed: lr).inputs["s"])
        _ = s.skip()
        let shown = try #require(prompt(s.show()))
        #expect(shown.hasPrefix("Same step \(ValueFormatter.format(step)):"))
    }

    @Test func practiceNamesAQuestion() throws {
        var s = try session()
        #expect(s.practice("lr") == [.note("Open a lesson first, or name the question as LESSON/ID (e.g. adam/first-update).")])
        #expect(prompt(s.practice("drill/lr")) != nil)
        #expect(s.practice("drill/nope") == [.failure("No question 'nope' in drill. Its questions: lr, same.")])
        #expect(s.retry() == [.note("Nothing to retry: every question you have answered is solved. `practice ID` asks any question again.")])
    }

    @Test func mergeKeepsTheOtherRunsAttempts() {
        var base = QuestionProgress(seed: 10)
        base.attempts = 1; base.answers = ["3"]
        var mine = base
        mine.startVariant(seed: 11)
        var theirs = base
        theirs.answers = ["3", "4"]; theirs.attempts = 2; theirs.revealed = true
        theirs.startVariant(seed: 11)
        theirs.answers = ["5"]; theirs.attempts = 1; theirs.solved = true
        theirs.startVariant(seed: 12)
        let merged = QuestionProgress.merged(base: base, mine: mine, theirs: theirs)
        // This run's current attempt (seed 11, untouched here) takes the other run's answers to it.
        #expect(merged.seed == 11 && merged.variant == 1 && merged.solved && merged.answers == ["5"])
        // The first attempt keeps the record with more tries; the other run's fresh third one adds nothing.
        #expect(merged.history.map(\.seed) == [10])
        #expect(merged.history[0].answers == ["3", "4"] && merged.history[0].revealed)
    }

    @Test func aVersion2FileMigratesWithItsAnswers() throws {
        let old = #"{"version": 2, "learner": "ada", "lessons": {"drill": {"step": 1, "questions": {"lr": {"seed": 5, "attempts": 2, "answers": ["1", "2"], "revealed": true}}}}, "exercises": {}}"#
        let progress = try JSONDecoder().decode(LearnerProgress.self, from: Data(old.utf8))
        let q = try #require(progress.lessons["drill"]?.questions["lr"])
        #expect(progress.version == 3 && q.answers == ["1", "2"] && q.revealed && q.history.isEmpty && q.variant == 0)
        let again = try JSONDecoder().decode(LearnerProgress.self, from: try JSONEncoder().encode(progress))
        #expect(again == progress)
    }

    @Test func fixedSeedGivesEveryQuestionThatSeed() throws {
        var s = try session(seed: 7)
        _ = s.open("drill")
        _ = s.next()
        #expect(s.progress.lessons["drill"]?.questions["lr"]?.seed == 7)
    }
}
