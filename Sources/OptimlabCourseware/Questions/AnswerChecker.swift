import OptimlabEngine

/// Checks answers. A wrong numeric answer is compared with the answer expression re-evaluated under
/// each known mistake (``Variant/mistake(_:)``): a match names the mistake and explains it.
public enum AnswerChecker {
    public static func check(_ input: String, _ instance: QuestionInstance) -> Verdict {
        let q = instance.question
        switch q.answer {
        case .expression(let e, _):
            let x: Double
            do { x = try NumericAnswer.parse(input) } catch {
                return Verdict(outcome: .unreadable, message: error.description)
            }
            guard let expected = instance.expected else { return Verdict(outcome: .unreadable, message: "this question has no answer") }
            if q.tolerance.accepts(x, expected: expected) {
                return Verdict(outcome: .correct, message: "Correct. The engine's value is \(ValueFormatter.exact(expected)) (tolerance: \(q.tolerance)).")
            }
            if let m = matchingMistake(x, e, instance) {
                return Verdict(outcome: .wrong, message: "Not quite: that is the answer with the mistake “\(m.title)”. \(m.explanation)", mistake: m)
            }
            if expected != 0, q.tolerance.accepts(-x, expected: expected) {
                return Verdict(outcome: .wrong, message: "Not quite: the size is right but the sign is not.")
            }
            return Verdict(outcome: .wrong, message: "Not quite.")
        case .choice(let right):
            guard let i = ChoiceLabels.index(of: input, count: q.choices.count) else {
                let last = ChoiceLabels.letter(q.choices.count - 1)
                return Verdict(outcome: .unreadable, message: "answer with a letter a–\(last) (or a number 1–\(q.choices.count))")
            }
            let explanation = q.explanations.indices.contains(i) ? " " + q.explanations[i] : ""
            if i == right { return Verdict(outcome: .correct, message: "Correct.\(explanation)") }
            return Verdict(outcome: .wrong, message: "Not \(ChoiceLabels.letter(i)).\(explanation)")
        case .keywords(let groups, _):
            let text = input.lowercased()
            guard !text.trimmingCharacters(in: { $0.isWhitespace }).isEmpty else {
                return Verdict(outcome: .unreadable, message: "type your answer in a few words")
            }
            let missing = groups.filter { group in !group.contains { text.contains($0) } }
            if missing.isEmpty { return Verdict(outcome: .correct, message: "Correct.") }
            return Verdict(outcome: .wrong, message: "Not quite: your answer misses \(missing.count) of the \(groups.count) key ideas.")
        }
    }

    /// The first known mistake whose answer is distinguishable from the right one and matches `x`.
    static func matchingMistake(_ x: Double, _ e: Expression, _ instance: QuestionInstance) -> KnownMistake? {
        guard let expected = instance.expected else { return nil }
        let tolerance = instance.question.tolerance
        for m in instance.question.mistakes ?? KnownMistake.allCases {
            guard let v = try? QuestionInstance.evaluate(e, inputs: instance.inputs, variant: .mistake(m)),
                  v.isFinite, !tolerance.accepts(v, expected: expected) else { continue }
            if tolerance.accepts(x, expected: v) { return m }
        }
        return nil
    }
}
