import OptimlabEngine

/// A checkpoint, practice problem or drill inside a lesson.
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case numeric, choice, text
    }

    /// What counts as right.
    public enum Answer: Sendable, Equatable {
        /// An expression over the inputs, evaluated by the engine.
        case expression(Expression, source: String)
        /// The index of the right choice.
        case choice(Int)
        /// Every group must be matched by one of its alternatives; `model` is shown afterwards.
        case keywords([[String]], model: String?)
    }

    public var id: String
    public var kind: Kind
    public var source: String?
    public var prompt: Template
    public var given: [Given]
    public var answer: Answer
    public var tolerance: Tolerance
    public var hints: [Template]
    public var solution: Template?
    public var attempts: Int
    /// Mistakes to recognise in a wrong numeric answer; nil means every known mistake.
    public var mistakes: [KnownMistake]?
    public var choices: [String]
    public var explanations: [String]
    public var line: Int
    /// The line of the `answer:` field, for errors found when evaluating it.
    public var answerLine: Int

    /// Whether any input is drawn at random (and so differs per learner).
    public var isRandomised: Bool {
        given.contains { g in
            switch g.source {
            case .random, .choice: true
            default: false
            }
        }
    }
}
