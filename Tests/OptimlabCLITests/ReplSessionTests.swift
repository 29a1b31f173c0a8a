import Foundation
import Testing
@testable import OptimlabCLI
import OptimlabCourseware

@Suite struct ReplSessionTests {
    /// Drives the REPL loop in-process with scripted lines and returns the transcript.
    func transcript(_ lines: [String], lessons: String, progress: String) -> String {
        let course = Course.load(directory: lessons)
        let store = ProgressStore(path: progress)
        let loaded = (try? store.load().progress) ?? .fresh()
        let out = Transcript()
        var repl = Repl(session: LessonSession(course: course, progress: loaded, store: store),
                        reader: PlainLineReader(lines: lines), terminal: .plain, interactive: false, write: { out.lines.append($0) })
        repl.run()
        return out.lines.joined(separator: "\n")
    }

    final class Transcript: @unchecked Sendable { var lines: [String] = [] }

    @Test func aScriptedLessonAnsweredWrongThenRight() throws {
        let (root, lessons) = try Fixtures.course()
        let progress = root + "/progress.json"
        let text = transcript(["open bias", "", "", "0.003162", "hint", "1e-3", "calc 1/(1 - 0.9)", "quit"],
                              lessons: lessons, progress: progress)
        let expected = [
            "Bias correction\n===============",
            "# Bias correction\n\nAdam's moments start at zero.",
            "The correction factors\n+---+-----------+\n| t | 1/(1−β₁ᵗ) |\n+---+-----------+\n| 1 |        10 |\n| 2 |   5.26316 |\n+---+-----------+",
            "? With g = 2, how far does Adam move on step 1?\n(tolerance: relative 0.1%)",
            "[x] Not quite: that is the answer with the mistake “No bias correction”.",
            "2 tries left. `hint` gives a hint; `solution` shows the answer.",
            "Hint 1/1: m̂₁ = g and v̂₁ = g².",
            "[ok] Correct. The engine's value is 0.001 (tolerance: relative 0.1%).",
            "? What is 1/(1 − β₁ᵗ) for β₁ = 0.9 and t = ",
            "= 10",
            "Progress saved. Bye.",
        ]
        var rest = Substring(text)
        for piece in expected {
            guard let r = rest.range(of: piece) else { Issue.record("missing, in order: \(piece)\n--- transcript ---\n\(text)"); return }
            rest = rest[r.upperBound...]
        }
        let saved = try ProgressStore(path: progress).load().progress
        let q = try #require(saved.lessons["bias"]?.questions["first-step"])
        #expect(q.answers == ["0.003162", "1e-3"] && q.attempts == 2 && q.solved && q.hintsShown == 1)
        #expect(saved.lessons["bias"]?.step == 3)           // the drawn question after it
        #expect(saved.currentLesson == "bias")
    }

    @Test func commandsAtAQuestionAndUnknownInput() throws {
        let (root, lessons) = try Fixtures.course()
        let text = transcript(["nxet", "open bias", "next", "next", "next", "solution", "next", "skip", "back", "help", "quit"],
                              lessons: lessons, progress: root + "/p.json")
        #expect(text.contains("[x] Unknown command 'nxet'. Did you mean `next`? `help` lists the commands."))
        #expect(text.contains("Answer the question first — or `hint`, `solution`, or `skip` to move on."))
        #expect(text.contains("The answer: 0.001 (tolerance: relative 0.1%). `next` goes on; `retry` asks it\nagain later with fresh numbers."))
        #expect(text.contains("Skipped. The answer was "))
        #expect(text.contains("That is all."))
        #expect(text.contains("Commands (at a question, anything else you type is your answer):"))
    }

    @Test func rerunAnExampleWithOwnInputs() throws {
        let (root, lessons) = try Fixtures.course()
        let text = transcript(["open bias", "", "rerun factors steps=[1, 3] beta1=0.5", "rerun factors stepz=[1]", "rerun nope", "quit"],
                              lessons: lessons, progress: root + "/p.json")
        #expect(text.contains("| 1 |         2 |\n| 3 |   1.14286 |"))          // 1/(1−0.5), 1/(1−0.125)
        #expect(text.contains("[x] bias_table has no argument 'stepz' (it takes beta1, beta2, steps); did you\n    mean steps?"))
        #expect(text.contains("[x] No example 'nope' in this lesson. Examples: factors."))
    }

    @Test func commandClassification() {
        #expect(ReplCommand.parse("  next ", awaitingAnswer: true) == .next)
        #expect(ReplCommand.parse("next time", awaitingAnswer: true) == .answer("next time"))
        #expect(ReplCommand.parse("b", awaitingAnswer: true) == .answer("b"))
        #expect(ReplCommand.parse("open adam", awaitingAnswer: true) == .open("adam"))
        #expect(ReplCommand.parse("help functions", awaitingAnswer: false) == .helpFunctions)
        #expect(ReplCommand.parse("rerun three-steps lr=0.1", awaitingAnswer: false) == .rerun("three-steps", "lr=0.1"))
        #expect(ReplCommand.parse("2 * 3", awaitingAnswer: false) == .expression("2 * 3"))
        #expect(ReplCommand.parse("frobnicate", awaitingAnswer: false) == .unknown("frobnicate"))
        #expect(ReplCommand.parse("pi", awaitingAnswer: false) == .expression("pi"))
        #expect(ReplCommand.parse("open", awaitingAnswer: true) == .usage("open"))
        #expect(ReplCommand.parse("open the box", awaitingAnswer: true) == .answer("open the box"))
        #expect(ReplCommand.parse("frob nicate", awaitingAnswer: false) == .unknown("frob"))
    }

    @Test func completionCandidates() {
        var words = CompletionWords()
        words.lessons = ["adam", "adamw", "bias"]
        words.examples = ["three-steps"]
        #expect(words.candidates(line: "op", text: "op", start: 0) == ["open"])
        #expect(words.candidates(line: "open ad", text: "ad", start: 5) == ["adam", "adamw"])
        #expect(words.candidates(line: "rerun th", text: "th", start: 6) == ["three-steps"])
        #expect(words.candidates(line: "calc bias_c", text: "bias_c", start: 5) == ["bias_correction"])
    }
}
