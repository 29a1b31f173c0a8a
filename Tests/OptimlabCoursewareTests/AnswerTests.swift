import Testing
@testable import OptimlabCourseware
import OptimlabEngine

@Suite struct NumericAnswerTests {
    @Test(arguments: [
        ("7.5e-5", 7.5e-5), ("0.000075", 7.5e-5), ("7.5×10^-5", 7.5e-5), ("7.5*10^-5", 7.5e-5), ("7.5x10^-5", 7.5e-5),
        ("7.5 × 10⁻⁵", 7.5e-5), ("75e-6", 7.5e-5), ("3/4", 0.75), ("−0.2", -0.2), ("+0.2", 0.2), (" 1 000 ", 1000),
        ("7.5E-5", 7.5e-5), ("12.5%", 0.125), ("-3 / 4", -0.75), ("10^-3", 1e-3), (".5", 0.5),
    ])
    func accepted(_ input: String, _ expected: Double) throws {
        let x = try NumericAnswer.parse(input)
        #expect(abs(x - expected) <= 1e-15 * abs(expected))
    }

    @Test(arguments: ["", "abc", "1/0", "1e", "0x10", "nan", "inf", "2**", "bias_correction(0.9, 1)", "1,5", "--1", "1..2"])
    func rejected(_ input: String) {
        #expect(throws: NumericAnswer.Rejection.self) { _ = try NumericAnswer.parse(input) }
    }

    @Test func rejectionSaysWhatToType() {
        do { _ = try NumericAnswer.parse("about ten"); Issue.record("accepted") } catch {
            #expect(error.description == "'about ten' is not a number I can read; type e.g. 7.5e-5, 0.000075, 7.5×10^-5 or 3/4")
        }
    }

    @Test func tolerance() {
        let t = Tolerance(relative: 1e-3)
        #expect(t.accepts(1.0009, expected: 1))
        #expect(!t.accepts(1.0011, expected: 1))
        #expect(Tolerance(relative: 0, absolute: 1e-6).accepts(5e-7, expected: 0))
        #expect(t.description == "relative 0.1%")
    }
}

/// A question parsed from a small lesson.
func question(_ yaml: String) throws -> Question {
    let text = "---\nid: t\ntitle: T\n---\n```question\n\(yaml)\n```\n"
    let (lesson, problems) = LessonParser.parse(text, path: "01-t.md")
    #expect(problems == [])
    guard let q = lesson?.questions.first else { throw ExpressionError("no question") }
    return q
}

@Suite struct AnswerCheckingTests {
    static let firstStep = """
        id: first
        prompt: "How far does Adam move on step 1 with g = {{ g }}?"
        given: {g: 2}
        answer: abs(adam_update(g=g, t=1))
        """

    @Test func correctAnswerSaysToleranceAndExactValue() throws {
        let instance = try QuestionInstance(try question(Self.firstStep), seed: 0)
        #expect(instance.expected == 1e-3 * 2 / (2 + 1e-8))
        let v = AnswerChecker.check("1e-3", instance)
        #expect(v.outcome == .correct)
        #expect(v.message == "Correct. The engine's value is 0.001 (tolerance: relative 0.1%).")
    }

    @Test func answerWithoutBiasCorrectionIsRecognised() throws {
        let instance = try QuestionInstance(try question(Self.firstStep), seed: 0)
        // Uncorrected: m = 0.1·g, v = 0.001·g², step = lr·0.1·2/(√0.001·2 + ε) ≈ 3.162e-3.
        let v = AnswerChecker.check("3.162e-3", instance)
        #expect(v.outcome == .wrong)
        #expect(v.mistake == .noBiasCorrection)
        #expect(v.message.hasPrefix("Not quite: that is the answer with the mistake “No bias correction”."))
    }

    @Test func wrongSignAndJunk() throws {
        let instance = try QuestionInstance(try question(Self.firstStep), seed: 0)
        #expect(AnswerChecker.check("-0.001", instance).message == "Not quite: the size is right but the sign is not.")
        #expect(AnswerChecker.check("0.5", instance) == Verdict(outcome: .wrong, message: "Not quite.", mistake: nil))
        #expect(AnswerChecker.check("lots", instance).outcome == .unreadable)
    }

    @Test func choiceAndText() throws {
        let choice = try QuestionInstance(try question("""
            id: c
            kind: choice
            prompt: Which decays every weight by the same fraction?
            choices: [Adam + L2, AdamW]
            answer: AdamW
            explanations: ["L2 is divided by √v̂.", "θ ← θ(1 − lr·λ)."]
            """), seed: 0)
        #expect(AnswerChecker.check("b", choice) == Verdict(outcome: .correct, message: "Correct. θ ← θ(1 − lr·λ).", mistake: nil))
        #expect(AnswerChecker.check("2", choice).outcome == .correct)
        #expect(AnswerChecker.check("a", choice).message == "Not a. L2 is divided by √v̂.")
        #expect(AnswerChecker.check("z", choice).outcome == .unreadable)
        let text = try QuestionInstance(try question("""
            id: w
            kind: text
            prompt: What does AdamW change?
            keywords: [[decoupled, separate], weight]
            answer: The weight decay is decoupled from the gradient.
            """), seed: 0)
        #expect(AnswerChecker.check("Weight decay is SEPARATE from the adaptive step", text).outcome == .correct)
        #expect(AnswerChecker.check("the decay is decoupled from the step", text).message == "Not quite: your answer does not say “weight”.")
    }

    @Test func randomGivensAreSeededAndRounded() throws {
        let q = try question("""
            id: r
            prompt: "g = {{ g }}"
            given:
              g: {random: [0.01, 5.0], digits: 2}
              n: {random: [5, 50], integer: true}
              c: {choice: [0.9, 0.99]}
              twice: {expr: "2 * g"}
            answer: adam_m(g) * twice
            """)
        let a = try QuestionInstance(q, seed: 42), b = try QuestionInstance(q, seed: 42), c = try QuestionInstance(q, seed: 43)
        #expect(a.inputs == b.inputs)
        #expect(a.inputs != c.inputs)
        guard case .number(let g)? = a.inputs["g"], case .number(let n)? = a.inputs["n"] else { Issue.record("missing"); return }
        #expect(g >= 0.01 && g <= 5 && Given.roundSignificant(g, digits: 2) == g)
        #expect(n == n.rounded() && n >= 5 && n <= 50)
        #expect(a.inputs["twice"] == .number(2 * g))
        #expect(try a.prompt() == "g = \(ValueFormatter.plain(g))")
    }

    /// No number is typed into a lesson: change an input and the expected answer follows.
    @Test func changingAnInputChangesTheAnswer() throws {
        let before = try QuestionInstance(try question("id: m\nprompt: m?\ngiven: {g: 0.5}\nanswer: adam_m([g, g])"), seed: 0)
        let after = try QuestionInstance(try question("id: m\nprompt: m?\ngiven: {g: 0.7}\nanswer: adam_m([g, g])"), seed: 0)
        // m₂ = 0.9·0.1·g + 0.1·g = 0.19·g.
        #expect(abs(before.expected! - 0.19 * 0.5) < 1e-15)
        #expect(abs(after.expected! - 0.19 * 0.7) < 1e-15)
    }
}
