import Foundation
import Testing
@testable import OptimlabCourseware

/// Random command sequences against the session behind the REPL, over the real lessons plus a lesson
/// whose questions are broken the ways a half-finished lesson can be (the checker reports them, but the
/// REPL still loads it). No sequence traps; every step keeps the position inside the lesson; and no
/// `nan` or `inf` is shown without a reason next to it.
@Suite struct SessionFuzzTests {
    static let broken = """
        ---
        id: broken
        title: Broken
        ---
        A hole that divides by zero: {{ 1/0 }}.

        ```question
        id: undefined
        prompt: "What is it?"
        answer: bias_correction(1, 1)
        ```

        ```question
        id: ok
        prompt: "Bias correction for t = 1?"
        answer: bias_correction(0.9, 1)
        hints: ["{{ 1e308 * 10 }}"]
        ```
        """

    static func course() -> Course {
        var files = LessonFuzzTests.lessons.map { (path: $0.name, text: $0.text) }
        files.append((path: "99-broken.md", text: broken))
        return Course.parse(files: files, directory: "mem")
    }

    static let commands = ["lessons", "resume", "next", "back", "hint", "solution", "skip", "show", "open", "rerun", "calc", "answer"]
    static let answers = ["a", "b", "1", "0", "-1", "1e-3", "0.1", "10", "nan", "inf", "1e999", "", " ", "ZZ", "\u{0}",
                          "7/0", "3/4", "1×10^-3", "−0.5", "bias correction", "🙂", String(repeating: "9", count: 500)]
    static let expressions = ["1/0", "0/0", "1e308*10", "sqrt(-1)", "adam_update(0.1)", "bias_correction(0.9, 0)",
                              "step_order_table([[]])", "((((1))))", "at([1], 5)", "unknown(1)", "[", "lr_warmup(", "2^2^2^2^2"]

    /// 300 sessions of 60 random commands each.
    @Test func randomCommandSequences() {
        let course = Self.course()
        #expect(course.lessons.contains { $0.id == "broken" })
        let ids = course.lessons.map(\.id) + ["nope", "", "../etc/passwd"]
        var shown = 0
        for seed in UInt64(0)..<300 {
            var rng = SeededGenerator(seed: seed)
            var session = LessonSession(course: course, progress: LearnerProgress(learner: "fuzz\(seed)"), store: nil)
            for _ in 0..<60 {
                let out: [Display]
                switch Self.commands.randomElement(using: &rng)! {
                case "lessons": out = session.lessonList()
                case "resume": out = session.resume()
                case "next": out = session.next()
                case "back": out = session.back()
                case "hint": out = session.hint()
                case "solution": out = session.solution()
                case "skip": out = session.skip()
                case "show": out = session.show()
                case "open": out = session.open(ids.randomElement(using: &rng)!)
                case "rerun": out = session.rerun(session.lesson?.examples.randomElement(using: &rng)?.id ?? "x",
                                                  ["", "grads=[1, 2]", "lr=1e999", "grads=[]", "lr=0/0", "= =", "grads=[[1]]"].randomElement(using: &rng)!)
                case "calc": out = session.calculate(Self.expressions.randomElement(using: &rng)!)
                default: out = session.answer(Self.answers.randomElement(using: &rng)!)
                }
                shown += out.count
                if let lesson = session.lesson {
                    #expect(session.stepIndex >= 0 && session.stepIndex <= lesson.steps.count, "seed \(seed)")
                }
                Self.expectNoUnexplainedNonFinite(out, seed: seed)
            }
        }
        #expect(shown > 10_000)
    }

    /// A display list that shows nan or inf also says why (a warning or a failure next to it).
    static func expectNoUnexplainedNonFinite(_ out: [Display], seed: UInt64) {
        let pattern = #"(^|[^a-z])(-?inf|nan)([^a-z]|$)"#
        func bare(_ s: String) -> Bool { s.range(of: pattern, options: .regularExpression) != nil }
        for d in out {
            let text: String
            switch d {
            case .text(let s), .result(let s), .question(let s, _): text = s
            case .table(let t, _):
                text = t.rows.flatMap { $0 }.map { if case .number(let x) = $0 { ValueFormatter.number(x) } else { "" } }.joined(separator: " ")
            default: continue
            }
            if bare(text) {
                let explained = out.contains { if case .warning = $0 { true } else if case .failure = $0 { true } else { false } }
                #expect(explained, "seed \(seed): '\(text.prefix(80))' shown without a reason")
            }
        }
    }

    /// The broken lesson step by step: the hole, the unanswerable questions and the hint say what is wrong.
    @Test func theBrokenLessonExplainsItself() {
        var session = LessonSession(course: Self.course(), progress: LearnerProgress(learner: "ada"), store: nil)
        let opened = session.open("broken")
        #expect(opened.contains(.warning("(this step could not be computed: in {{ 1/0 }}: gives inf (division by zero at column 2 gives inf))")))
        _ = session.next()
        // The question whose answer is nan cannot be computed: it says so, and `skip` (which the
        // message offers) moves on — it used to leave the learner stuck on it.
        #expect(session.show() == [.warning("This question cannot be computed (run `optimlab check`); `skip` moves on.")])
        #expect(session.answer("1") == [.warning("This question cannot be computed (run `optimlab check`); `skip` moves on.")])
        #expect(session.skip().first == .note("Skipped."))
        #expect(session.pendingQuestion?.id == "ok")
    }
}
