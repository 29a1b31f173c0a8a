import OptimlabEngine

/// A question with its inputs drawn for one learner (one seed): the prompt, hints and solution are
/// rendered with these inputs, and the expected answer is the engine's value for them.
public struct QuestionInstance: Sendable {
    public var question: Question
    public var seed: UInt64
    public var inputs: [String: Value]
    /// The engine's answer (numeric questions).
    public var expected: Double?

    public init(_ question: Question, seed: UInt64) throws(ExpressionError) {
        self.question = question
        self.seed = seed
        inputs = try Given.draw(question.given, seed: seed)
        if case .expression(let e, _) = question.answer {
            let v = try Self.evaluate(e, inputs: inputs, variant: .correct)
            guard v.isFinite else { throw ExpressionError("the answer evaluates to \(ValueFormatter.plain(v))") }
            expected = v
        }
    }

    /// Evaluates an answer expression to a number under `variant`.
    static func evaluate(_ e: Expression, inputs: [String: Value], variant: Variant) throws(ExpressionError) -> Double {
        var ev = Evaluator(variables: inputs, variant: variant)
        let v = try ev.evaluate(e)
        guard case .number(let x) = v else { throw ExpressionError("the answer is \(v.typeName), not a number") }
        return x
    }

    var evaluator: Evaluator { Evaluator(variables: inputs) }

    public func prompt() throws(ExpressionError) -> String { try question.prompt.render(with: evaluator) }

    public func hint(_ i: Int) throws(ExpressionError) -> String? {
        guard question.hints.indices.contains(i) else { return nil }
        return try question.hints[i].render(with: evaluator)
    }

    public func solution() throws(ExpressionError) -> String? { try question.solution?.render(with: evaluator) }

    /// The right answer as the learner should read it once answered or revealed.
    public var answerText: String {
        switch question.answer {
        case .expression: expected.map(ValueFormatter.exact) ?? "?"
        case .choice(let i): "\(ChoiceLabels.letter(i))) \(question.choices.indices.contains(i) ? question.choices[i] : "?")"
        case .keywords(let groups, let model): model ?? groups.map { $0.joined(separator: " / ") }.joined(separator: ", ")
        }
    }
}
