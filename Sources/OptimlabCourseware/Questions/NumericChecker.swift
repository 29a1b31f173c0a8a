import OptimlabEngine

/// Checks a numeric answer against the engine's value at the question's stated precision. A wrong
/// answer is explained by the first declared slip or known mistake that explains it better than
/// rounding does: it matches that slip's value at the stated precision, is nearer to it than to the
/// right value, and the slip's own correctly rounded value would not have been accepted.
public enum NumericChecker {
    /// One way a wrong answer can come about: its value for these inputs and what to say.
    struct Candidate {
        var value: Double
        var message: String
        var mistake: KnownMistake?
        var slip: String?
    }

    static func check(_ input: String, _ e: Expression, _ instance: QuestionInstance, mistakes: MistakeCatalogue) -> Verdict {
        let q = instance.question
        var x: Double
        do { x = try NumericAnswer.parse(input) } catch {
            return Verdict(outcome: .unreadable, message: error.description)
        }
        // In a percent question "2%" and "2" both mean 2 percent.
        if q.precision?.unit == .percent, input.contains("%") { x *= 100 }
        guard let expected = instance.expected else { return Verdict(outcome: .unreadable, message: "this question has no answer") }
        if accepts(q, x, expected) {
            return Verdict(outcome: .correct, message: "Correct. The engine's value is \(instance.answerText) (\(q.toleranceText)).")
        }
        let candidates = self.candidates(e, instance, expected: expected, mistakes: mistakes)
        let explaining = candidates.filter { c in
            !indistinguishable(q, c.value, expected) && matches(q, x, c.value) && abs(x - c.value) < abs(x - expected)
        }
        if let best = explaining.min(by: { abs(x - $0.value) < abs(x - $1.value) }) {
            return Verdict(outcome: .wrong, message: best.message, mistake: best.mistake, slip: best.slip)
        }
        if let precision = q.precision {
            if precision.positive, expected != 0, accepts(q, -x, expected) {
                return Verdict(outcome: .close, message: "Close: the size is right; give it as a positive number.")
            }
            if precision.unit == .percent, !input.contains("%"), accepts(q, x * 100, expected) {
                return Verdict(outcome: .close, message: "Close: that is the fraction; the question asks for percent (\(ValueFormatter.readable(x)) is \(ValueFormatter.readable(x * 100))%).")
            }
            if precision.isClose(x, expected: expected) {
                return Verdict(outcome: .close, message: "Close: \(precision.request) (carry full precision through the intermediate steps).")
            }
        }
        if expected != 0, accepts(q, -x, expected) {
            return Verdict(outcome: .wrong, message: "Not quite: the size is right but the sign is not.")
        }
        return Verdict(outcome: .wrong, message: "Not quite.")
    }

    static func accepts(_ q: Question, _ x: Double, _ b: Double) -> Bool {
        if let precision = q.precision {
            return precision.accepts(x, expected: b) || (q.hasExplicitTolerance && q.tolerance.accepts(x, expected: b))
        }
        return q.tolerance.accepts(x, expected: b)
    }

    /// An answer `x` that a slip with value `v` explains: `x` is `v` at the stated precision.
    static func matches(_ q: Question, _ x: Double, _ v: Double) -> Bool {
        if let precision = q.precision { return precision.accepts(x, expected: v) }
        return q.tolerance.accepts(x, expected: v)
    }

    /// Whether a learner making the slip would be marked right anyway: its correctly rounded value is accepted.
    public static func indistinguishable(_ q: Question, _ v: Double, _ b: Double) -> Bool {
        guard v.isFinite else { return true }
        if let precision = q.precision { return accepts(q, precision.rounded(v), b) }
        return q.tolerance.accepts(v, expected: b)
    }

    /// The declared slips, then the known mistakes that change the answer for these inputs.
    static func candidates(_ e: Expression, _ instance: QuestionInstance, expected: Double, mistakes: MistakeCatalogue) -> [Candidate] {
        var out: [Candidate] = []
        for slip in instance.question.slips {
            guard let v = try? QuestionInstance.evaluate(slip.expression, inputs: instance.inputs, variant: .correct) else { continue }
            out.append(Candidate(value: v, message: "Not quite: " + Sentence.ending(instance.explanation(slip)), slip: slip.id))
        }
        for m in instance.question.mistakes ?? KnownMistake.allCases {
            guard let v = try? QuestionInstance.evaluate(e, inputs: instance.inputs, variant: .mistake(m)), v != expected else { continue }
            let words = mistakes[m]
            out.append(Candidate(value: v, message: "Not quite: that is the answer with the mistake “\(words.title)”. \(words.explanation)", mistake: m))
        }
        return out
    }

    /// Each declared slip and listed mistake with its value at `instance`, for `check`'s distinguishability test.
    public static func declaredValues(_ instance: QuestionInstance) -> [(name: String, value: Double)] {
        guard case .expression(let e, _) = instance.question.answer else { return [] }
        var out: [(String, Double)] = []
        for slip in instance.question.slips {
            if let v = try? QuestionInstance.evaluate(slip.expression, inputs: instance.inputs, variant: .correct) { out.append(("slip '\(slip.id)'", v)) }
        }
        for m in instance.question.mistakes ?? [] {
            if let v = try? QuestionInstance.evaluate(e, inputs: instance.inputs, variant: .mistake(m)) { out.append(("mistake '\(m.rawValue)'", v)) }
        }
        return out
    }
}
