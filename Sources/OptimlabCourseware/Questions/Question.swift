import OptimlabEngine

/// A checkpoint, practice problem or drill inside a lesson.
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A number the engine computes.
        case numeric
        /// One right option among `choices`.
        case choice
        /// Free text graded by a rubric (or, in older lessons, `keywords`).
        case text
        /// The `choices` put in the right order (they are written in that order and shown shuffled).
        case order
        /// Every right option among `choices`, and no wrong one (select all that apply).
        case select
    }

    /// What counts as right.
    public enum Answer: Sendable, Equatable {
        /// An expression over the inputs, evaluated by the engine.
        case expression(Expression, source: String)
        /// The index of the right choice.
        case choice(Int)
        /// A free-text answer graded by `rubric`; `model` is shown after the verdict.
        case rubric(Rubric, model: String?)
        /// The choices as written are the right order.
        case order
        /// The indices of the right options.
        case select(Set<Int>)
    }

    /// Which functions `calc` offers while the question is on screen.
    public enum CalculatorAccess: String, Sendable, Equatable, CaseIterable {
        /// Arithmetic and the elementary functions (sqrt, exp, ln, …): the learner does the optimizer math.
        case elementary
        /// The whole catalogue, the question's own engine function included.
        case full
    }

    public var id: String
    public var kind: Kind
    public var source: String?
    public var prompt: Template
    public var given: [Given]
    /// The givens of the question named by `shares`, drawn with that question's seed.
    public var sharedGiven: [Given] = []
    public var answer: Answer
    /// An explicit tolerance (`tolerance:`); a question with `precision` accepts what either accepts.
    public var tolerance: Tolerance
    /// Whether `tolerance:` was written (else it is the default).
    public var hasExplicitTolerance = false
    /// The declared precision of a numeric answer; it states the wording and the tolerance.
    public var precision: Precision?
    public var hints: [Template]
    public var solution: Template?
    public var attempts: Int
    /// Mistakes to recognise in a wrong numeric answer; nil means every known mistake.
    public var mistakes: [KnownMistake]?
    /// Hand-calculation slips declared by the lesson, recognised in a wrong numeric answer.
    public var slips: [Slip] = []
    /// The earlier question of the lesson whose givens this one shares (`shares: p2-moments`).
    public var shares: String?
    public var calculator: CalculatorAccess = .elementary
    public var choices: [String]
    public var explanations: [String]
    public var line: Int
    /// The line of the `answer:` field, for errors found when evaluating it.
    public var answerLine: Int

    /// Whether any input is drawn at random (and so differs per learner).
    public var isRandomised: Bool {
        (sharedGiven + given).contains { g in
            switch g.source {
            case .random, .choice: true
            default: false
            }
        }
    }

    /// The tolerance as the learner reads it: the precision statement, else the explicit tolerance.
    public var toleranceText: String { precision.map(\.digitsPhrase) ?? "tolerance: \(tolerance)" }
}
