import OptimlabEngine

/// A question with its inputs drawn for one learner (one seed): the prompt, hints and solution are
/// rendered with these inputs, and the expected answer is the engine's value for them.
public struct QuestionInstance: Sendable {
    public var question: Question
    public var seed: UInt64
    /// The seed the shared givens (``Question/sharedGiven``) were drawn with: the seed of the question
    /// they come from, so "Same parameter, g = …" shows the g of that question.
    public var sharedSeed: UInt64
    public var inputs: [String: Value]
    /// The engine's answer (numeric questions).
    public var expected: Double?
    /// For `order` questions: the item shown as letter i is `question.choices[displayOrder[i]]`.
    public var displayOrder: [Int]

    public init(_ question: Question, seed: UInt64, sharedSeed: UInt64? = nil) throws(ExpressionError) {
        self.question = question
        self.seed = seed
        self.sharedSeed = sharedSeed ?? seed
        let shared = try Given.draw(question.sharedGiven, seed: sharedSeed ?? seed)
        inputs = try Given.draw(question.given, seed: seed, into: shared)
        displayOrder = Array(question.choices.indices)
        if case .expression(let e, _) = question.answer {
            let v = try Self.evaluate(e, inputs: inputs, variant: .correct)
            guard v.isFinite else { throw ExpressionError("the answer evaluates to \(ValueFormatter.plain(v))") }
            expected = v
        }
        if question.kind == .order { displayOrder = Self.shuffled(question.choices.count, seed: seed) }
    }

    /// A seeded shuffle of 0..<n that is never the identity (n ≥ 2), so the right order is never the one shown.
    static func shuffled(_ n: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<n)
        guard n >= 2 else { return order }
        var rng = SeededGenerator(seed: seed ^ 0x5EED_0DE5)
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        if order == Array(0..<n) { order = Array(order.dropFirst()) + [order[0]] }
        return order
    }

    /// Evaluates an answer expression to a number under `variant`.
    static func evaluate(_ e: Expression, inputs: [String: Value], variant: Variant) throws(ExpressionError) -> Double {
        var ev = Evaluator(variables: inputs, variant: variant)
        let v = try ev.evaluate(e)
        guard case .number(let x) = v else { throw ExpressionError("the answer is \(v.typeName), not a number") }
        return x
    }

    var evaluator: Evaluator { Evaluator(variables: inputs) }

    /// The prompt with its holes filled, ending with the precision statement of a numeric question.
    public func prompt() throws(ExpressionError) -> String {
        let text = try question.prompt.render(with: evaluator)
        guard let precision = question.precision else { return text }
        let body = text.trimmingCharacters(in: { $0.isWhitespace })
        return body + (body.contains("\n") ? "\n" : " ") + precision.statement
    }

    /// The options as the learner sees them (an `order` question's shuffled).
    public var shownChoices: [String] { displayOrder.map { question.choices[$0] } }

    public func hint(_ i: Int) throws(ExpressionError) -> String? {
        guard question.hints.indices.contains(i) else { return nil }
        return try question.hints[i].render(with: evaluator)
    }

    public func solution() throws(ExpressionError) -> String? { try question.solution?.render(with: evaluator) }

    /// The explanation of a declared slip, its holes filled.
    func explanation(_ slip: Slip) -> String { (try? slip.explanation.render(with: evaluator)) ?? slip.explanation.source }

    /// The right answer as the learner should read it once answered or revealed: a number rounded as
    /// the prompt asks, never with float noise (the answer key's JSON keeps the full value).
    public var answerText: String {
        switch question.answer {
        case .expression:
            guard let expected else { return "?" }
            return question.precision?.format(expected) ?? ValueFormatter.readable(expected)
        case .choice(let i): return "\(ChoiceLabels.letter(i))) \(question.choices.indices.contains(i) ? question.choices[i] : "?")"
        case .rubric(let rubric, let model): return model ?? rubric.ideas.map(\.name).joined(separator: "; ")
        case .order:
            let letters = question.choices.indices.map { item in displayOrder.firstIndex(of: item).map(ChoiceLabels.letter) ?? "?" }
            return letters.joined(separator: " ") + ": " + question.choices.joined(separator: " → ")
        case .select(let right):
            return right.sorted().map { "\(ChoiceLabels.letter($0))) \(question.choices[$0])" }.joined(separator: "; ")
        }
    }
}
