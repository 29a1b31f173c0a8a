import Testing
@testable import OptimlabCourseware

@Suite struct SessionTests {
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
        attempts: 2
        hints: ["Linear: peak·s/W.", "So {{ 3e-4 * s / 100 | sci3 }}."]
        solution: "peak·s/W = {{ warmup_cosine(s, 3e-4, 100, 2000) | sci4 }}"
        ```
        """

    func session(_ progress: LearnerProgress = LearnerProgress(learner: "ada")) throws -> LessonSession {
        let lesson = try #require(LessonParser.parse(Self.text, path: "01-drill.md").lesson)
        return LessonSession(course: Course(directory: "mem", lessons: [lesson]), progress: progress, store: nil)
    }

    @Test func seedIsPerLearnerStoredAndReused() throws {
        var s = try session()
        _ = s.open("drill")
        _ = s.next()
        let seed = try #require(s.progress.lessons["drill"]?.questions["lr"]?.seed)
        #expect(seed == SeededGenerator.seed(learner: "ada", lesson: "drill", question: "lr") & 0x1F_FFFF_FFFF_FFFF)
        let shown = s.show()
        // A new session over the saved progress draws the same inputs, so shows the same prompt.
        var again = try session(s.progress)
        _ = again.open("drill")
        #expect(again.show() == shown)
        // Another learner gets another seed.
        var other = try session(LearnerProgress(learner: "bob"))
        _ = other.open("drill")
        _ = other.next()
        #expect(other.progress.lessons["drill"]?.questions["lr"]?.seed != seed)
    }

    @Test func hintsAreProgressiveAndTheSolutionComesAfterTheAttempts() throws {
        var s = try session()
        _ = s.open("drill")
        _ = s.next()
        #expect(s.next() == [.note("Answer the question first — or `hint`, `solution`, or `skip` to move on.")])
        guard case .note(let h1)? = s.hint().first, case .note(let h2)? = s.hint().first else { Issue.record("no hints"); return }
        #expect(h1 == "Hint 1/2: Linear: peak·s/W.")
        #expect(h2.hasPrefix("Hint 2/2: So "))
        #expect(s.hint() == [.note("No more hints. `solution` shows the worked answer.")])
        _ = s.answer("1")
        let last = s.answer("2")
        #expect(last.contains { if case .text(let t) = $0 { t.hasPrefix("Solution (after 2 tries): peak·s/W = ") } else { false } })
        let q = try #require(s.progress.lessons["drill"]?.questions["lr"])
        #expect(q.revealed && !q.solved && q.attempts == 2 && q.hintsShown == 2)
        #expect(s.pendingQuestion == nil)
        // Moving on ends the lesson.
        #expect(s.next().first == .success("Lesson “Drill” complete (0/1 questions solved)."))
        #expect(s.progress.lessons["drill"]?.completed == true)
    }

    @Test func unreadableAnswersCostNoAttempt() throws {
        var s = try session()
        _ = s.open("drill")
        _ = s.next()
        #expect(s.answer("three") == [.note("'three' is not a number I can read; type e.g. 7.5e-5, 0.000075, 7.5×10^-5 or 3/4")])
        #expect(s.progress.lessons["drill"]?.questions["lr"]?.attempts == 0)
    }
}
