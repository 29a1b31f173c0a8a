import Testing
@testable import OptimlabCourseware

/// A numeric answer's precision is declared once and honoured: the prompt says it, the correctly
/// rounded value always passes, a value with too few figures is "close" and costs no try.
@Suite struct PrecisionTests {
    @Test func statementsSayWhatIsWanted() {
        #expect(Precision(.significant(3)).statement == "Give it to 3 significant figures.")
        #expect(Precision(.decimals(2)).statement == "Give it to 2 decimal places.")
        #expect(Precision(.decimals(0)).statement == "Give it as a whole number.")
        #expect(Precision(.significant(3), unit: .percent).statement == "Give it in percent (2 for 2%), to 3 significant figures.")
        #expect(Precision(.significant(3), positive: true).statement == "Give it as a positive number, to 3 significant figures.")
    }

    @Test func toleranceFollowsTheStatement() {
        let p = Precision(.significant(3))
        #expect(p.lastPlace(0.043617) == 1e-4 || abs(p.lastPlace(0.043617) - 1e-4) < 1e-18)
        #expect(p.accepts(0.0436, expected: 0.043617))        // correctly rounded
        #expect(p.accepts(0.0437, expected: 0.043617))        // one unit off in the last digit
        #expect(!p.accepts(0.0438, expected: 0.043617))
        #expect(p.isClose(0.044, expected: 0.043617))         // 2 figures: close
        #expect(!p.isClose(0.05, expected: 0.043617))
        #expect(p.format(999.9999999999991) == "1000")
        #expect(p.format(-0.043617) == "-0.0436")
        #expect(Precision(.decimals(4)).accepts(-1.2346, expected: -1.23456))
        #expect(!Precision(.decimals(4)).accepts(-1.2348, expected: -1.23456))
    }

    @Test func readableNeverShowsFloatNoise() {
        #expect(ValueFormatter.readable(999.9999999999991) == "1000")
        #expect(ValueFormatter.readable(0.22860000000000003) == "0.2286")
        #expect(ValueFormatter.readable(2.5) == "2.5")
        #expect(ValueFormatter.readable(-0.0436) == "-0.0436")
        #expect(ValueFormatter.readable(-0.0) == "0")
        #expect(ValueFormatter.readable(3.162277660168379e-5) == "3.16228e-5")
    }

    /// The acceptance test of issue 13: for every numeric question of the real lessons and 200 learner
    /// seeds, the engine's value rounded to the stated precision, typed as a learner would, is correct,
    /// and so is the value the learner is shown after answering.
    @Test func everyNumericQuestionAcceptsItsCorrectlyRoundedAnswer() throws {
        let numeric = RealCourse.questions.filter { $0.question.kind == .numeric }
        #expect(numeric.count >= 50)
        var checked = 0
        for (lesson, q) in numeric {
            let precision = try #require(q.precision, "\(lesson)/\(q.id) states no precision")
            for seed in UInt64(0)..<200 {
                let instance = try QuestionInstance(q, seed: seed)
                let b = try #require(instance.expected)
                let typed = ValueFormatter.readable(precision.rounded(b))
                let verdict = AnswerChecker.check(typed, instance)
                #expect(verdict.outcome == .correct, "\(lesson)/\(q.id) seed \(seed): \(typed) for \(b): \(verdict.message)")
                let shown = instance.answerText
                #expect(AnswerChecker.check(shown, instance).outcome == .correct, "\(lesson)/\(q.id) seed \(seed): shown \(shown)")
                checked += 1
                if !q.isRandomised { break }
            }
        }
        #expect(checked > 5000)
    }

    /// No answer a learner reads carries float noise: at most 6 significant digits, never runs of 0s or 9s.
    @Test func revealedAnswersAreRoundedSensibly() throws {
        for (lesson, q) in RealCourse.questions where q.kind == .numeric {
            for seed in UInt64(0)..<20 {
                let text = try QuestionInstance(q, seed: seed).answerText
                let mantissa = text.prefix { $0 != "e" && $0 != "%" }.filter(\.isNumber).drop { $0 == "0" }
                #expect(mantissa.count <= 6, "\(lesson)/\(q.id): \(text)")
                #expect(!text.contains("0000000") && !text.contains("99999"), "\(lesson)/\(q.id): \(text)")
            }
        }
    }

    static let lesson = """
        id: pct
        prompt: "What percentage of 100000 steps is a warmup of {{ w }}?"
        given: {w: 10}
        answer: 100 * w / 100000
        precision: {sig: 3, unit: percent}
        """

    @Test func percentAnswersAndTheirSlips() throws {
        let instance = try QuestionInstance(try question(Self.lesson), seed: 0)
        #expect(try instance.prompt() == "What percentage of 100000 steps is a warmup of 10? Give it in percent (2 for 2%), to 3 significant figures.")
        #expect(AnswerChecker.check("0.01", instance).outcome == .correct)
        #expect(AnswerChecker.check("0.01%", instance).outcome == .correct)
        #expect(instance.answerText == "0.01%")
        let fraction = AnswerChecker.check("0.0001", instance)
        #expect(fraction == Verdict(outcome: .close, message: "Close: that is the fraction; the question asks for percent (0.0001 is 0.01%)."))
        #expect(!fraction.costsATry)
    }

    @Test func tooFewFiguresIsCloseAndCostsNoTry() throws {
        let q = try question("""
            id: f
            prompt: "1/(1 − 0.9^t) for t = {{ t }}?"
            given: {t: 7}
            answer: bias_correction(0.9, t)
            precision: {sig: 3}
            """)
        let instance = try QuestionInstance(q, seed: 0)      // 1/(1 − 0.9⁷) = 1.91318…
        #expect(AnswerChecker.check("1.91", instance).outcome == .correct)
        #expect(AnswerChecker.check("1.9", instance) == Verdict(outcome: .close, message: "Close: give 3 significant figures (carry full precision through the intermediate steps)."))
        #expect(AnswerChecker.check("2.5", instance).outcome == .wrong)
        #expect(AnswerChecker.check("-1.91", instance).message == "Not quite: the size is right but the sign is not.")
    }
}
