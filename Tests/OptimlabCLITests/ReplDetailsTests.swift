import Foundation
import Testing
@testable import OptimlabCLI
import OptimlabCourseware

/// The REPL details a student's run found (issue 13), each driven by a piped session and checked by
/// its exact output lines.
@Suite struct ReplDetailsTests {
    func transcript(_ lines: [String], lessons: String, progress: String, seed: UInt64? = nil) -> [String] {
        let course = Course.load(directory: lessons)
        let store = ProgressStore(path: progress)
        let loaded = (try? store.load().progress) ?? .fresh()
        let out = ReplSessionTests.Transcript()
        var repl = Repl(session: LessonSession(course: course, progress: loaded, store: store, seed: seed),
                        reader: PlainLineReader(lines: lines), terminal: .plain, interactive: false, write: { out.lines.append($0) })
        repl.run()
        return out.lines.flatMap { $0.components(separatedBy: "\n") }
    }

    @Test func openByNumberAndByUniquePrefix() throws {
        let (root, lessons) = try Fixtures.course()
        let lines = transcript(["open 1", "open ad", "open 3", "open zz", "quit"], lessons: lessons, progress: root + "/p.json")
        #expect(lines.contains("Bias correction"))
        #expect(lines.contains("AdamW"))
        #expect(lines.contains("[x] No lesson #3: the lessons are numbered 1 to 2. `lessons` lists them."))
        #expect(lines.contains("[x] No lesson 'zz'. `lessons` lists them."))
    }

    @Test func noHintOfferedWhenThereIsNone() throws {
        let (root, lessons) = try Fixtures.course()
        // The fixture's "drawn" question has no hints; "first-step" has one.
        let lines = transcript(["open bias", "", "", "0.5", "hint", "0.5", "skip", "0.5", "quit"], lessons: lessons, progress: root + "/p.json")
        #expect(lines.contains("2 tries left. `hint` gives a hint; `solution` shows the answer."))
        #expect(lines.contains("1 try left. `solution` shows the answer."))          // its one hint was shown
        #expect(lines.contains("2 tries left. `solution` shows the answer."))         // the question without hints
        #expect(!lines.contains { $0.contains("no more hints") || $0.contains("..") })
    }

    @Test func resumeAfterTheLastLessonAndTheCourseEnd() throws {
        let (root, lessons) = try Fixtures.course()
        let progress = root + "/p.json"
        let first = transcript(["open 2", "next", "resume", "quit"], lessons: lessons, progress: progress)
        #expect(first.contains("[ok] Lesson “AdamW” complete (0/0 questions solved)."))
        #expect(first.contains("That was the last lesson; `resume` goes to the first one you have not finished."))
        #expect(first.filter { $0 == "Bias correction" }.count == 1)                  // resume opened lesson 1
        let end = transcript(["open bias", "next", "next", "skip", "skip", "next", "resume", "quit"], lessons: lessons, progress: progress)
        #expect(end.contains("[ok] Lesson “Bias correction” complete (0/2 questions solved)."))
        #expect(end.contains("[ok] You have finished every lesson."))
        #expect(end.joined(separator: "\n").contains("""
            Next come the exercises: `exercises` lists them and `start ID` writes the first
            one's starter. 2 questions are not solved yet: `retry` asks them again with
            fresh numbers.
            """))
    }

    /// `optimlab --seed N` shows what `optimlab lessons --answers --seed N` lists.
    @Test func theSeededSessionShowsTheAnswerKeysNumbers() throws {
        let (root, lessons) = try Fixtures.course()
        let key = AnswerKeyEntry.entries(for: Course.load(directory: lessons), seed: 5)
        let drawn = try #require(key.first { $0.question == "drawn" })
        let lines = transcript(["open bias", "", "", "skip", "quit"], lessons: lessons, progress: root + "/p.json", seed: 5)
        #expect(lines.contains("? " + drawn.prompt))
        let other = transcript(["open bias", "", "", "skip", "quit"], lessons: lessons, progress: root + "/q.json", seed: 6)
        #expect(!other.contains("? " + drawn.prompt))
    }

    @Test func retryAsksAgainAndPracticeNamesAQuestion() throws {
        let (root, lessons) = try Fixtures.course()
        let lines = transcript(["open bias", "", "", "solution", "retry", "practice drawn", "practice nope", "quit"], lessons: lessons, progress: root + "/p.json")
        #expect(lines.joined(separator: "\n").contains("The answer: 0.001 (tolerance: relative 0.1%). `next` goes on; `retry` asks it\nagain later with fresh numbers."))
        #expect(lines.contains("Again (attempt 2):"))
        #expect(lines.contains("Again with fresh numbers (attempt 1):"))
        #expect(lines.contains("[x] No question 'nope' in bias. Its questions: first-step, drawn."))
        let saved = try ProgressStore(path: root + "/p.json").load().progress
        let q = try #require(saved.lessons["bias"]?.questions["first-step"])
        #expect(q.variant == 1 && q.history.count == 1 && q.history[0].revealed)
    }

    @Test func calcAtAQuestionOffersOnlyElementaryFunctions() throws {
        let (root, lessons) = try Fixtures.course()
        let lines = transcript(["open bias", "", "", "calc adam_update(2, t=1)", "calc sqrt(4) * 1e-3", "skip", "skip", "calc adam_update(2, t=1)", "quit"],
                               lessons: lessons, progress: root + "/p.json")
        #expect(lines.joined(separator: "\n").contains("""
            [x] while a question is on screen, calc offers arithmetic and the elementary
                functions (sqrt, exp, ln, log10, abs, cos, …); 'adam_update' is back once
                the question is answered
            """))
        #expect(lines.contains("= 0.002"))
        #expect(lines.filter { $0 == "= -0.001" }.count == 1)   // after the question, the full catalogue
    }
}
